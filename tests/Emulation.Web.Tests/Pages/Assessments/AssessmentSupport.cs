using System.Net;
using AngleSharp.Html.Dom;
using Emulation.Core.Campaigns;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

/// <summary>What the assessment tests share: the campaign's months, valid answers, the month form.</summary>
internal static class AssessmentSupport
{
    public const string CampaignId = "tien-giang-2017";

    public static Campaign Campaign(this EmulationFactory factory) =>
        factory.Services.GetRequiredService<CampaignCatalog>().Find(CampaignId)!;

    public static MonthFramework Month(this EmulationFactory factory, string kind, int month) =>
        MonthFramework.For(factory.Campaign(), kind, month);

    public static string Url(string unit, int month, string? handler = null) =>
        $"/Assessments/{unit}/{month}" + (handler is null ? "" : $"?handler={handler}");

    /// <summary>A value the criterion's method takes, as a person would type it.</summary>
    public static (string Value, string? Denominator) Valid(Criterion criterion) => criterion.Method switch
    {
        BinaryMethod => ("có", null),
        LevelsMethod levels => (levels.Options[0].Code, null),
        RatioMethod => ("9", "10"),
        CountMethod => ("5", null),
        DeductionMethod => ("0", null),
        ManualMethod => (criterion.Max.ToString(System.Globalization.CultureInfo.InvariantCulture), null),
        _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
    };

    public static async Task<IHtmlFormElement> MonthForm(this HttpClient client, string unit, int month)
    {
        var page = await client.GetDocument(Url(unit, month));
        return (IHtmlFormElement)page.QuerySelector("#month-form")!;
    }

    /// <summary>The month form's fields with every due criterion answered validly and its evidence given by reference.</summary>
    public static List<KeyValuePair<string, string>> AnswerAll(IHtmlFormElement form, MonthFramework month)
    {
        var fields = Forms.Fields(form);
        foreach (var (criterion, i) in month.DueLeaves.Select((c, i) => (c, i)))
        {
            Assert.Equal(criterion.Code, fields.Single(f => f.Key == $"Entries[{i}].Criterion").Value);
            var (value, denominator) = Valid(criterion);
            fields.Set($"Entries[{i}].Value", value);
            if (denominator is not null)
            {
                fields.Set($"Entries[{i}].Denominator", denominator);
            }

            if (criterion.EvidenceRequired)
            {
                fields.Set($"Entries[{i}].ReferenceNumber", $"{i + 1}/BC-UBND");
                fields.Set($"Entries[{i}].ReferenceDate", $"{month.Campaign.Year}-{month.Month:00}-10");
                fields.Set($"Entries[{i}].ReferenceIssuer", "UBND huyện Chợ Gạo");
            }
        }

        return fields;
    }

    public static int IndexOf(MonthFramework month, string code) =>
        month.DueLeaves.Select((c, i) => (c, i)).Single(p => p.c.Code == code).i;

    public static async Task<Submission?> Stored(this EmulationFactory factory, string unit, int month) =>
        await factory.WithDb(db => db.Submissions.AsNoTracking()
            .Include(s => s.Entries).Include(s => s.Files).Include(s => s.References).Include(s => s.Disputes)
            .AsSplitQuery()
            .SingleOrDefaultAsync(s => s.UnitCode == unit && s.CampaignId == CampaignId && s.Month == month));

    /// <summary>Acts on a stored submission through the domain, as a verifier's page would (those pages come with verification).</summary>
    public static Task Act(this EmulationFactory factory, string unit, int month, Action<Submission, MonthFramework, DateTime> act) =>
        factory.WithDb(async db =>
        {
            var submission = await db.Submissions.Include(s => s.Entries).Include(s => s.Files).Include(s => s.References).Include(s => s.Disputes)
                .AsSplitQuery()
                .SingleAsync(s => s.UnitCode == unit && s.CampaignId == CampaignId && s.Month == month);
            var kind = await db.Units.Where(u => u.Code == unit).Select(u => u.KindCode).SingleAsync();
            act(submission, factory.Month(kind, month), factory.Services.GetRequiredService<BusinessClock>().UtcNow);
            return await db.SaveChangesAsync();
        });

    public static void Redirected(this HttpResponseMessage response, string to)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(to, response.Headers.Location?.OriginalString);
    }
}
