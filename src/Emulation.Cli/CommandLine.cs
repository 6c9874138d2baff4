using Emulation.Cli.Commands;

namespace Emulation.Cli;

/// <summary>The <c>emulation</c> command: dispatches to one command per verb.</summary>
internal static class CommandLine
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;

    public const string Help = """
        emulation — công cụ quản trị của Emulation (Emulation's administrator tool)

          emulation validate <campaign.json|units.json>…
              Kiểm tra tệp đợt thi đua và tệp đơn vị (check campaign and units files)

          emulation rank   --campaign <campaign.json> --entries <entries.csv> [--month M] [--format json|table|csv]
              Xếp hạng lũy kế đến tháng M (year-to-date ranking after month M; default the last month)

          emulation awards --campaign <campaign.json> --entries <entries.csv> [--month M] [--format json|table|csv]
              Đề nghị khen thưởng theo quy tắc (the award rules' proposal)

          emulation explain --campaign <campaign.json> --entries <entries.csv> --unit U [--month M | --in-month M] [--format json|table]
              Giải thích điểm của một đơn vị: lũy kế đến tháng M, hoặc riêng tháng M
              (why unit U has its score: year to date after month M, or month M alone)

        Với rank, awards, explain (with rank, awards, explain):
          --units <units.json>  đối chiếu đơn vị, loại, khối của mọi dòng với tệp đơn vị
                                (check every row's unit, kind and block against a units file)
          --lang vi|en          ngôn ngữ của bảng (the language of a table; default vi)

        entries.csv (UTF-8): unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on[,deadline]
        --format mặc định là json (the default format is json); table cho người đọc (for people).
        Định dạng tệp và quy tắc tính điểm: criteria/README.md, mục "Campaign file", "Units file", "Scoring", "entries.csv"
        (file formats and scoring rules: criteria/README.md, sections "Campaign file", "Units file", "Scoring", "entries.csv").

        Lỗi được ghi ra stderr, mã thoát 1, lỗi cú pháp lệnh mã 2; khi có lỗi, stdout để trống
        (errors go to stderr with exit code 1, usage errors 2; nothing is printed on stdout then).
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            (args.Length == 0 ? error : output).WriteLine(Help);
            return args.Length == 0 ? Usage : Ok;
        }

        return args[0] switch
        {
            "validate" => ValidateCommand.Run(args[1..], output, error),
            "rank" => RankCommand.Run(args[1..], output, error),
            "awards" => AwardsCommand.Run(args[1..], output, error),
            "explain" => ExplainCommand.Run(args[1..], output, error),
            _ => UnknownCommand(args[0], error),
        };
    }

    private static int UnknownCommand(string verb, TextWriter error)
    {
        error.WriteLine($"Lệnh không hợp lệ \"{verb}\" (unknown command \"{verb}\").");
        error.WriteLine(Help);
        return Usage;
    }
}
