using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Proposal = Emulation.Web.Domain.Proposal;
using Emulation.Web.Domain;
using Emulation.Web.Pages.Awards;
using Emulation.Web.Tests.Verification;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace Emulation.Web.Tests;

/// <summary>
/// A demo year of its own, decided once: admin forces the proposal after October, the four members
/// and the chair vote (hoidong1, of Sở Tư pháp, recused from it), the chair closes and confirms
/// through the page's forms.
/// </summary>
public sealed class DecidedDemoFactory : EmulationFactory
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Proposal? decided;

    public override bool DemoHistory => true;

    public static readonly string[] Members = ["chutich", "hoidong1", "hoidong2", "hoidong3", "hoidong4"];

    /// <summary>The decided proposal (made on the first call).</summary>
    public async Task<Proposal> Decided()
    {
        await gate.WaitAsync();
        try
        {
            return decided ??= await Decide();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Proposal> Decide()
    {
        await SendAsync(new IndexModel.Force(await UserAsync("admin"), "Hội đồng họp xét khen thưởng trước khi công bố tháng 11"));
        var proposal = await Load();
        foreach (var member in Members)
        {
            var user = await UserAsync(member);
            var votes = proposal.Candidates.Where(c => c.Selected && !(member == "hoidong1" && c.UnitCode == "STP"))
                .ToDictionary(c => c.Id, c => member == "hoidong4" && c.UnitCode != "STP" ? "Disagree" : "Agree");
            await SendAsync(new IndexModel.Cast(user, proposal.Id, votes));
        }

        var chair = await this.LoggedIn("chutich");
        foreach (var (form, handler) in new[] { ("#close-form", "Close"), ("#confirm-form", "Confirm") })
        {
            var fields = Forms.Fields((await chair.GetDocument("/Awards")).Form(form));
            fields.Set("Confirmed", "true");
            (await chair.Post($"/Awards?handler={handler}", fields)).Redirected("/Awards");
        }

        return await Load();
    }

    public Task<Proposal> Load() => WithDb(async db => await db.Proposals.AsNoTracking().Include(p => p.Candidates).Include(p => p.Votes)
        .Where(p => p.Status != ProposalStatus.Void).OrderByDescending(p => p.Number).FirstAsync());

    protected override void Dispose(bool disposing)
    {
        gate.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>The council's decision: counted through the vote tally, frozen, documented and published.</summary>
public sealed class DecisionTests(DecidedDemoFactory factory) : IClassFixture<DecidedDemoFactory>
{
    [Fact]
    public async Task The_chair_closes_and_confirms_and_the_tally_leaves_the_recused_member_out()
    {
        var proposal = await factory.Decided();

        Assert.Equal(ProposalStatus.Decided, proposal.Status);
        Assert.True(proposal.Forced);
        var stp = proposal.Candidates.Single(c => c.Award == "flag" && c.UnitCode == "STP");
        Assert.Equal(["hoidong1"], stp.RecusedMembers);
        Assert.Equal((4, 4, 4, CandidateOutcome.Approved), (stp.EligibleVoters!.Value, stp.Present!.Value, stp.Agree!.Value, stp.Outcome!.Value));
        var other = proposal.Candidates.First(c => c.Selected && c.UnitCode != "STP");
        // Four agree of five present (hoidong4 disagrees): 0.8 ≥ 0.7.
        Assert.Equal((5, 5, 4, 1, CandidateOutcome.Approved), (other.EligibleVoters!.Value, other.Present!.Value, other.Agree!.Value, other.Disagree!.Value, other.Outcome!.Value));
        Assert.All(proposal.Candidates.Where(c => !c.Selected), c => Assert.Null(c.Outcome));
        var audit = await factory.WithDb(db => db.AuditEntries.Where(a => a.Entity.StartsWith("proposal:")).Select(a => a.Action).ToListAsync());
        Assert.Contains("proposal.forced", audit);
        Assert.Contains("proposal.closed", audit);
        Assert.Contains("proposal.decided", audit);
        Assert.Equal(proposal.Votes.Count, audit.Count(a => a == "vote.cast"));
    }

    [Fact]
    public async Task After_the_decision_nothing_changes()
    {
        var proposal = await factory.Decided();
        var candidate = proposal.Candidates.First(c => c.Selected);

        var vote = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new IndexModel.Cast(await factory.UserAsync("hoidong2"), proposal.Id,
            new Dictionary<int, string> { [candidate.Id] = "Disagree" })));
        var close = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new IndexModel.Close(await factory.UserAsync("chutich"), proposal.Id, proposal.Version, true)));
        var member = await Assert.ThrowsAsync<Emulation.Web.Infrastructure.ForbiddenException>(async () => await factory.SendAsync(new IndexModel.Confirm(await factory.UserAsync("hoidong2"), proposal.Id, proposal.Version, true)));

        Assert.Equal("Proposal.Decided", vote.Key);
        Assert.Equal("Proposal.Decided", close.Key);
        Assert.NotNull(member);
        Assert.Equal(proposal.Votes.Count, await factory.WithDb(db => db.ProposalVotes.CountAsync(v => v.ProposalId == proposal.Id)));
    }

    [Fact]
    public async Task The_documents_read_back_hold_the_approved_units_and_the_tally()
    {
        var proposal = await factory.Decided();
        var approved = proposal.Candidates.Where(c => c.Outcome == CandidateOutcome.Approved).ToList();
        var client = await factory.LoggedIn("hoidong2");

        var list = await client.GetAsync(new Uri("/Awards/Documents/list", UriKind.Relative));
        var letter = await client.GetAsync(new Uri("/Awards/Documents/letter", UriKind.Relative));
        var minutes = await client.GetAsync(new Uri("/Awards/Documents/minutes", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using (var xlsx = new MemoryStream(await list.Content.ReadAsByteArrayAsync()))
        {
            var rows = xlsx.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
            Assert.Equal(approved.Select(c => c.UnitCode), rows.Select(r => (string)r["Mã đơn vị"]));
            Assert.Equal("Cờ thi đua của UBND tỉnh", rows.First(r => (string)r["Mã đơn vị"] == "STP")["Hình thức khen thưởng"]);
        }

        var letterText = Text(await letter.Content.ReadAsByteArrayAsync());
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", letterText, StringComparison.Ordinal);
        Assert.Contains("TỜ TRÌNH", letterText, StringComparison.Ordinal);
        Assert.Contains("Kính gửi: Ủy ban nhân dân tỉnh Tiền Giang.", letterText, StringComparison.Ordinal);
        Assert.All(approved, c => Assert.Contains(c.NameVi, letterText, StringComparison.Ordinal));

        var minutesText = Text(await minutes.Content.ReadAsByteArrayAsync());
        Assert.Contains("BIÊN BẢN", minutesText, StringComparison.Ordinal);
        Assert.Contains("hoidong1: không biểu quyết đối với Sở Tư pháp", minutesText, StringComparison.Ordinal);
        Assert.Contains("Sở Tư pháp|4|4|4|0|0|Thông qua", minutesText, StringComparison.Ordinal);
        Assert.All(DecidedDemoFactory.Members, m => Assert.Contains($"- {m}", minutesText, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_decision_is_public_and_on_the_units_home_page_without_the_votes()
    {
        var proposal = await factory.Decided();
        var approved = proposal.Candidates.Where(c => c.Outcome == CandidateOutcome.Approved).ToList();

        var publicPage = await factory.CreateBrowserlikeClient().GetDocument("/Public");
        var history = await factory.CreateBrowserlikeClient().GetDocument("/Public/Awards?year=2017");
        var home = await (await factory.LoggedIn("stp")).GetDocument("/");

        var decision = publicPage.QuerySelector(".award-decision")!.TextContent;
        Assert.All(approved, c => Assert.Contains(c.NameVi, decision, StringComparison.Ordinal));
        Assert.DoesNotContain("hoidong", decision, StringComparison.Ordinal);
        Assert.DoesNotContain("Đồng ý", decision, StringComparison.Ordinal);
        Assert.Contains("Sở Tư pháp", history.QuerySelector(".award-decision")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đơn vị của bạn được đề nghị: Cờ thi đua của UBND tỉnh", home.QuerySelector(".award-decision")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A document's paragraphs, one a line; a table row's cells joined by |.</summary>
    private static string Text(byte[] docx)
    {
        using var memory = new MemoryStream(docx);
        using var document = WordprocessingDocument.Open(memory, false);
        var body = document.MainDocumentPart!.Document!.Body!;
        var lines = new List<string>();
        foreach (var element in body.Elements())
        {
            if (element is DocumentFormat.OpenXml.Wordprocessing.Table table)
            {
                lines.AddRange(table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Select(r =>
                    string.Join('|', r.Elements<DocumentFormat.OpenXml.Wordprocessing.TableCell>().Select(c => string.Join('\n', c.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText))))));
            }
            else
            {
                lines.Add(element.InnerText);
            }
        }

        return string.Join('\n', lines);
    }
}
