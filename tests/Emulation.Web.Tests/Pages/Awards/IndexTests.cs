using System.Net;
using Emulation.Core.Tests.Cli;
using Emulation.Web.Domain;
using Emulation.Web.Pages.Awards;
using Emulation.Web.Tests.Verification;
using Emulation.Web.Data;
using MonthPublisher = Emulation.Web.Pages.Verification.MonthPublisher;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

/// <summary>
/// The award proposal on the demo year (January–October published, November open): an
/// administrator forces it with a reason; its export is the command's JSON for the entries export;
/// members vote on /Awards through the form; every bad vote is refused and nothing counted twice.
/// Nothing here closes the vote (the decision has its own demo year).
/// </summary>
[Collection(PublishedDemoYear.Name)]
public sealed class AwardsIndexTests(PublishedDemoFactory factory)
{
    private const string Reason = "Hội đồng họp trước khi tháng 11 được công bố";

    /// <summary>The current proposal, forced by admin when there is none (the tests of this collection run in any order).</summary>
    private async Task<Proposal> Current()
    {
        var proposal = await Load();
        if (proposal is null)
        {
            await factory.SendAsync(new IndexModel.Force(await factory.UserAsync("admin"), Reason));
            proposal = await Load();
        }

        return proposal!;
    }

    private Task<Proposal?> Load() => factory.WithDb(db => db.Proposals.AsNoTracking().Include(p => p.Candidates).Include(p => p.Votes)
        .Where(p => p.Status != ProposalStatus.Void).OrderByDescending(p => p.Number).FirstOrDefaultAsync());

