using System.Globalization;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace Emulation.Web.Pages.Audit;

/// <summary>
/// The audit page's filters as the reader typed them (GET parameters). They stay text so that a bad
/// value is shown back in the form beside its message; <see cref="Check"/> turns them into a search.
/// </summary>
public sealed record AuditFilter(string? Unit, string? Month, string? Who, string? Act, string? From, string? To)
{
    public const int MaxWhoLength = AuditEntry.MaxWhoLength;
    public const int MaxActionLength = 64;
    public const int MaxDateLength = 10;

    /// <summary>A person ending with this is a prefix: "cg-*" finds every commune's account.</summary>
    public const char PrefixMark = '*';

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy", "dd/MM/yyyy"];

    public static AuditFilter None { get; } = new(null, null, null, null, null, null);

    public bool IsEmpty => this == None;

    /// <summary>The filter as GET parameters (the empty ones left out), for links that keep it.</summary>
    public Dictionary<string, string?> Parameters()
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                values[name] = value.Trim();
            }
        }

        Add("unit", Unit);
        Add("month", Month);
        Add("who", Who);
        Add("act", Act);
        Add("from", From);
        Add("to", To);
        return values;
    }

    /// <summary>
    /// The search this filter asks for, or what is wrong with it. <paramref name="units"/> are the
    /// units by code, <paramref name="actions"/> the actions present in the log.
    /// </summary>
    public (AuditSearch? Search, IReadOnlyList<AuditProblem> Problems) Check(IReadOnlyDictionary<string, int> units, IReadOnlyCollection<string> actions)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(actions);
        var problems = new List<AuditProblem>();

        int? unitId = null;
        if (Clean(Unit) is { } code)
        {
            if (units.TryGetValue(code, out var id))
            {
                unitId = id;
            }
            else
            {
                problems.Add(new("unit", "Audit.Problem.Unit", [Shorten(code)]));
            }
        }

        int? month = null;
        if (Clean(Month) is { } monthText)
        {
            if (int.TryParse(monthText, NumberStyles.None, CultureInfo.InvariantCulture, out var m) && m is >= 1 and <= 12)
            {
                month = m;
            }
            else
            {
                problems.Add(new("month", "Audit.Problem.Month", [Shorten(monthText)]));
            }
        }

        string? who = null;
        var prefix = false;
        if (Clean(Who) is { } person)
        {
            if (person.Length > MaxWhoLength)
            {
                problems.Add(new("who", "Audit.Problem.WhoTooLong", [MaxWhoLength]));
            }
            else
            {
                prefix = person.EndsWith(PrefixMark);
                who = person.TrimEnd(PrefixMark).TrimEnd();
                if (who.Length == 0)
                {
                    // "*" alone: anybody.
                    who = null;
                }
            }
        }

        string? action = null;
        if (Clean(Act) is { } act)
        {
            if (act.Length <= MaxActionLength && actions.Contains(act))
            {
                action = act;
            }
            else
            {
                problems.Add(new("act", "Audit.Problem.Action", [Shorten(act)]));
            }
        }

        var from = Date("from", From, problems);
        var to = Date("to", To, problems);
        if (from is { } first && to is { } last && last < first)
        {
            problems.Add(new("to", "Audit.Problem.DateOrder", [first.ToString("d", CultureInfo.CurrentCulture), last.ToString("d", CultureInfo.CurrentCulture)]));
        }

        return problems.Count > 0
            ? (null, problems)
            : (new AuditSearch(unitId, month, who, prefix, action, from is { } f ? StartUtc(f) : null, to is { } t ? StartUtc(t.AddDays(1)) : null), problems);
    }

    private static DateOnly? Date(string field, string? text, List<AuditProblem> problems)
    {
        if (Clean(text) is not { } value)
        {
            return null;
        }

        if (value.Length <= MaxDateLength
            && DateOnly.TryParseExact(value, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date.Year is >= 2000 and <= 2100)
        {
            return date;
        }

        problems.Add(new(field, field == "from" ? "Audit.Problem.From" : "Audit.Problem.To", [Shorten(value)]));
        return null;
    }

    /// <summary>The first instant (UTC) of a Vietnam date.</summary>
    private static DateTime StartUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), VietnamTime.Zone);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>A bad value is quoted in its message, but never at any length.</summary>
    private static string Shorten(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}

/// <summary>What is wrong with one filter: the field, the message's key and its arguments.</summary>
public sealed record AuditProblem(string Field, string Key, object[] Args);

/// <summary>A valid audit search. <see cref="ToUtc"/> is exclusive: the first instant after the last day.</summary>
public sealed record AuditSearch(int? UnitId, int? Month, string? Who, bool WhoIsPrefix, string? Action, DateTime? FromUtc, DateTime? ToUtc)
{
    public IQueryable<AuditEntry> Apply(IQueryable<AuditEntry> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        if (UnitId is { } unit)
        {
            lines = lines.Where(a => a.UnitId == unit);
        }

        if (Month is { } month)
        {
            lines = lines.Where(a => a.Month == month);
        }

        if (Who is { } who)
        {
            if (!WhoIsPrefix)
            {
                lines = lines.Where(a => a.Who == who);
            }
            else if (Successor(who) is { } next)
            {
                // A range rather than LIKE or substr: SQLite reads it from the index on Who.
                lines = lines.Where(a => string.Compare(a.Who, who) >= 0 && string.Compare(a.Who, next) < 0);
            }
            else
            {
                lines = lines.Where(a => a.Who.StartsWith(who));
            }
        }

        if (Action is { } action)
        {
            lines = lines.Where(a => a.Action == action);
        }

        if (FromUtc is { } from)
        {
            lines = lines.Where(a => a.AtUtc >= from);
        }

        if (ToUtc is { } to)
        {
            lines = lines.Where(a => a.AtUtc < to);
        }

        return lines;
    }

    /// <summary>
    /// The smallest text after every text starting with <paramref name="prefix"/> (its last character
    /// moved one up); null when that character has no simple successor. UTF-8, which SQLite compares
    /// byte by byte, sorts like the code points, so [prefix, successor) holds exactly the texts that
    /// start with the prefix.
    /// </summary>
    internal static string? Successor(string prefix)
    {
        var last = prefix[^1];
        return char.IsSurrogate(last) || last >= '\uD7FF' ? null : string.Concat(prefix.AsSpan(0, prefix.Length - 1), ((char)(last + 1)).ToString());
    }

    /// <summary>
    /// The distinct actions of the log, read as a loose index scan: one seek in the index on Action
    /// per action, instead of reading every line of a log of hundreds of thousands.
    /// </summary>
    public static async Task<List<string>> ActionsAsync(EmulationDb db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Database.SqlQuery<string>($"""
            WITH RECURSIVE actions("Value") AS (
                SELECT MIN("Action") FROM "AuditEntries"
                UNION ALL
                SELECT (SELECT MIN("Action") FROM "AuditEntries" WHERE "Action" > actions."Value") FROM actions WHERE actions."Value" IS NOT NULL)
            SELECT "Value" FROM actions WHERE "Value" IS NOT NULL
            """).ToListAsync(cancellationToken);
    }
}
