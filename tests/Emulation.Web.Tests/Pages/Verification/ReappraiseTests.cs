using AngleSharp.Html.Dom;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;
using static Emulation.Web.Tests.AssessmentSupport;

namespace Emulation.Web.Tests;

/// <summary>A verified month not locked yet (or reopened): the verifier changes its appraisal, each change with a reason.</summary>
public sealed class ReappraiseTests(EmulationFactory factory) : IClassFixture<EmulationFactory>
{
    [Fact]
    public async Task A_verified_month_is_re_appraised_with_a_reason_and_stays_verified()
    {
        var month = factory.Month("district", 2);
        var head = await factory.LoggedIn("chogao");
        (await head.Post(Url("CHOGAO", 2, "Submit"), AnswerAll(await head.MonthForm("CHOGAO", 2), month))).Redirected("/Assessments/CHOGAO/2");
        var noivu = await factory.LoggedIn("noivu");
        await noivu.Post("/Verification/CHOGAO/2?handler=Accept", Forms.Fields(Form(await noivu.GetDocument("/Verification/CHOGAO/2"))));
        var count = month.DueLeaves.First(c => c.Method is Emulation.Core.Campaigns.CountMethod);
        var page = await noivu.GetDocument("/Verification/CHOGAO/2");
        var fields = Forms.Fields(Form(page));
        var i = fields.FindIndex(f => f.Value == count.Code && f.Key.EndsWith(".Criterion", StringComparison.Ordinal));
        var prefix = fields[i].Key[..^".Criterion".Length];
        fields.Set(prefix + ".Value", "0");
        fields.Set(prefix + ".Reason", "Số liệu không có văn bản chứng minh");

        var response = await noivu.Post("/Verification/CHOGAO/2?handler=Accept", fields);

        response.Redirected("/Verification/CHOGAO/2");
        var stored = await factory.Stored("CHOGAO", 2);
        var entry = stored!.EntryFor(count.Code)!;
        Assert.Equal((SubmissionStatus.Verified, true, "0", "Số liệu không có văn bản chứng minh"), (stored.Status, entry.Adjusted, entry.AppraisedValue, entry.AdjustmentReason));
        Assert.True(await factory.WithDb(db => db.AuditEntries.AnyAsync(a => a.Action == "submission.reappraised" && a.Entity == stored.AuditName)));
    }

    private static IHtmlFormElement Form(IHtmlDocument page) => (IHtmlFormElement)page.QuerySelector("#review-form")!;
}
