using System.Globalization;
using System.Text;
using CsCheck;
using Emulation.Core.Entries;

namespace Emulation.Core.Tests.Entries;

/// <summary>
/// The entries file read in chunks on several threads gives exactly what one thread gives: the
/// same input, errors (lines, columns, messages, order), warnings, names and row count.
/// </summary>
public sealed class EntriesCsvChunkTests
{
    private const string Header = "unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline\n";

    private static EntriesFile Read(string csv, int threads, int chunkBytes) =>
        EntriesCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), EntriesCampaign.Campaign, threads, chunkBytes);

    /// <summary>Everything a read gives, as one text to compare.</summary>
    internal static string Describe(EntriesFile file)
    {
        var text = new StringBuilder()
            .AppendLine($"rows {file.Rows}, errors {file.ErrorCount}, warnings {file.WarningCount}");
        foreach (var e in file.Errors)
        {
            text.AppendLine($"E {e}");
        }

        foreach (var w in file.Warnings)
        {
            text.AppendLine($"W {w}");
        }

        foreach (var (unit, name) in file.UnitNames.OrderBy(n => n.Key, StringComparer.Ordinal))
        {
            text.AppendLine($"N {unit}={name}");
        }

        if (file.Input is { } input)
        {
            text.AppendLine(string.Join(";", input.Units));
            foreach (var s in input.Submissions)
            {
                text.AppendLine($"{s.Unit}/{s.Month}/{s.SubmittedOn}/{s.Deadline}:{string.Join(",", s.Entries)}");
            }
        }

        return text.ToString();
    }

    private static void SameAsOneThread(string csv, int chunkBytes)
    {
        var expected = Describe(Read(csv, 1, EntriesCsvReader.ChunkBytes));
        Assert.Equal(expected, Describe(Read(csv, 2, chunkBytes)));
    }

    [Fact]
    public void A_quoted_name_with_a_line_break_across_a_chunk_boundary_reads_as_one_record()
    {
        var csv = Header +
            "A,Sở A,department,B1,1,1.1,yes,,,\n" +
            "B,\"Sở\nB, \"\"mới\"\"\",department,B1,1,1.1,no,,,\n" +
            "C,Sở C,department,B1,1,1.1,yes,,,\n" +
            "D,Sở D,department,B1,1,1.1,x,,,\n";

        // Every chunk size cuts the file somewhere else, inside the quoted name too.
        for (var size = 1; size <= csv.Length; size++)
        {
            var file = Read(csv, 2, size);
            var error = Assert.Single(file.Errors);
            Assert.Equal(6, error.Line);
            Assert.Equal("Sở\nB, \"mới\"", file.UnitNames["B"]);
            Assert.Equal(4, file.Rows);
            SameAsOneThread(csv, size);
        }
    }

    [Fact]
    public void An_error_in_a_later_chunk_keeps_its_line_and_the_first_error_stays_first()
    {
        var rows = Enumerable.Range(0, 400).Select(i => $"U{i:000},Đơn vị {i},department,B1,1,1.1,yes,,2017-02-0{1 + (i % 5)},").ToList();
        rows[250] = "U250,Đơn vị 250,department,B1,1,1.1,maybe,,,";
        rows[390] = "U390,Đơn vị 390,department,B1,13,1.1,yes,,,";
        var csv = Header + string.Join('\n', rows) + "\n";

        var file = Read(csv, 2, 1024);

        Assert.Equal([252, 392], file.Errors.Select(e => e.Line));
        Assert.Equal([7, 5], file.Errors.Select(e => e.Column));
        SameAsOneThread(csv, 1024);
    }

    [Fact]
    public void A_bad_row_right_on_a_chunk_boundary_reports_its_line()
    {
        var good = "A,Sở A,department,B1,1,1.1,yes,,,\n";
        var bad = "B,Sở B,department,B1,1,1.1,maybe,,,\n";
        var csv = Header + good + bad + good.Replace("A", "C", StringComparison.Ordinal);

        // Chunks ending just before, inside and just after the bad row.
        foreach (var size in new[] { Header.Length + good.Length, Header.Length + good.Length + 1, Header.Length + good.Length + bad.Length })
        {
            var error = Assert.Single(Read(csv, 2, size).Errors);
            Assert.Equal(3, error.Line);
            Assert.Equal(7, error.Column);
        }
    }

    [Fact]
    public void Quoting_that_misleads_the_cut_falls_back_to_one_sequence_with_the_same_result()
    {
        // A quote inside an unquoted field, then a quoted field running over lines: counting quotes
        // alone would cut inside a record.
        var csv = Header +
            "A,Sở \"A,department,B1,1,1.1,yes,,,\n" +
            "B,\"Sở\nB\",department,B1,1,1.1,no,,,\n" +
            "C,Sở C,department,B1,1,1.1,yes,,,\n" +
            "D,\"x\"y,department,B1,1,1.1,yes,,,\n" +
            "E,Sở E,department,B1,1,1.1,yes,,,\n";

        for (var size = 1; size <= csv.Length; size++)
        {
            SameAsOneThread(csv, size);
        }
    }

    [Fact]
    public void Lone_carriage_returns_and_a_file_without_a_final_line_end_read_the_same()
    {
        var csv = Header.TrimEnd('\n') + "\r" +
            "A,Sở A,department,B1,1,1.1,yes,,,\r" +
            "B,Sở B,department,B1,1,1.1,no,,,\r\n" +
            "C,Sở C,department,B1,1,1.1,x,,,";

        for (var size = 1; size <= csv.Length; size++)
        {
            SameAsOneThread(csv, size);
        }
    }

    [Fact]
    public void Answers_shared_between_rows_are_the_values_each_rows_text_parses_to_on_one_thread_and_on_two()
    {
        // Many repeated answers (shared) and ratios that mostly differ (the cache switches itself off
        // for them), with spaces and trailing zeros that must keep their own text's value.
        var random = new Random(2017);
        var rows = new StringBuilder(Header);
        var expected = new Dictionary<(string Unit, int Month, string Criterion), string>();
        for (var u = 0; u < 300; u++)
        {
            for (var month = 1; month <= 2; month++)
            {
                var yes = random.Next(2) == 0 ? "yes" : " no";
                var numerator = random.Next(3) == 0 ? "2.50" : $"{random.Next(1000)}";
                var denominator = random.Next(3) == 0 ? "5" : $"{1 + random.Next(1000)}.0";
                var count = $"{random.Next(4)}";
                rows.Append(CultureInfo.InvariantCulture, $"U{u},Đơn vị {u},department,B1,{month},1.1,{yes},,,\n");
                rows.Append(CultureInfo.InvariantCulture, $"U{u},Đơn vị {u},department,B1,{month},2.1,{numerator},{denominator},,\n");
                rows.Append(CultureInfo.InvariantCulture, $"U{u},Đơn vị {u},department,B1,{month},2.2,{count},,,\n");
                var framework = EntriesCampaign.Campaign.Frameworks["department"];
                expected[($"U{u}", month, "1.1")] = EntryValueParser.Parse(framework.Find("1.1")!, yes).Value.ToString();
                expected[($"U{u}", month, "2.1")] = EntryValueParser.Parse(framework.Find("2.1")!, numerator, denominator).Value.ToString();
                expected[($"U{u}", month, "2.2")] = EntryValueParser.Parse(framework.Find("2.2")!, count).Value.ToString();
            }
        }

        var csv = rows.ToString();
        foreach (var (threads, size) in new[] { (1, EntriesCsvReader.ChunkBytes), (2, 4096), (2, 977) })
        {
            var input = Read(csv, threads, size).Input!;
            var read = input.Submissions.SelectMany(s => s.Entries.Select(e => ((s.Unit, s.Month, e.Criterion), e.Value.ToString())));
            Assert.Equal(expected.OrderBy(e => e.Key), read.ToDictionary().OrderBy(e => e.Key));
        }
    }

    private static readonly string[] Criteria = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "9.9", "1"];
    private static readonly string[] Values = ["yes", "no", "A", "B", "7", "12.5", "x", "", "-1"];

    private static readonly Gen<string> Field = Gen.String[Gen.Char["aởĐ ,\"\r\n;x1"], 0, 8];

    private static readonly Gen<string> Rows =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 3], Gen.Int[0, 4], Gen.Int[0, Criteria.Length - 1], Gen.Int[0, Values.Length - 1], Gen.Int[0, 12], Field)
            .Select((unit, kind, month, criterion, value, day, name) =>
            {
                var kindText = kind switch { 0 => "department", 1 => "district", 2 => "department", _ => "town" };
                var date = day == 0 ? "" : day == 12 ? "2017-13-01" : $"2017-0{1 + (day % 4)}-0{day % 9 + 1}";
                var quoted = name.AsSpan().IndexOfAny(",\"\r\n") >= 0 && name.Length % 2 == 0
                    ? "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
                    : name; // sometimes left unquoted on purpose: malformed rows must read the same too
                return $"U{unit},{quoted},{kindText},B{unit % 2},{month},{Criteria[criterion]},{Values[value]},,{date},";
            })
            .Array[0, 40]
            .Select(rows => string.Join('\n', rows));

    [Fact]
    public void Random_files_read_the_same_on_one_thread_and_in_chunks_on_two()
    {
        Gen.Select(Rows, Gen.Int[1, 300], Gen.Bool).Sample((rows, size, crlf) =>
        {
            var csv = Header + (crlf ? rows.Replace("\n", "\r\n", StringComparison.Ordinal) : rows);
            SameAsOneThread(csv, size);
        }, iter: 300);
    }
}

public sealed class EntriesDateTests
{
    private const string Header = "unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline\n";

    [Theory]
    [InlineData("2017-02-03")]
    [InlineData("2016-02-29")]
    [InlineData("2017-02-29")]
    [InlineData("2017-13-01")]
    [InlineData("2017-00-10")]
    [InlineData("0000-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("2017-1-03")]
    [InlineData("2017-01-3")]
    [InlineData("17-01-03")]
    [InlineData("2017/01/03")]
    [InlineData("２０１７-01-03")]
    [InlineData("2017-01-03T00")]
    public void A_date_reads_exactly_as_the_iso_format_parses_it(string text)
    {
        var expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? (DateOnly?)date
            : null;

        var file = EntriesCsvReader.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Header + $"A,Sở A,department,B1,1,1.1,yes,,{text},\n")), EntriesCampaign.Campaign);

        Assert.Equal(expected, file.Input?.Submissions.Single().SubmittedOn);
        Assert.Equal(expected is null, file.Errors.Count == 1);
    }
}
