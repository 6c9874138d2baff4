using System.Globalization;
using System.Text;
using Emulation.Core.Campaigns;

namespace Emulation.Benchmarks;

/// <summary>
/// Writes a deterministic entries CSV for a campaign: <c>units</c> units spread over the campaign's
/// unit kinds (blocks of 12), one row per unit, month and due leaf criterion, values of every
/// method, about 1 month in 50 missing and 1 in 10 sent late. The same seed gives the same file.
/// </summary>
internal static class EntriesGenerator
{
    public const int BlockSize = 12;

    /// <summary>Writes the CSV; returns the number of data rows.</summary>
    public static long Write(Campaign campaign, int units, int seed, Stream output)
    {
        var random = new Random(seed);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        writer.Write("unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on,deadline\n");
        var kinds = campaign.UnitKinds.Select(k => k.Code).Where(k => campaign.FrameworkFor(k) is not null).ToArray();
        var rows = 0L;
        var line = new StringBuilder(128);
        for (var u = 0; u < units; u++)
        {
            // Communes outnumber districts and departments, as in a province.
            var kind = kinds.Length == 1 ? kinds[0] : kinds[Math.Min(kinds.Length - 1, (int)(Math.Pow(random.NextDouble(), 0.6) * kinds.Length))];
            var framework = campaign.FrameworkFor(kind)!;
            var code = string.Create(CultureInfo.InvariantCulture, $"U{u + 1:D5}");
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{code},\"Đơn vị {u + 1}, {kind}\",{kind},{kind[..3].ToUpperInvariant()}{u / BlockSize:D4},");
            var skill = 0.35 + (0.6 * random.NextDouble());
            foreach (var month in campaign.Months)
            {
                if (random.Next(50) == 0)
                {
                    continue; // no submission this month
                }

                var deadline = new DateOnly(campaign.Year, month, 1).AddMonths(1).AddDays(campaign.DeadlineDay - 1);
                var submitted = random.Next(10) == 0 ? deadline.AddDays(random.Next(1, 12)) : deadline.AddDays(-random.Next(0, 4));
                var first = true;
                foreach (var leaf in framework.Leaves)
                {
                    if (!leaf.IsDueIn(month))
                    {
                        continue;
                    }

                    line.Clear();
                    line.Append(prefix).Append(month.ToString(CultureInfo.InvariantCulture)).Append(',').Append(leaf.Code).Append(',');
                    AppendValue(line, leaf, random, skill);
                    line.Append(',');
                    if (first)
                    {
                        line.Append(submitted.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        first = false;
                    }

                    line.Append(",\n");
                    writer.Write(line);
                    rows++;
                }
            }
        }

        return rows;
    }

    /// <summary>value,denominator for the criterion's method.</summary>
    private static void AppendValue(StringBuilder line, Criterion leaf, Random random, double skill)
    {
        var good = random.NextDouble() < skill;
        switch (leaf.Method)
        {
            case BinaryMethod:
                line.Append(good ? "yes" : "no").Append(',');
                break;
            case LevelsMethod levels:
                line.Append(good ? levels.Options[0].Code : levels.Options[random.Next(levels.Options.Count)].Code).Append(',');
                break;
            case RatioMethod:
                var denominator = random.Next(0, 300);
                var numerator = good ? denominator : (int)(denominator * random.NextDouble());
                line.Append(numerator.ToString(CultureInfo.InvariantCulture)).Append(',').Append(denominator.ToString(CultureInfo.InvariantCulture));
                break;
            case CountMethod:
                line.Append((good ? random.Next(8, 20) : random.Next(0, 8)).ToString(CultureInfo.InvariantCulture)).Append(',');
                break;
            case DeductionMethod:
                line.Append((good ? 0 : random.Next(0, 4)).ToString(CultureInfo.InvariantCulture)).Append(',');
                break;
            case ManualMethod manual:
                var steps = (int)(leaf.Max / manual.Step);
                var taken = good ? steps : random.Next(0, steps + 1);
                line.Append((taken * manual.Step).ToString(CultureInfo.InvariantCulture)).Append(',');
                break;
            default:
                throw new InvalidOperationException($"No value for criterion {leaf.Code}.");
        }
    }
}
