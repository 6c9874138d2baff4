using System.Globalization;
using System.Text;
using Emulation.Core.Campaigns;
using Emulation.Core.Entries;
using Emulation.Web.Domain;
using Emulation.Web.Pages.Verification;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Emulation.Web.Tests;

/// <summary>A campaign block member as an entries file names it.</summary>
internal sealed record Member(string Code, string Name, string Kind, string Block);

/// <summary>
/// Entries files for the import tests: every due criterion of every block member for the months
/// asked, with values that differ by unit, month and criterion (deterministic), so units rank apart.
/// Shared with the browser tests.
/// </summary>
internal static class ImportSupport
{
    public const string CampaignId = "tien-giang-2017";

    public const string Header = "unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline";

    public static Task<List<Member>> Members(this EmulationFactory factory) =>
        factory.WithDb(db => db.BlockMemberships.AsNoTracking().Where(m => m.CampaignId == CampaignId)
            .OrderBy(m => m.Unit!.Code)
            .Select(m => new Member(m.Unit!.Code, m.Unit.NameVi, m.Unit.KindCode, m.Block!.Code))
            .ToListAsync());

    /// <summary>The rows (without header) for the members and months.</summary>
    public static IEnumerable<EntriesRow> Rows(Campaign campaign, IEnumerable<Member> members, IEnumerable<int> months)
    {
        foreach (var month in months)
        {
            foreach (var member in members)
            {
                var framework = MonthFramework.For(campaign, member.Kind, month);
                var seed = (Stable(member.Code) % 100_000) + (month * 7);
                // A few units submit late, so lateness goes through the import too.
                DateOnly? submitted = seed % 9 == 0 ? framework.Deadline.AddDays(2) : framework.Deadline.AddDays(-1);
                // And some had their deadline extended (the optional deadline column).
                DateOnly? deadline = seed % 13 == 0 ? framework.Deadline.AddDays(5) : null;
                foreach (var criterion in framework.DueLeaves)
                {
                    var (value, denominator) = Value(criterion, seed + (Stable(criterion.Code) % 100_000));
                    yield return new EntriesRow(member.Code, member.Name, member.Kind, member.Block, month, criterion.Code, value, denominator, submitted, deadline);
                }
            }
        }
    }

    public static string Csv(IEnumerable<EntriesRow> rows)
    {
        var text = new StringWriter();
        EntriesCsvWriter.Write(text, rows);
        return text.ToString();
    }

    public static byte[] Bytes(string csv) => new UTF8Encoding(false).GetBytes(csv);

    /// <summary>A value the criterion takes, drawn from <paramref name="n"/>.</summary>
    public static (string Value, string? Denominator) Value(Criterion criterion, int n)
    {
        return criterion.Method switch
        {
            BinaryMethod => (n % 5 == 0 ? "no" : "yes", null),
            LevelsMethod levels => (levels.Options[n % levels.Options.Count].Code, null),
            RatioMethod => ((80 + (n % 21)).ToString(CultureInfo.InvariantCulture), "100"),
            CountMethod => ((n % 12).ToString(CultureInfo.InvariantCulture), null),
            DeductionMethod => ((n % 7 == 0 ? 1 : 0).ToString(CultureInfo.InvariantCulture), null),
            ManualMethod manual => (Math.Min(criterion.Max, manual.Step * (n % 400)).ToString(CultureInfo.InvariantCulture), null),
            _ => throw new ArgumentOutOfRangeException(nameof(criterion)),
        };
    }

    /// <summary>Sends a file to the import's handler as noivu.</summary>
    public static async Task<ImportOutcome> Import(this EmulationFactory factory, byte[] content, string fileName = "entries.csv", bool replace = false)
    {
        using var stream = new MemoryStream(content);
        return await factory.SendAsync(new ImportModel.Command(await factory.UserAsync("noivu"), stream, fileName, replace));
    }

    /// <summary>Locks and publishes the months in order, as the queue's button does.</summary>
    public static async Task Publish(this EmulationFactory factory, params int[] months)
    {
        foreach (var month in months)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var publisher = scope.ServiceProvider.GetRequiredService<MonthPublisher>();
            await publisher.Publish(CampaignOf(factory), month, "noivu", CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<Data.EmulationDb>().SaveChangesAsync();
        }
    }

    /// <summary>The 2017 campaign (the web tests' AssessmentSupport has its own helper; this file is shared with the browser tests).</summary>
    public static Campaign CampaignOf(EmulationFactory factory) =>
        factory.Services.GetRequiredService<Emulation.Web.Infrastructure.CampaignCatalog>().Find(CampaignId)!;

    public static Task<int> SubmissionCount(this EmulationFactory factory) =>
        factory.WithDb(db => db.Submissions.CountAsync());

    private static int Stable(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash & 0x7FFFFFFF;
    }
}
