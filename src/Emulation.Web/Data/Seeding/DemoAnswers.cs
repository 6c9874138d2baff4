using System.Globalization;
using Emulation.Core.Campaigns;
using Emulation.Web.Domain;

namespace Emulation.Web.Data.Seeding;

/// <summary>
/// What a unit answers in one month of the demo year, criterion by criterion, as a person would
/// type it: valid for the criterion's method, realistic for the unit's kind and size, better or
/// worse with the unit's <see cref="DemoUnit.Quality"/>. Also the verifier's lowering adjustments
/// and the numbers of the documents given as evidence.
/// </summary>
internal sealed class DemoAnswers
{
    private const string Yes = "có";
    private const string No = "không";

    /// <summary>The one-stop criteria (area 8) that count the month's dossiers; they are drawn together.</summary>
    public const string OnTime = "8.2.1.1";
    private const string Early = "8.2.1.2";
    private const string PendingInTime = "8.2.2.1";
    private const string LateWithApology = "8.2.2.2";

    // The usual abbreviation of a department in its document numbers where it is not its code.
    private static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["VPUB"] = "VPUBND",
        ["TTT"] = "TTr",
        ["SNNPTNT"] = "SNN",
        ["SLDTBXH"] = "SLĐTBXH",
        ["SGDDT"] = "SGDĐT",
        ["SKHDT"] = "SKHĐT",
    };

    private readonly DemoUnit unit;
    private readonly int month;
    private readonly Random dice;
    private readonly double quality;
    private readonly OneStopMonth oneStop;

    public DemoAnswers(DemoUnit unit, int month)
    {
        this.unit = unit;
        this.month = month;
        dice = DemoDice.For(unit.Key, month, "answers");
        // Every unit has better and worse months around its own level.
        quality = Math.Clamp(unit.Quality + dice.Between(-0.06, 0.06), 0, 1);
        oneStop = OneStopMonth.Draw(unit, quality, dice);
    }

    /// <summary>The month's one-stop figures: dossiers resolved, and of them on time or early.</summary>
    public (int Resolved, int OnTime) OneStop => (oneStop.Resolved, oneStop.OnTime);

    public IReadOnlyList<EntryInput> For(IEnumerable<Criterion> leaves) => [.. leaves.Select(For)];

    public EntryInput For(Criterion leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return leaf.Method switch
        {
            BinaryMethod => new EntryInput(leaf.Code, dice.Chance(0.65 + (0.35 * quality)) ? Yes : No, null, null),
            LevelsMethod levels => new EntryInput(leaf.Code, Pick(BestFirst(levels)).Code, null, null),
            CountMethod count => new EntryInput(leaf.Code, Number(Count(count.Bands)), null, null),
            DeductionMethod => Deduction(leaf.Code),
            ManualMethod manual => new EntryInput(leaf.Code, Number(Manual(leaf.Max, manual.Step)), null, null),
            RatioMethod ratio => Ratio(leaf.Code, ratio),
            _ => throw new InvalidOperationException($"Criterion {leaf.Code} has no scoring method the demo year knows."),
        };
    }

    /// <summary>
    /// A verifier's adjustment lowering one of the answers, with the reason a verifier would give,
    /// or null when no answer can be lowered.
    /// </summary>
    public static Adjustment? Lowering(MonthFramework month, IReadOnlyList<EntryInput> answers, Random dice)
    {
        ArgumentNullException.ThrowIfNull(month);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(dice);
        var candidates = answers
            .Select(a => (Leaf: month.FindDue(a.Criterion)!, Answer: a))
            .Select(c => Lowered(c.Leaf, c.Answer, dice))
            .OfType<Adjustment>()
            .ToList();
        return candidates.Count == 0 ? null : dice.OneOf(candidates);
    }

    /// <summary>
    /// The number and date of a document proving <paramref name="leaf"/> (e.g. "125/BC-UBND"),
    /// issued by the unit inside the month and no later than <paramref name="latest"/>;
    /// <paramref name="nth"/> tells a later document for the same criterion from the first.
    /// </summary>
    public (string Number, DateOnly IssuedOn) Document(Criterion leaf, DateOnly latest, int nth = 1)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var evidence = DemoDice.For(unit.Code, month, $"evidence/{leaf.Code}/{nth}");
        var type = DocumentType(leaf.Title.Vi);
        var perMonth = type switch { "KH" => 3, "QĐ" => 25, "TB" => 6, _ => 14 };
        if (unit.Kind == "commune")
        {
            perMonth = Math.Max(1, perMonth / 3);
        }

        var number = ((month - 1) * perMonth) + evidence.From(1, perMonth);
        var issuer = unit.Kind == "department" ? Abbreviations.GetValueOrDefault(unit.Code, unit.Code) : "UBND";
        var first = new DateOnly(latest.Year, month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        if (latest < last)
        {
            last = latest;
        }

        var issued = evidence.WorkdayBetween(first, last);
        return ($"{number}/{type}-{issuer}", issued > last ? last : issued);
    }

    private static string DocumentType(string title)
    {
        if (title.StartsWith("Báo cáo", StringComparison.Ordinal))
        {
            return "BC";
        }

        if (title.Contains("kế hoạch", StringComparison.OrdinalIgnoreCase))
        {
            return "KH";
        }

        string[] decisions = ["quy chế", "quy định chức năng", "phân công", "đề án", "công khai dự toán"];
        if (decisions.Any(d => title.Contains(d, StringComparison.OrdinalIgnoreCase)))
        {
            return "QĐ";
        }

        return title.Contains("niêm yết", StringComparison.OrdinalIgnoreCase) ? "TB" : "BC";
    }

    private static Adjustment? Lowered(Criterion leaf, EntryInput answer, Random dice)
    {
        var value = answer.Value ?? "";
        switch (leaf.Method)
        {
            case BinaryMethod when value == Yes:
                var reason = leaf.EvidenceRequired ? "Không có văn bản kiểm chứng cho nội dung này"
                    : leaf.Title.Vi.StartsWith("Báo cáo", StringComparison.Ordinal) ? "Báo cáo gửi sau thời hạn quy định, không đủ điều kiện tính điểm"
                    : "Qua kiểm tra thực tế tại đơn vị, nội dung này chưa đạt yêu cầu";
                return new Adjustment(leaf.Code, No, null, reason);

            case LevelsMethod levels:
                var options = BestFirst(levels);
                var index = options.FindIndex(o => o.Code == value);
                if (index < 0 || index == options.Count - 1)
                {
                    return null;
                }

                var lower = options[index + 1].Code;
                return new Adjustment(leaf.Code, lower, null, leaf.EvidenceRequired
                    ? $"Tài liệu kiểm chứng chưa thể hiện đầy đủ nội dung theo yêu cầu; chấm mức {lower}"
                    : $"Qua kiểm tra thực tế, kết quả thực hiện chỉ đạt mức {lower}");

            case CountMethod count when int.Parse(value, CultureInfo.InvariantCulture) is var number and > 0:
                var band = count.Bands.FirstOrDefault(b => b.Min <= number);
                if (band is null)
                {
                    return null;
                }

                var below = count.Bands.FirstOrDefault(b => b.Min < band.Min);
                var counted = below is null ? (int)band.Min - 1 : (int)below.Min;
                return new Adjustment(leaf.Code, Number(counted), null, "Một số nội dung kê khai không có tài liệu kiểm chứng, không được tính");

            case DeductionMethod:
                var occurrences = int.Parse(value, CultureInfo.InvariantCulture) + 1;
                return new Adjustment(leaf.Code, Number(occurrences), null, "Qua kiểm tra phát hiện thêm 01 trường hợp đơn vị chưa tự trừ điểm");

            case ManualMethod manual when decimal.Parse(value, CultureInfo.InvariantCulture) is var points && points >= manual.Step:
                return new Adjustment(leaf.Code, Number(points - manual.Step), null, "Sở Nội vụ chấm lại theo kết quả kiểm tra công vụ trong kỳ");

            case RatioMethod:
                var numerator = long.Parse(value, CultureInfo.InvariantCulture);
                if (numerator == 0 || answer.Denominator == "0")
                {
                    return null;
                }

                var appraised = numerator - Math.Max(1, (long)Math.Round(numerator * dice.Between(0.02, 0.06)));
                return new Adjustment(leaf.Code, Number(appraised), answer.Denominator, leaf.Code.StartsWith("8.", StringComparison.Ordinal)
                    ? "Số liệu chưa khớp với phần mềm một cửa điện tử; điều chỉnh theo số liệu trích xuất từ phần mềm"
                    : "Số liệu tự chấm chưa khớp với báo cáo định kỳ của đơn vị; điều chỉnh theo báo cáo");

            default:
                return null;
        }
    }

    private static List<LevelOption> BestFirst(LevelsMethod levels) => [.. levels.Options.OrderByDescending(o => o.Points)];

    /// <summary>The best of <paramref name="bestFirst"/> most of the time for a good unit, the next one otherwise, rarely the third.</summary>
    private T Pick<T>(IReadOnlyList<T> bestFirst) => bestFirst[PickIndex(bestFirst.Count)];

    private int PickIndex(int count)
    {
        var roll = dice.NextDouble();
        if (count == 1 || roll < 0.35 + (0.65 * quality))
        {
            return 0;
        }

        return count > 2 && roll > 1 - (0.08 * (1 - quality)) ? 2 : 1;
    }

    private int Count(IReadOnlyList<Band> bands)
    {
        var index = PickIndex(bands.Count);
        var band = bands[index];
        var span = index == 0 ? Math.Max(1, (int)band.Min / 2) + 1 : (int)(bands[index - 1].Min - band.Min);
        return (int)band.Min + dice.Next(0, Math.Max(1, span));
    }

    private EntryInput Deduction(string code)
    {
        if (dice.Chance(0.86 + (0.13 * quality)))
        {
            return new EntryInput(code, "0", null, null);
        }

        var occurrences = dice.Chance(0.7) ? 1 : 2;
        return new EntryInput(code, Number(occurrences), null, $"Tự trừ điểm: {occurrences:00} trường hợp trong tháng");
    }

    private decimal Manual(decimal max, decimal step)
    {
        var steps = Math.Floor(max / step);
        var below = dice.Chance(0.35 + (0.6 * quality)) ? 0 : dice.Chance(0.75) ? 1 : 2;
        return Math.Max(0, steps - below) * step;
    }

    private EntryInput Ratio(string code, RatioMethod method)
    {
        var (numerator, denominator) = code switch
        {
            OnTime => (oneStop.OnTime, oneStop.Resolved),
            Early => (oneStop.Early, oneStop.Resolved),
            PendingInTime => (oneStop.PendingInTime, oneStop.Pending),
            LateWithApology => (oneStop.Apologised, oneStop.Late),
            _ => Figures(method, Denominator(code)),
        };
        return new EntryInput(code, Number(numerator), Number(denominator), null);
    }

    private (long Numerator, long Denominator) Figures(RatioMethod method, long denominator)
    {
        if (denominator == 0)
        {
            return (0, 0);
        }

        long numerator;
        if (method.Bands.Count > 0)
        {
            var index = PickIndex(method.Bands.Count);
            var low = (long)Math.Ceiling(method.Bands[index].Min * denominator);
            var high = index == 0 ? denominator : (long)Math.Ceiling(method.Bands[index - 1].Min * denominator) - 1;
            numerator = low + (long)Math.Floor(dice.NextDouble() * (Math.Max(low, high) - low + 1));
        }
        else
        {
            var lowest = Math.Max((double)method.Floor, 0.6 + (0.35 * quality));
            var ratio = dice.Chance(0.2 + (0.5 * quality)) ? 1 : dice.Between(lowest, 1);
            numerator = Math.Max((long)Math.Ceiling(method.Floor * denominator), (long)Math.Round(ratio * denominator));
        }

        return (Math.Min(numerator, denominator), denominator);
    }

    /// <summary>What the month's ratio counts against, by unit kind (0: nothing to count this month).</summary>
    private long Denominator(string code)
    {
        var size = unit.Size;
        return unit.Kind switch
        {
            "department" => code switch
            {
                "1.1.2" => Sometimes(0.1, 2, 7),
                "2.1.1" => Sometimes(0.6, 1, 3),
                "2.2" => dice.From(8, 45),
                "2.4" => Sometimes(0.9, 1, 2),
                "3.1.3" => Sometimes(0.5, 1, 6),
                "3.2.1.1" => Sometimes(0.4, 1, 3),
                "3.3.3" or "7.6.1" => size.Procedures,
                "4.4.2" => Sometimes(0.3, 1, 6),
                "5.2.2" => Sometimes(0.2, 2, 10),
                "5.3.1" => TrainedByQuarterEnd(size.Staff),
                "6.1.2" => size.BudgetDong,
                "6.2" => size.PublicServiceUnits,
                "7.1.1" => Around(size.OutgoingDocuments),
                "7.1.2" => Around(size.IncomingDocuments),
                "7.2" => Around(size.OutgoingDocuments * 0.8),
                "7.3" => size.Staff,
                "7.4.2" => Sometimes(0.15, 10, 200),
                "8.4.1" => dice.From(30, 200),
                _ => dice.From(5, 40),
            },
            "district" => code switch
            {
                "1.1.2" => Sometimes(0.05, 3, 9),
                "2.1.1" => Sometimes(0.5, 1, 3),
                "2.2.1" => dice.From(10, 40),
                "2.2.2" => Sometimes(0.8, 1, 3),
                "3.1.3" => Sometimes(0.3, 1, 10),
                "3.2.1.2" => size.Communes,
                "3.3.3" or "7.6.1" => size.Procedures,
                "4.4.2" => Sometimes(0.2, 2, 15),
                "5.2.2" => Sometimes(0.1, 3, 15),
                "5.3.1" => TrainedByQuarterEnd(size.Staff),
                "5.3.2" => size.Communes * dice.From(19, 22),
                "6.1.2" => size.Divisions,
                "6.2" => size.PublicServiceUnits,
                "7.1.1" => Around(size.OutgoingDocuments),
                "7.1.2" or "7.2" => size.Divisions + size.Communes,
                "7.3" => size.Staff,
                "7.4.2" => Sometimes(0.1, 30, 300),
                "8.3" => dice.From(300, 700),
                "8.4.1" => dice.From(100, 400),
                _ => dice.From(5, 40),
            },
            _ => code switch
            {
                "1.1.2" => Sometimes(0.2, 1, 4),
                "2.2" => Sometimes(0.2, 3, 15),
                "2.3.2" => Sometimes(0.4, 1, 5),
                "3.2.4" => Sometimes(0.6, 1, 3),
                "5.1" or "7.3" => size.Staff,
                "5.2" => TrainedByQuarterEnd(size.Staff),
                "7.1.1" => Around(size.OutgoingDocuments),
                "7.2" => Around(size.OutgoingDocuments * 0.7),
                "7.4.2" => Sometimes(0.3, 5, 60),
                "8.3.1" => dice.From(20, 120),
                _ => dice.From(5, 40),
            },
        };
    }

    /// <summary>Nothing to count with probability <paramref name="none"/>, else a number in the range.</summary>
    private long Sometimes(double none, int min, int max) => dice.Chance(none) ? 0 : dice.From(min, max);

    private long Around(double usual) => Math.Max(1, (long)Math.Round(usual * dice.Between(0.85, 1.15)));

    /// <summary>The year's training plan counted to the end of the month's quarter: about 60 % of the staff a year.</summary>
    private long TrainedByQuarterEnd(int staff) => Math.Max(1, (long)Math.Round(staff * 0.6 * ((month + 2) / 3) / 4));

    /// <summary>A number as a form posts it: invariant culture, no separators.</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>
    /// The month's one-stop dossiers (area 8), drawn together so they agree: resolved, of them on
    /// time or early (88–100 %) and early, those still pending at the month's end and of them still
    /// in time, and the late ones with a letter of apology.
    /// </summary>
    private sealed record OneStopMonth(int Resolved, int OnTime, int Early, int Pending, int PendingInTime, int Late, int Apologised)
    {
        public static OneStopMonth Draw(DemoUnit unit, double quality, Random dice)
        {
            var (fewest, most) = UnitSize.OneStopRange(unit.Kind);
            var resolved = Math.Clamp((int)Math.Round(unit.Size.OneStopDossiers * dice.Between(0.85, 1.15)), fewest, most);
            // A commune resolving a few dozen dossiers often has none late; a district with a
            // thousand rarely does.
            var perfect = dice.Chance((unit.Kind == "commune" ? 0.5 : 0.15) * quality);
            var rate = perfect ? 1 : Math.Clamp(0.88 + (0.1 * quality) + dice.Between(-0.005, 0.02), 0.88, 1);
            var onTime = Math.Min(resolved, (int)Math.Round(resolved * rate));
            var early = Math.Min(onTime, (int)Math.Round(resolved * Math.Clamp(0.5 + (0.35 * quality) + dice.Between(-0.05, 0.05), 0, 1)));
            var pending = (int)Math.Round(resolved * dice.Between(0.08, 0.25));
            var overdue = pending == 0 || dice.Chance(0.4 + (0.55 * quality)) ? 0 : Math.Max(1, (int)Math.Round(pending * dice.Between(0.005, 0.06)));
            var late = resolved - onTime;
            var apologised = late == 0 || dice.Chance(0.45 + (0.5 * quality)) ? late : (int)Math.Round(late * dice.Between(0.6, 0.95));
            return new OneStopMonth(resolved, onTime, early, pending, pending - overdue, late, apologised);
        }
    }
}
