using System.Text;
using CsCheck;
using Emulation.Core.Entries;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Entries;

public sealed class EntriesCsvReaderTests
{
    private const string Header = "unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline\n";

    private static EntriesFile Read(string csv) => Read(Encoding.UTF8.GetBytes(csv));

    private static EntriesFile Read(byte[] bytes) => EntriesCsvReader.Read(new MemoryStream(bytes), EntriesCampaign.Campaign);

    private static EntriesProblem SingleError(string csv)
    {
        var file = Read(csv);
        Assert.Null(file.Input);
        return Assert.Single(file.Errors);
    }

    [Fact]
    public void A_valid_file_gives_the_units_sorted_and_each_submission_with_its_entries_in_framework_order()
    {
        var file = Read(Header + """
            STP,Sở Tư pháp,department,B1,1,2.1,9,10,2017-02-07,
            SNV,Sở Nội vụ,department,B1,1,1.2,A,,,
            SNV,Sở Nội vụ,department,B1,1,1.1,có,,2017-02-03,
            SNV,Sở Nội vụ,department,B1,2,1.3,12.5,,,2017-03-10
            CB,Huyện Cái Bè,district,H1,3,1.1,no,,,
            SNV,Sở Nội vụ,department,B1,3,2.4,yes,,,
            STP,Sở Tư pháp,department,B1,1,2.2,7,,,
            STP,Sở Tư pháp,department,B1,1,2.3,2,,,
            """);

        Assert.True(file.Succeeded, string.Join("\n", file.Errors));
        Assert.Equal(8, file.Rows);
        Assert.Empty(file.Warnings);
        var input = file.Input!;
        Assert.Equal(
            [new Competitor("CB", "district", "H1"), new Competitor("SNV", "department", "B1"), new Competitor("STP", "department", "B1")],
            input.Units);
        Assert.Equal(["CB/3", "SNV/1", "SNV/2", "SNV/3", "STP/1"], input.Submissions.Select(s => $"{s.Unit}/{s.Month}"));

        var snv1 = input.Submissions[1];
        Assert.Equal(new DateOnly(2017, 2, 3), snv1.SubmittedOn);
        Assert.Null(snv1.Deadline);
        Assert.Equal([new CriterionAnswer("1.1", EntryValue.Binary(true)), new CriterionAnswer("1.2", EntryValue.Level("A"))], snv1.Entries);

        var snv2 = input.Submissions[2];
        Assert.Null(snv2.SubmittedOn);
        Assert.Equal(new DateOnly(2017, 3, 10), snv2.Deadline);
        Assert.Equal([new CriterionAnswer("1.3", new EntryValue(12.5m))], snv2.Entries);

        Assert.Equal([new CriterionAnswer("1.1", EntryValue.Binary(false))], input.Submissions[0].Entries);
        Assert.Equal(
            [new CriterionAnswer("2.1", EntryValue.Ratio(9, 10)), new CriterionAnswer("2.2", new EntryValue(7)), new CriterionAnswer("2.3", new EntryValue(2))],
            input.Submissions[4].Entries);
        Assert.Equal(new DateOnly(2017, 2, 7), input.Submissions[4].SubmittedOn);
        Assert.Equal("Huyện Cái Bè", file.UnitNames["CB"]);
        Assert.Equal("Sở Nội vụ", file.UnitNames["SNV"]);
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks_and_line_numbers_follow_the_physical_lines()
    {
        var file = Read(
            "unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on\r\n" +
            "\"SNV\",\"Sở Nội vụ, tỉnh \"\"Tiền Giang\"\"\",department,\"B1\",1,\"1.1\",yes,,\r\n" +
            "STP,\"Sở Tư pháp\r\n(hai dòng)\",department,B1,1,1.1,yes,,\r\n" +
            "STP,Sở Tư pháp,department,B1,1,1.2,Z,,\r\n");

        Assert.Equal("Sở Nội vụ, tỉnh \"Tiền Giang\"", file.UnitNames["SNV"]);
        Assert.Equal("Sở Tư pháp\r\n(hai dòng)", file.UnitNames["STP"]);
        var error = Assert.Single(file.Errors);
        Assert.Equal((5, 7, "value"), (error.Line, error.Column!.Value, error.ColumnName!));
        Assert.StartsWith("line 5, column 7 (value): giá trị \"Z\" không hợp lệ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("expects one of the option codes A, B, C", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf8_byte_order_mark_and_a_file_without_the_deadline_column_or_final_line_break_are_accepted()
    {
        var bytes = Encoding.UTF8.GetPreamble()
            .Concat(Encoding.UTF8.GetBytes("unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on\nSNV,Sở Nội vụ,department,B1,2,1.1,TRUE,,2017-03-05"))
            .ToArray();

        var file = Read(bytes);

        Assert.True(file.Succeeded, string.Join("\n", file.Errors));
        var submission = Assert.Single(file.Input!.Submissions);
        Assert.Equal(new DateOnly(2017, 3, 5), submission.SubmittedOn);
        Assert.Equal([new CriterionAnswer("1.1", EntryValue.Binary(true))], submission.Entries);
    }

    [Fact]
    public void The_order_of_the_rows_never_changes_the_result()
    {
        string[] rows =
        [
            "SNV,Sở Nội vụ,department,B1,1,1.1,yes,,2017-02-03,",
            "SNV,Sở Nội vụ,department,B1,1,1.2,B,,,",
            "SNV,Sở Nội vụ,department,B1,2,2.1,3,4,,",
            "SNV,Sở Nội vụ,department,B1,3,2.4,no,,2017-04-09,2017-04-08",
            "STP,Sở Tư pháp,department,B2,1,1.3,19.5,,,",
            "STP,Sở Tư pháp,department,B2,3,2.2,11,,,",
            "CB,Huyện Cái Bè,district,H1,2,1.1,0,,2017-03-01,",
            "CB,Huyện Cái Bè,district,H1,3,1.1,1,,,",
        ];
        var expected = Describe(Read(Header + string.Join('\n', rows)));

        var random = new Random(2017);
        for (var i = 0; i < 20; i++)
        {
            var shuffled = rows.OrderBy(_ => random.Next()).ToArray();
            Assert.Equal(expected, Describe(Read(Header + string.Join('\n', shuffled))));
        }
    }

    private static string Describe(EntriesFile file)
    {
        Assert.True(file.Succeeded, string.Join("\n", file.Errors));
        var input = file.Input!;
        return string.Join(";", input.Units) + "|" + string.Join(";", input.Submissions.Select(s =>
            $"{s.Unit}/{s.Month}/{s.SubmittedOn}/{s.Deadline}:{string.Join(",", s.Entries)}"));
    }

    [Fact]
    public void A_row_for_a_criterion_not_due_that_month_is_ignored_with_a_warning_but_still_makes_a_submission()
    {
        var file = Read(Header + "SNV,Sở Nội vụ,department,B1,2,2.4,yes,,2017-03-09,\n");

        Assert.True(file.Succeeded);
        var warning = Assert.Single(file.Warnings);
        Assert.Equal("line 2, column 6 (criterion): tiêu chí 2.4 không đến hạn tháng 2, dòng bị bỏ qua (criterion 2.4 is not due in month 2: row ignored)", warning.ToString());
        var submission = Assert.Single(file.Input!.Submissions);
        Assert.Equal((2, new DateOnly(2017, 3, 9)), (submission.Month, submission.SubmittedOn));
        Assert.Empty(submission.Entries);
    }

    [Fact]
    public void Rows_may_leave_the_submission_date_empty_when_the_dates_given_agree()
    {
        var file = Read(Header + """
            SNV,Sở Nội vụ,department,B1,1,1.1,yes,,,
            SNV,Sở Nội vụ,department,B1,1,1.2,A,,2017-02-08,
            SNV,Sở Nội vụ,department,B1,1,1.3,20,,2017-02-08,
            """);

        Assert.True(file.Succeeded, string.Join("\n", file.Errors));
        Assert.Equal(new DateOnly(2017, 2, 8), Assert.Single(file.Input!.Submissions).SubmittedOn);
    }

    [Theory]
    [InlineData("SNV,Sở Nội vụ,district,B1,1,1.1,yes,,,", 3, "unit_kind", "unit SNV has two kinds: \"department\" on line 2 and \"district\" here")]
    [InlineData("SNV,Sở Nội vụ,district,B1,2,1.2,A,,,", 3, "unit_kind", "unit SNV has two kinds: \"department\" on line 2 and \"district\" here")]
    [InlineData("SNV,Sở Nội vụ,department,B2,1,1.2,A,,,", 4, "block", "unit SNV is in two blocks: \"B1\" on line 2 and \"B2\" here")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.1,no,,,", 6, "criterion", "unit SNV, month 1, criterion 1.1 is already on line 2")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.2,A,,2017-02-06,", 9, "submitted_on", "two submission dates for unit SNV, month 1: 2017-02-06 here, 2017-02-05 on line 2")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.2,A,,,2017-02-20", 10, "deadline", "two deadlines for unit SNV, month 1: 2017-02-20 here, 2017-02-10 on line 2")]
    public void A_row_that_contradicts_an_earlier_row_is_an_error_naming_both_lines(string row, int column, string name, string english)
    {
        var error = SingleError(Header + "SNV,Sở Nội vụ,department,B1,1,1.1,yes,,2017-02-05,2017-02-10\n" + row + "\n");

        Assert.Equal((3, column, name), (error.Line, error.Column!.Value, error.ColumnName!));
        Assert.Contains(english, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SNV,Sở Nội vụ,agency,B1,1,1.1,yes,,,", 3, "unknown unit kind \"agency\": expected one of department, district")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,9.9,yes,,,", 6, "unknown criterion \"9.9\": not a leaf criterion of the department framework")]
    [InlineData("CB,Huyện Cái Bè,district,H1,1,1.2,A,,,", 6, "unknown criterion \"1.2\": not a leaf criterion of the district framework")]
    [InlineData("SNV,Sở Nội vụ,department,B1,4,1.1,yes,,,", 5, "month \"4\" is outside the campaign: expected a whole number from 1 to 3")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1.5,1.1,yes,,,", 5, "month \"1.5\" is outside the campaign")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.1,maybe,,,", 7, "invalid value \"maybe\": criterion 1.1 expects yes/no, true/false, 1/0 or có/không")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.2,a,,,", 7, "invalid value \"a\": criterion 1.2 expects one of the option codes A, B, C")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.3,20.5,,,", 7, "exceed criterion 1.3's maximum of 20")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.3,1.25,,,", 7, "not a multiple of criterion 1.3's step 0.5")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,2.1,\"3,5\",10,,", 7, "invalid value \"3,5\": criterion 2.1 expects a numerator and a denominator ≥ 0 with a decimal dot")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,2.1,3,-1,,", 8, "denominator \"-1\" is negative")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,2.1,3,,,", 8, "missing denominator: criterion 2.1 is a ratio")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,2.2,7,10,,", 8, "criterion 2.2 is not a ratio and takes no denominator, got \"10\"")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,2.2,7.5,,,", 7, "\"7.5\" is not a whole number: criterion 2.2 expects a whole number ≥ 0")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,2.3,-1,,,", 7, "\"-1\" is negative")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.1,yes,,5/2/2017,", 9, "invalid date \"5/2/2017\": expected an ISO date YYYY-MM-DD")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.1,yes,,,2017-02-30", 10, "invalid date \"2017-02-30\"")]
    [InlineData(",Sở Nội vụ,department,B1,1,1.1,yes,,,", 1, "the unit code is missing")]
    [InlineData("SNV,Sở Nội vụ,department,,1,1.1,yes,,,", 4, "the block code is missing")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.1,yes,,", 10, "the row has 9 columns, the header 10")]
    [InlineData("SNV,Sở Nội vụ,department,B1,1,1.1,yes,,,,", 11, "the row has 11 columns, the header 10")]
    [InlineData("SNV,Sở \"Nội\" vụ,department,B1,1,1.1,yes,,,", 2, "a quote inside an unquoted field")]
    [InlineData("SNV,\"Sở Nội vụ\"x,department,B1,1,1.1,yes,,,", 2, "text after a field's closing quote")]
    public void A_bad_row_is_an_error_naming_its_line_and_column(string row, int column, string english)
    {
        var error = SingleError(Header + "STP,Sở Tư pháp,department,B1,1,1.1,yes,,,\n" + row + "\n");

        Assert.Equal(3, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains(english, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"line 3, column {column} (", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_criterion_with_children_is_refused_and_rows_must_name_its_leaves()
    {
        var campaign = Emulation.Core.Campaigns.CampaignLoader.Load(Campaigns.SampleCampaign.Json, "sample.json").Value!;
        var csv = Header + "SNV,Sở Nội vụ,department,B1,3,1.2,A,,,\n";

        var file = EntriesCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), campaign);

        var error = Assert.Single(file.Errors);
        Assert.Equal("line 2, column 6 (criterion): tiêu chí 1.2 có tiêu chí con; hãy nhập điểm cho các tiêu chí con (criterion 1.2 has sub-criteria: rows name its leaf criteria)", error.ToString());
    }

    [Fact]
    public void Every_error_of_the_file_is_collected_and_the_list_stops_at_one_hundred_with_a_count_of_all()
    {
        var rows = Enumerable.Range(0, 250).Select(i => $"U{i},Đơn vị {i},department,B1,1,1.1,perhaps,,,");

        var file = Read(Header + string.Join('\n', rows));

        Assert.Null(file.Input);
        Assert.Equal(EntriesCsvReader.MaxProblems, file.Errors.Count);
        Assert.Equal(250, file.ErrorCount);
        Assert.Equal(Enumerable.Range(2, 100), file.Errors.Select(e => e.Line));
    }

    [Fact]
    public void Several_errors_of_one_row_are_all_reported()
    {
        var file = Read(Header + "SNV,Sở Nội vụ,department,B1,13,1.1,yes,,2017-13-01,\n");

        Assert.Equal([5, 9], file.Errors.Select(e => e.Column!.Value));
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_at_its_first_invalid_byte()
    {
        var latin1 = Encoding.Latin1.GetBytes(Header + "SNV,Sở Nội vụ,department,B1,1,1.1,yes,,,\nSTP,Sở Tư pháp,department,B1,1,1.1,yes,,,\n"
            .Replace("Sở Nội vụ", "So Noi vu", StringComparison.Ordinal)
            .Replace("Sở Tư pháp", "Sé Tu phap", StringComparison.Ordinal));

        var file = Read(latin1);

        Assert.Null(file.Input);
        var error = Assert.Single(file.Errors);
        Assert.Equal("line 3, column 2 (unit_name): tệp không phải UTF-8: byte 0xE9 không hợp lệ; hãy lưu tệp dưới dạng CSV UTF-8 (the file is not UTF-8: invalid byte 0xE9; save it as \"CSV UTF-8\")", error.ToString());
    }

    [Theory]
    [InlineData("", "line 1: tệp rỗng")]
    [InlineData("unit,name,unit_kind,block,month,criterion,value,denominator,submitted_on\n", "column 2 is \"name\", expected \"unit_name\"")]
    [InlineData("unit,unit_name,unit_kind,block,month,criterion,value,denominator\n", "it has 8 columns, expected 9 or 10")]
    [InlineData("{\"units\": []}\n", "line 1: dòng tiêu đề sai")]
    [InlineData("unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on\nSNV,\"Sở Nội vụ,department,B1,1,1.1,yes,,\n", "line 2, column 2 (unit_name): không đúng định dạng CSV: trường trong ngoặc kép không được đóng đến hết tệp")]
    public void A_file_that_is_not_an_entries_csv_is_refused_with_what_was_expected(string csv, string expected)
    {
        var file = Read(csv);

        Assert.Null(file.Input);
        Assert.Contains(expected, Assert.Single(file.Errors).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_excel_workbook_is_refused_as_not_csv()
    {
        byte[] zip = [(byte)'P', (byte)'K', 3, 4, 20, 0, 6, 0, 8, 0, 0, 0, 33, 0, 0xB8, 0x61];

        var error = Assert.Single(Read(zip).Errors);

        Assert.Contains("not a CSV file: this is a ZIP archive or an Excel .xlsx workbook", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_binary_file_with_nul_bytes_is_refused_as_not_csv()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "SNV,x\0y,department,B1,1,1.1,yes,,,\n");

        var error = Assert.Single(Read(bytes).Errors);

        Assert.Equal("line 2, column 2 (unit_name): không phải tệp CSV dạng văn bản: có byte 0 (not a CSV text file: it holds a NUL byte)", error.ToString());
    }

    [Fact]
    public void A_line_longer_than_a_megabyte_is_refused_as_not_csv_without_reading_on()
    {
        var bytes = Encoding.UTF8.GetBytes(Header + "SNV," + new string('x', 2 * 1024 * 1024) + "\nSNV,Sở Nội vụ,department,B1,1,1.1,maybe,,,\n");

        var file = Read(bytes);

        var error = Assert.Single(file.Errors);
        Assert.Equal(2, error.Line);
        Assert.StartsWith("line 2: không phải tệp CSV", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("a record longer than 1024 KB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stream_that_yields_one_byte_at_a_time_reads_the_same_as_a_whole_buffer()
    {
        var csv = "\uFEFF" + Header.Replace("\n", "\r\n", StringComparison.Ordinal) +
            "SNV,\"Sở \"\"Nội\"\" vụ\r\nmới\",department,B1,1,1.1,có,,2017-02-05,\r\n" +
            "SNV,Sở Nội vụ,department,B1,1,2.1,\"7\",\"8\",,\r" +
            "STP,Sở Tư pháp,department,B1,2,1.2,C,,,\r\n";
        var bytes = Encoding.UTF8.GetBytes(csv);

        var whole = Read(bytes);
        var trickled = EntriesCsvReader.Read(new TrickleStream(bytes), EntriesCampaign.Campaign);

        Assert.Equal(Describe(whole), Describe(trickled));
        Assert.Equal("Sở \"Nội\" vụ\r\nmới", trickled.UnitNames["SNV"]);
        Assert.Equal(3, trickled.Rows);
    }

    /// <summary>A forward-only stream returning one byte per read, to cross every buffer boundary.</summary>
    private sealed class TrickleStream(byte[] bytes) : Stream
    {
        private int position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (position == bytes.Length || count == 0)
            {
                return 0;
            }

            buffer[offset] = bytes[position++];
            return 1;
        }
    }
}

public sealed class EntriesCsvReaderPropertyTests
{
    private const string Header = "unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline";

    private static readonly Gen<string> Names =
        Gen.String[Gen.Char["aởĐ ,\"\r\n;x1"], 1, 30].Where(n => n.Trim().Length > 0 && n == n.Trim());

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    [Fact]
    public void Any_name_written_with_rfc4180_quoting_reads_back_unchanged_with_either_line_end()
    {
        Gen.Select(Names, Names, Gen.Bool).Sample((first, second, crlf) =>
        {
            var end = crlf ? "\r\n" : "\n";
            var csv = Header + end +
                $"A,{Quote(first)},department,B1,1,1.1,yes,,," + end +
                $"B,{Quote(second)},department,B1,1,1.1,no,,,";

            var file = EntriesCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), EntriesCampaign.Campaign);

            Assert.True(file.Succeeded, string.Join("\n", file.Errors));
            Assert.Equal(first, file.UnitNames["A"]);
            Assert.Equal(second, file.UnitNames["B"]);
            Assert.Equal(2, file.Rows);
        });
    }
}
