using System.Net;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Tests;

/// <summary>The heat map on the demo year: each cell's state and published score, readable without colour; who may open it.</summary>
[Collection(PublishedDemoYear.Name)]
public sealed class HeatMapTests(PublishedDemoFactory factory)
{
    [Fact]
    public async Task Every_cell_carries_the_months_state_and_published_score_in_text_and_symbol_not_only_colour()
    {
        var client = await factory.LoggedIn("noivu");
        var published = await factory.Published();
        var states = await factory.WithDb(db => db.Submissions.AsNoTracking().Where(s => s.CampaignId == AssessmentSupport.CampaignId)
            .Select(s => new { s.UnitCode, s.Month, s.Status, s.LockedFrom }).ToListAsync());

        var page = await client.GetDocument("/Charts/HeatMap");

        var rows = page.QuerySelectorAll("table.heat-map tbody tr").ToList();
        Assert.Equal(61, rows.Count);
        var drafts = 0;
        foreach (var row in rows)
        {
            var unit = row.QuerySelector("th a")!.GetAttribute("href")!.Split('/')[^1];
            var cells = row.QuerySelectorAll("td.heat").ToList();
            Assert.Equal(11, cells.Count);
            foreach (var (cell, month) in cells.Select((c, i) => (c, i + 1)))
            {
                var stored = states.SingleOrDefault(s => s.UnitCode == unit && s.Month == month);
                var status = stored is null ? SubmissionStatus.NotStarted
                    : stored.Status == SubmissionStatus.Locked && stored.LockedFrom == SubmissionStatus.Missing ? SubmissionStatus.Missing : stored.Status;
                var snapshot = published.GetValueOrDefault(month)?.Single(u => u.UnitCode == unit);
                Assert.Equal((snapshot?.Missing == true ? SubmissionStatus.Missing : status).ToString(), cell.GetAttribute("data-status"));
                var spoken = cell.QuerySelector(".visually-hidden")!.TextContent;
                if (snapshot is not null)
                {
                    Assert.Contains($"heat-band-{snapshot.MonthClassification}", cell.ClassList);
                    Assert.StartsWith(snapshot.MonthTotal.ToString("N2", ChartSupport.Vi) + " điểm", spoken, StringComparison.Ordinal);
                    Assert.Contains(snapshot.MonthTotal.ToString("N1", ChartSupport.Vi), cell.QuerySelector("[aria-hidden]")!.TextContent, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Contains("heat-unpublished", cell.ClassList);
                    Assert.Equal(Web.Pages.Charts.StateSymbols.Of(status), cell.QuerySelector(".symbol")!.TextContent);
                    drafts += status == SubmissionStatus.Draft ? 1 : 0;
                }
            }
        }

        Assert.True(drafts > 0, "November has drafts in the demo year");
        var legend = page.QuerySelector(".heat-legend")!.TextContent;
        foreach (var status in Enum.GetValues<SubmissionStatus>())
        {
            Assert.Contains(Web.Pages.Charts.StateSymbols.Of(status), legend, StringComparison.Ordinal);
        }

        Assert.Contains("Bản nháp", legend, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_block_can_be_chosen_and_an_unknown_one_is_not_found()
    {
        var client = await factory.LoggedIn("chutich");

        var page = await client.GetDocument("/Charts/HeatMap?block=K-HUYEN");
        var unknown = await client.GetAsync(new Uri("/Charts/HeatMap?block=NOPE", UriKind.Relative));

        Assert.Equal(11, page.QuerySelectorAll("table.heat-map tbody tr").Length);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [InlineData("chogao")]
    [InlineData("chogao.staff")]
    public async Task A_unit_person_may_not_open_the_heat_map(string user)
    {
        var client = await factory.LoggedIn(user);

        var response = await client.GetAsync(new Uri("/Charts/HeatMap", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/Account/AccessDenied", response.Headers.Location?.PathOnly());
    }
}
