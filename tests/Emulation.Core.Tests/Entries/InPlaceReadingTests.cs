using System.Text;
using CsCheck;
using Emulation.Core.Entries;

namespace Emulation.Core.Tests.Entries;

/// <summary>
/// Records read in place (cut 32 bytes at a time, leading fields taken from the previous record,
/// rows checked on their bytes) give exactly what the general path gives: the same fields, lines,
/// problems, and for an entries file the same input, errors, warnings and names.
/// </summary>
public sealed class InPlaceReadingTests
{
    private const string Header = "unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline\n";

    /// <summary>Everything a reader says of each record, as one text to compare.</summary>
    private static string Records(CsvRecordReader reader)
    {
        var text = new StringBuilder();
        var previous = new List<byte[]>();
        while (true)
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (InvalidDataException e)
            {
                text.AppendLine($"too long at {reader.Line}: {e.Message}");
                break;
            }

            if (!more)
            {
                break;
            }

            text.Append($"{reader.Line}/{reader.NextLine} blank {reader.IsBlank} problem {reader.Problem} at {reader.ProblemColumn}:");
            var fields = new List<byte[]>();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                var field = reader.Field(i).ToArray();
                fields.Add(field);
                text.Append(' ').Append(Convert.ToHexString(field)).Append(reader.IsPlain(i) ? "+" : "-");
            }

            if (reader.SamePrefix)
            {
                // Taken from the previous record: it must be the previous record's bytes.
                for (var i = 0; i < reader.PrefixFields; i++)
                {
                    Assert.Equal(previous[i], fields[i]);
                }
            }