    [Fact]
    public async Task The_proposal_export_is_exactly_what_emulation_awards_prints_for_the_entries_export()
    {
        var proposal = await Current();
        var noivu = await factory.LoggedIn("noivu");
        var entries = await noivu.GetAsync(new Uri("/Rankings/Export/Entries", UriKind.Relative));
        var file = Path.Combine(TestFolders.Create("export"), "entries.csv");
        await File.WriteAllBytesAsync(file, await entries.Content.ReadAsByteArrayAsync());
        var member = await factory.LoggedIn("hoidong2");

        var export = await member.GetAsync(new Uri("/Awards/Export/Proposal", UriKind.Relative));
        var awards = await EmulationProcess.RunAsync("awards", "--campaign", Path.Combine(TestFolders.ShippedCriteria, "tien-giang-2017.json"),
            "--entries", file, "--month", proposal.ThroughMonth.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json");

        Assert.Equal(0, awards.ExitCode);
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        Assert.Equal(awards.Output, await export.Content.ReadAsStringAsync());
        Assert.Contains("\"selected\": true", awards.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Units_and_the_public_cannot_read_the_proposal()
    {
        await Current();
        var stp = await factory.LoggedIn("stp");

        Assert.Equal(HttpStatusCode.Redirect, (await stp.GetAsync(new Uri("/Awards", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await stp.GetAsync(new Uri("/Awards/Export/Proposal", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreateBrowserlikeClient().GetAsync(new Uri("/Awards/Export/Proposal", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_forced_proposal_without_a_reason_is_refused()
    {
        var admin = await factory.UserAsync("admin");
        var noivu = await factory.UserAsync("noivu");
        var before = await factory.WithDb(db => db.Proposals.CountAsync());

        var refused = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new IndexModel.Force(admin, "  ")));
        var verifier = await Assert.ThrowsAsync<Emulation.Web.Infrastructure.ForbiddenException>(() => factory.SendAsync(new IndexModel.Force(noivu, Reason)));

        Assert.Equal("Proposal.ReasonRequired", refused.Key);
        Assert.NotNull(verifier);
        Assert.Equal(before, await factory.WithDb(db => db.Proposals.CountAsync()));
    }

    [Fact]
    public async Task A_member_votes_through_the_form_and_progress_shows_who_voted_not_how()
    {
        var proposal = await Current();
        var client = await factory.LoggedIn("hoidong3");
        var page = await client.GetDocument("/Awards");
        var fields = Forms.Fields(page.Form("#vote-form"));
        var selected = proposal.Candidates.Where(c => c.Selected).ToList();
        foreach (var c in selected)
        {
            fields.Set($"Votes[{c.Id}]", c.UnitCode == "STP" ? "Disagree" : "Agree");
        }

        var response = await client.Post("/Awards?handler=Vote", fields);

        response.Redirected("/Awards");
        var votes = await factory.WithDb(db => db.ProposalVotes.Where(v => v.ProposalId == proposal.Id && v.Member == "hoidong3").ToListAsync());
        Assert.Equal(selected.Count, votes.Count);
        Assert.Equal(Core.Awards.Vote.Disagree, votes.Single(v => v.CandidateId == selected.Single(c => c.UnitCode == "STP" && c.Award == "flag").Id).Choice);
        var chair = await (await factory.LoggedIn("chutich")).GetDocument("/Awards");
        var progress = chair.QuerySelector(".progress-list")!.TextContent;
        Assert.Contains("hoidong3", progress, StringComparison.Ordinal);
        Assert.DoesNotContain("Không đồng ý", progress, StringComparison.Ordinal);
        Assert.Empty(chair.QuerySelectorAll(".award-outcome-Approved"));
    }

    [Fact]
    public async Task The_same_vote_posted_twice_is_counted_once()
    {
        var proposal = await Current();
        var candidate = proposal.Candidates.First(c => c.Selected && c.UnitCode != "STP");
        var member = await factory.UserAsync("hoidong4");
        var votes = new Dictionary<int, string> { [candidate.Id] = "Abstain" };

        await factory.SendAsync(new IndexModel.Cast(member, proposal.Id, votes));
        var again = await factory.SendAsync(new IndexModel.Cast(member, proposal.Id, votes));

        Assert.Equal(0, again);
        Assert.Equal(1, await factory.WithDb(db => db.ProposalVotes.CountAsync(v => v.CandidateId == candidate.Id && v.Member == "hoidong4")));
        Assert.Equal(1, await factory.WithDb(db => db.AuditEntries.CountAsync(a => a.Action == "vote.cast" && a.Who == "hoidong4"
            && a.Entity == $"proposal:{proposal.CampaignId}/{proposal.Number}/{candidate.Award}/{candidate.UnitCode}")));
    }

    [Fact]
    public async Task Bad_votes_are_refused_with_a_message_and_nothing_is_counted()
    {
        var proposal = await Current();
        var stp = proposal.Candidates.Single(c => c.Award == "flag" && c.UnitCode == "STP");
        var notSelected = proposal.Candidates.First(c => !c.Selected);
        var other = proposal.Candidates.First(c => c.Selected && c.UnitCode != "STP");
        var before = await factory.WithDb(db => db.ProposalVotes.CountAsync());
        var hoidong1 = await factory.UserAsync("hoidong1");

        var recused = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new IndexModel.Cast(hoidong1, proposal.Id,
            new Dictionary<int, string> { [other.Id] = "Agree", [stp.Id] = "Agree" })));
        var forged = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new IndexModel.Cast(hoidong1, proposal.Id,
            new Dictionary<int, string> { [int.MaxValue] = "Agree" })));
        var unselected = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new IndexModel.Cast(hoidong1, proposal.Id,
            new Dictionary<int, string> { [notSelected.Id] = "Agree" })));
        var unknown = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new IndexModel.Cast(hoidong1, proposal.Id,
            new Dictionary<int, string> { [other.Id] = "1" })));
        var noivu = await factory.UserAsync("noivu");
        var verifier = await Assert.ThrowsAsync<DomainException>(() => factory.SendAsync(new IndexModel.Cast(noivu, proposal.Id,
            new Dictionary<int, string> { [other.Id] = "Agree" })));
        await Assert.ThrowsAsync<Emulation.Web.Infrastructure.NotFoundException>(() => factory.SendAsync(new IndexModel.Cast(hoidong1, int.MaxValue,
            new Dictionary<int, string> { [other.Id] = "Agree" })));

        Assert.Equal("Vote.Recused", recused.Key);
        Assert.Equal("Vote.OtherProposal", forged.Key);
        Assert.Equal("Vote.NotSelected", unselected.Key);
        Assert.Equal("Vote.Unknown", unknown.Key);
        Assert.Equal("Vote.NotMember", verifier.Key);
        Assert.Equal(before, await factory.WithDb(db => db.ProposalVotes.CountAsync()));
    }

    [Fact]
    public async Task A_recused_members_page_offers_no_vote_on_its_unit_and_a_forged_post_reads_the_refusal()
    {
        var proposal = await Current();
        var stp = proposal.Candidates.Single(c => c.Award == "flag" && c.UnitCode == "STP");
        var client = await factory.LoggedIn("hoidong1");
        var page = await client.GetDocument("/Awards");
        Assert.Null(page.QuerySelector($"input[name='Votes[{stp.Id}]']"));

        var fields = Forms.Fields(page.Form("#vote-form"));
        fields.Set($"Votes[{stp.Id}]", "Agree");
        var response = await client.Post("/Awards?handler=Vote", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await response.ReadDocument();
        Assert.Contains("không bỏ phiếu cho đơn vị này", refused.QuerySelector(".flash-error, .errors, [role=alert]")?.TextContent ?? refused.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_month_published_again_makes_the_proposal_anew_beside_the_old_whose_votes_are_void()
    {
        var old = await Current();
        var candidate = old.Candidates.First(c => c.Selected && c.UnitCode != "STP");
        await factory.SendAsync(new IndexModel.Cast(await factory.UserAsync("hoidong2"), old.Id, new Dictionary<int, string> { [candidate.Id] = "Agree" }));
        var campaign = factory.Campaign();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MonthPublisher>().Reopen(campaign, 6, "Sai số liệu một cửa của huyện Chợ Gạo tháng 6", "admin", CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<EmulationDb>().SaveChangesAsync();
        }

        var onTime = factory.Month("district", 6).DueLeaves.First(c => c.Method is Emulation.Core.Campaigns.RatioMethod).Code;
        await factory.Act("CHOGAO", 6, (s, m, now) => s.Reappraise(m, [new Adjustment(onTime, "0", "10", "Hồ sơ trễ hạn chưa được tính đúng")], "noivu", now));
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MonthPublisher>().Publish(campaign, 6, "noivu", CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<EmulationDb>().SaveChangesAsync();
        }

        var now = await Current();
        var voided = await factory.WithDb(db => db.Proposals.AsNoTracking().Include(p => p.Votes).SingleAsync(p => p.Id == old.Id));
        Assert.Equal(old.Number + 1, now.Number);
        Assert.Equal(old.Id, now.PreviousId);
        Assert.Equal(ProposalStatus.Void, voided.Status);
        Assert.Contains(voided.Votes, v => v.Member == "hoidong2");
        Assert.Empty(now.Votes);
        Assert.Contains("tháng 6 được công bố lại", now.Because, StringComparison.Ordinal);
        var page = await (await factory.LoggedIn("chutich")).GetDocument("/Awards");
        Assert.Contains("UBND huyện Chợ Gạo", page.QuerySelector("section.differences")!.TextContent, StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<DomainException>(async () => await factory.SendAsync(new IndexModel.Cast(await factory.UserAsync("hoidong3"), old.Id,
            new Dictionary<int, string> { [candidate.Id] = "Agree" })));
        Assert.Equal("Proposal.Void", refused.Key);
    }
}
