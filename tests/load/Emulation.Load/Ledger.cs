using System.Collections.Concurrent;

namespace Emulation.Load;

/// <summary>
/// What the server told each person: the saves and submissions answered with success (these must be
/// in the database), the ones whose answer never came (a killed server: either way is right), and
/// every error; with the time each request took.
/// </summary>
public sealed class Ledger
{
    private readonly ConcurrentDictionary<string, UnitRecord> units = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> errors = new();
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> timings = new(StringComparer.Ordinal);

    public UnitRecord Unit(string code) => units.GetOrAdd(code, c => new UnitRecord(c));

    public IReadOnlyCollection<UnitRecord> Units => [.. units.Values.OrderBy(u => u.Code, StringComparer.Ordinal)];

    public IReadOnlyCollection<string> Errors => [.. errors];

    /// <summary>Requests refused because their server was down (a kill): expected during a crash, counted apart.</summary>
    public int Refused => refused;

    private int refused;

    public void Error(string what) => errors.Enqueue(what);

    public void RefusedWhileDown() => Interlocked.Increment(ref refused);

    public void Time(string what, TimeSpan took) => timings.GetOrAdd(what, _ => []).Add(took.TotalMilliseconds);

    public IReadOnlyList<double> Timings(string what) => timings.TryGetValue(what, out var bag) ? [.. bag.Order()] : [];

    public static double Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

/// <summary>One unit's story in the run.</summary>
public sealed class UnitRecord(string code)
{
    private readonly Lock gate = new();

    public string Code => code;

    /// <summary>Markers of saves answered with success, in order.</summary>
    public List<string> Saved { get; } = [];

    /// <summary>Markers of saves or submissions whose answer never came.</summary>
    public List<string> Unknown { get; } = [];

    /// <summary>The marker of the submission answered with success (the month shown as submitted afterwards).</summary>
    public string? Submitted { get; set; }

    /// <summary>The submission found already done on reloading after an unanswered submit.</summary>
    public bool SubmittedUnanswered { get; set; }

    public bool Finished { get; set; }

    public TimeSpan FinishedAfter { get; set; }

    /// <summary>The values every criterion was given (value, denominator).</summary>
    public Dictionary<string, (string Value, string? Denominator)> Expected { get; set; } = [];

    public void Acknowledge(string marker)
    {
        lock (gate)
        {
            Saved.Add(marker);
        }
    }

    public void Unanswered(string marker)
    {
        lock (gate)
        {
            Unknown.Add(marker);
        }
    }
}