            previous = fields;
            text.AppendLine();
        }

        return text.AppendLine($"ended in quotes {reader.EndedInQuotes}").ToString();
    }

    private static readonly string[] Pieces =
    [
        "a", "Đơn vị", "U001", ",", ",", ",", "\"", "\"\"", "\n", "\n", "\r\n", "\r", " ", "\t", "1.5", "\u00A0", "~", "\u007F",
        "\"Sở, Nội vụ\"", "2017-02-05", "yes", ",,", "\"x\"y", new string('b', 40),
    ];

    private static readonly Gen<string> Piece = Gen.Int[0, Pieces.Length - 1].Select(i => Pieces[i]);

    /// <summary>Lines built from pieces, many of them repeating the line before's first fields.</summary>
    private static readonly Gen<byte[]> Bytes =
        Gen.Select(Piece.Array[0, 24], Gen.Int[0, 3], Gen.Int[0, 4]).Array[0, 30].Select(lines =>
        {
            var text = new StringBuilder();
            var prefix = "";
            foreach (var (pieces, repeat, fields) in lines)
            {
                var line = string.Concat(pieces);
                if (repeat > 0)
                {
                    text.Append(prefix);
                }
                else
                {
                    var cut = 0;
                    for (var f = 0; f < fields && line.IndexOf(',', cut) is var comma and >= 0; f++)
                    {
                        cut = comma + 1;
                    }

                    prefix = line[..cut];
                }

                text.Append(line).Append('\n');
            }

            return Encoding.UTF8.GetBytes(text.ToString());
        }).SelectMany(bytes => Gen.Int[0, 3].Select(extra =>
        {
            // Sometimes a byte that is not UTF-8, a NUL, or no final line end.
            var list = bytes.ToList();
            if (extra == 1 && list.Count > 0)
            {
                list.Insert(list.Count / 2, 0xFF);
            }
            else if (extra == 2 && list.Count > 0)
            {
                list.Insert(list.Count / 3, 0x00);
            }
            else if (extra == 3 && list.Count > 0)
            {
                list.RemoveAt(list.Count - 1);
            }

            return list.ToArray();
        }));

    [Fact]
    public void Records_read_in_place_are_the_records_the_state_machine_reads()
    {
        Bytes.Sample(bytes =>
        {
            var expected = Records(new CsvRecordReader(bytes, bytes.Length, fileStart: true) { PrefixFields = 5, InPlace = false });
            Assert.Equal(expected, Records(new CsvRecordReader(bytes, bytes.Length, fileStart: true) { PrefixFields = 5 }));
            Assert.Equal(expected, Records(new CsvRecordReader(new MemoryStream(bytes), fileStart: true) { PrefixFields = 5 }));
            Assert.Equal(expected, Records(new CsvRecordReader(bytes, bytes.Length, fileStart: true)));
        }, iter: 2000);
    }

    [Fact]
    public void A_field_across_the_reading_blocks_keeps_whether_it_is_plain_wherever_it_is_cut()
    {
        // The reader looks at 32 bytes at a time: a field's odd byte (non-ASCII, a tab, a space at
        // an end) may sit in an earlier block than the field's end, and must still count.
        foreach (var odd in new[] { "Đ", "\t", " ", "\u007F", "b" })
        {
            var text = new StringBuilder();
            for (var pad = 0; pad < 40; pad++)
            {
                text.Append(new string('p', pad)).Append(',').Append(odd).Append(new string('b', 45)).Append(",x,\"q\",").Append(odd).Append('\n');
                text.Append(new string('p', pad)).Append(',').Append(new string('b', 45)).Append(odd).Append(",y\r\n");
            }

            var bytes = Encoding.UTF8.GetBytes(text.ToString());
            var expected = Records(new CsvRecordReader(bytes, bytes.Length, fileStart: true) { PrefixFields = 2, InPlace = false });
            Assert.Equal(expected, Records(new CsvRecordReader(bytes, bytes.Length, fileStart: true) { PrefixFields = 2 }));
        }
    }

    [Fact]
    public void A_record_across_the_end_of_a_streams_block_reads_as_one()
    {
        // 64 KB blocks: rows of 70-odd bytes put one across every block's end, at a different place each time.
        var text = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            text.Append($"U{i % 7:000},\"Đơn vị {i % 7}, xã\",commune,COM{i % 3},{1 + (i % 11)},1.{i % 10},{i}.5,{i + 1},2017-02-05,\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var expected = Records(new CsvRecordReader(bytes, bytes.Length, fileStart: true) { PrefixFields = 5, InPlace = false });
        Assert.Equal(expected, Records(new CsvRecordReader(new MemoryStream(bytes), fileStart: true) { PrefixFields = 5 }));
        Assert.Equal(expected, Records(new CsvRecordReader(bytes, bytes.Length, fileStart: true) { PrefixFields = 5 }));
    }

    private static readonly string[] Units = ["U1", "U2", " U3", "U4"];
    private static readonly string[] Names = ["Sở A", "\"Sở, B\"", "\"Sở \"\"C\"\"\"", "", " Sở D ", "\"\""];
    private static readonly string[] Kinds = ["department", "district", "department ", "town"];
    private static readonly string[] Months = ["1", "2", "3", "01", "4", " 2", "1.0"];
    private static readonly string[] Criteria = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "9.9", "1", " 1.1"];
    private static readonly string[] Values = ["yes", "no", "A", "B", "7", "12.5", "x", "", "-1", " 5", "\"3,5\"", "1234567890123456789"];
    private static readonly string[] Denominators = ["", "", "10", "0", " 4", "x"];
    private static readonly string[] Dates = ["", "", "2017-02-05", "2017-02-06", "2017-02-30", "5/2/2017", " 2017-02-05"];

    /// <summary>Rows of few units and months, so that runs share their first fields, with errors anywhere.</summary>
    private static readonly Gen<string> Rows =
        Gen.Select(Gen.Int[0, Units.Length - 1], Gen.Int[0, Names.Length - 1], Gen.Int[0, Kinds.Length - 1], Gen.Int[0, 1], Gen.Int[0, Months.Length - 1])
            .SelectMany(prefix => Gen.Select(Gen.Int[0, Criteria.Length - 1], Gen.Int[0, Values.Length - 1], Gen.Int[0, Denominators.Length - 1], Gen.Int[0, Dates.Length - 1], Gen.Int[0, Dates.Length - 1])
                .Array[1, 8]
                .Select(rest => rest.Select(r =>
                    $"{Units[prefix.Item1]},{Names[prefix.Item2]},{Kinds[prefix.Item3]},B{prefix.Item4},{Months[prefix.Item5]},{Criteria[r.Item1]},{Values[r.Item2]},{Denominators[r.Item3]},{Dates[r.Item4]},{Dates[r.Item5]}")))
            .Array[0, 12]
            .Select(runs => string.Join('\n', runs.SelectMany(run => run)));

    private static string Read(string csv, int threads, int chunkBytes, bool inPlace) =>
        EntriesCsvChunkTests.Describe(EntriesCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), EntriesCampaign.Campaign, threads, chunkBytes, inPlace: inPlace));

    [Fact]
    public void Random_entries_files_read_the_same_in_place_and_through_the_general_path()
    {
        Gen.Select(Rows, Gen.Int[16, 400], Gen.Bool).Sample((rows, size, crlf) =>
        {
            var csv = Header + (crlf ? rows.Replace("\n", "\r\n", StringComparison.Ordinal) : rows) + "\n";
            var expected = Read(csv, 1, EntriesCsvReader.ChunkBytes, inPlace: false);
            Assert.Equal(expected, Read(csv, 1, EntriesCsvReader.ChunkBytes, inPlace: true));
            Assert.Equal(expected, Read(csv, 2, size, inPlace: true));
        }, iter: 1000);
    }

    [Fact]
    public void A_bad_value_inside_a_run_of_rows_sharing_their_first_fields_is_reported_and_the_run_reads_on()
    {
        var csv = Header +
            "SNV,\"Sở Nội vụ, Tiền Giang\",department,B1,1,1.1,yes,,2017-02-05,\n" +
            "SNV,\"Sở Nội vụ, Tiền Giang\",department,B1,1,1.2,Z,,,\n" +
            "SNV,\"Sở Nội vụ, Tiền Giang\",department,B1,1,1.3,12.5,,,\n" +
            "SNV,\"Sở Nội vụ, Tiền Giang\",department,B1,1,2.1, 7,10,,\n" +
            "SNV,\"Sở Nội vụ, Tiền Giang\",agency,B1,1,2.2,3,,,\n" +
            "SNV,\"Sở Nội vụ, Tiền Giang\",agency,B1,1,2.3,3,,,\n";
        var file = EntriesCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), EntriesCampaign.Campaign);

        Assert.Equal([3, 6, 7], file.Errors.Select(e => e.Line));
        Assert.Equal([7, 3, 3], file.Errors.Select(e => e.Column ?? 0));
        Assert.Contains("(invalid value \"Z\"", file.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("unknown unit kind \"agency\"", file.Errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(Read(csv, 1, EntriesCsvReader.ChunkBytes, inPlace: false), EntriesCsvChunkTests.Describe(file));
    }
}
