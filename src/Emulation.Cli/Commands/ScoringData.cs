using Emulation.Core;
using Emulation.Core.Campaigns;
using Emulation.Core.Entries;
using Emulation.Core.Scoring;
using Emulation.Core.Units;

namespace Emulation.Cli.Commands;

/// <summary>A campaign and the entries read against it: what every scoring command starts from.</summary>
internal sealed record ScoringData(Campaign Campaign, ScoringInput Input, IReadOnlyDictionary<string, string> UnitNames)
{
    /// <summary>The units file given with <c>--units</c>, or null.</summary>
    public Organisation? Organisation { get; init; }

    /// <summary>
    /// Loads the campaign and reads the entries; prints the warnings, and on any error prints every
    /// error and returns null (the command then exits 1 with nothing on stdout).
    /// </summary>
    public static ScoringData? Load(ScoringArguments arguments, TextWriter error)
    {
        var loaded = CampaignLoader.LoadFile(arguments.Campaign);
        if (loaded.Value is not { } campaign)
        {
            foreach (var e in loaded.Errors)
            {
                error.WriteLine(e);
            }

            error.WriteLine($"{loaded.Errors.Count} lỗi trong tệp đợt thi đua (errors in the campaign file).");
            return null;
        }

        foreach (var (option, month) in new[] { ("--month", arguments.Month), ("--in-month", arguments.InMonth) })
        {
            if (month is { } m && !campaign.HasMonth(m))
            {
                error.WriteLine($"{option} {m}: tháng không thuộc đợt thi đua {campaign.Id} ({campaign.FirstMonth}–{campaign.LastMonth}) (month {m} is outside campaign {campaign.Id}: months {campaign.FirstMonth}–{campaign.LastMonth})");
                return null;
            }
        }

        Organisation? organisation = null;
        if (arguments.Units is { } unitsFile)
        {
            var units = OrganisationLoader.LoadFile(unitsFile, [campaign]);
            if (units.Value is null)
            {
                foreach (var e in units.Errors)
                {
                    error.WriteLine(e);
                }

                error.WriteLine($"{units.Errors.Count} lỗi trong tệp đơn vị (errors in the units file).");
                return null;
            }

            organisation = units.Value;
        }

        EntriesFile entries;
        try
        {
            var check = organisation is null ? null : new UnitsCheck(organisation, campaign, arguments.Units!);
            entries = EntriesCsvReader.ReadFile(arguments.Entries, campaign, check);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"{arguments.Entries}: {FileReadError.Describe(e)}");
            return null;
        }

        foreach (var warning in entries.Warnings)
        {
            error.WriteLine($"{arguments.Entries}: cảnh báo (warning): {warning}");
        }

        if (entries.WarningCount > entries.Warnings.Count)
        {
            error.WriteLine($"{arguments.Entries}: … và {entries.WarningCount - entries.Warnings.Count} cảnh báo khác (and {entries.WarningCount - entries.Warnings.Count} more warnings).");
        }

        if (entries.Input is not { } input)
        {
            foreach (var e in entries.Errors)
            {
                error.WriteLine($"{arguments.Entries}: {e}");
            }

            var shown = entries.Errors.Count < entries.ErrorCount ? $", {entries.Errors.Count} hiện ra (shown)" : "";
            error.WriteLine($"{entries.ErrorCount} lỗi trong tệp điểm (errors in the entries file){shown}.");
            return null;
        }

        return new ScoringData(campaign, input, entries.UnitNames) { Organisation = organisation };
    }

    /// <summary>The unit's name as the entries give it, or empty.</summary>
    public string NameOf(string unit) => UnitNames.GetValueOrDefault(unit, "");
}
