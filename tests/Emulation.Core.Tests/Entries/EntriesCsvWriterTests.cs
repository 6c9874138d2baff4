using System.Text;
using Emulation.Core.Entries;
using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Entries;

public sealed class EntriesCsvWriterTests
{
    [Fact]
    public void What_the_writer_writes_the_reader_reads_back_names_with_commas_and_quotes_included()
    {
        EntriesRow[] rows =
        [
            new("SNV", "Sở Nội vụ, tỉnh \"Tiền Giang\"", "department", "B1", 1, "1.1", "có", null, new DateOnly(2017, 2, 3), null),
            new("SNV", "Sở Nội vụ, tỉnh \"Tiền Giang\"", "department", "B1", 1, "2.1", "13877", "16032", new DateOnly(2017, 2, 3), null),
            new("CB", "Huyện Cái Bè\nmới", "district", "H1", 2, "1.1", "no", null, null, new DateOnly(2017, 3, 10)),
        ];
        var text = new StringWriter();

        EntriesCsvWriter.Write(text, rows);
        var file = EntriesCsvReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text.ToString())), EntriesCampaign.Campaign);

        Assert.True(file.Succeeded, string.Join("\n", file.Errors));
        Assert.StartsWith("unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline\r\n", text.ToString(), StringComparison.Ordinal);
        Assert.Equal("Sở Nội vụ, tỉnh \"Tiền Giang\"", file.UnitNames["SNV"]);
        Assert.Equal("Huyện Cái Bè\nmới", file.UnitNames["CB"]);
        var snv = file.Input!.Submissions.Single(s => s.Unit == "SNV");
        Assert.Equal(new DateOnly(2017, 2, 3), snv.SubmittedOn);
        Assert.Equal(EntryValue.Ratio(13877, 16032), snv.Entries.Single(e => e.Criterion == "2.1").Value);
        Assert.Equal(new DateOnly(2017, 3, 10), file.Input.Submissions.Single(s => s.Unit == "CB").Deadline);
    }
}
