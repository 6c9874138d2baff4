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

        Lỗi được ghi ra stderr, mã thoát khác 0 (errors go to stderr with a non-zero exit code).
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
