using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Emulation.Load;

/// <summary>
/// A unit's month form as the page gives it (token, Version, state, due criteria) and the fields a
/// person posts back: every criterion answered with a value its method takes, the first criterion's
/// note carrying the save's marker, and an official document given where evidence is required.
/// </summary>
public sealed class MonthForm
{
    private readonly List<Criterion> criteria = [];

    private MonthForm(string token, int version, string status, bool editable)
    {
        Token = token;
        Version = version;
        Status = status;
        Editable = editable;
    }

    public string Token { get; }

    public int Version { get; }

    /// <summary>The badge's state: NotStarted, Draft, Submitted …</summary>
    public string Status { get; }

    /// <summary>The form takes a save (the person may edit the month).</summary>
    public bool Editable { get; }

    public IReadOnlyList<Criterion> Criteria => criteria;

    public sealed record Criterion(int Index, string Code, string? Choice, bool Ratio, bool NeedsEvidence);

    public static MonthForm Read(string html)
    {
        var document = Browser.Parse(html);
        var status = document.QuerySelectorAll(".badge").Select(b => b.ClassList.FirstOrDefault(c => c.StartsWith("status-", StringComparison.Ordinal)))
            .FirstOrDefault(c => c is not null)?["status-".Length..] ?? "Unknown";
        var form = document.QuerySelector("form#month-form") as IHtmlFormElement;
        var token = form?.QuerySelector("input[name=__RequestVerificationToken]") is IHtmlInputElement t ? t.Value : "";
        var version = form?.QuerySelector("input[name=Version]") is IHtmlInputElement v ? int.Parse(v.Value, CultureInfo.InvariantCulture) : -1;
        var editable = form is not null && form.GetAttribute("data-editing") == "true";
        var month = new MonthForm(token, version, status, editable);
        if (form is null)
        {
            return month;
        }

        foreach (var block in form.QuerySelectorAll("div.criterion"))
        {
            if (block.QuerySelector("input[name$='.Criterion']") is not IHtmlInputElement hidden)
            {
                continue;
            }

            var name = hidden.Name!;
            var index = int.Parse(name["Entries[".Length..name.IndexOf(']', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            var choice = block.QuerySelectorAll($"input[type=radio][name='Entries[{index}].Value']").OfType<IHtmlInputElement>().Select(r => r.Value).FirstOrDefault();
            var ratio = block.QuerySelector($"input[name='Entries[{index}].Denominator']") is not null;
            var evidence = block.QuerySelector("details.evidence") is IElement details && details.HasAttribute("open");
            month.criteria.Add(new Criterion(index, hidden.Value, choice, ratio, evidence));
        }

        return month;
    }

    /// <summary>The posted fields: every criterion answered, <paramref name="marker"/> as the first criterion's note, documents when <paramref name="withEvidence"/>.</summary>
    public List<KeyValuePair<string, string>> Fields(string marker, bool withEvidence)
    {
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", Token), new("Version", Version.ToString(CultureInfo.InvariantCulture)) };
        foreach (var c in criteria)
        {
            var at = $"Entries[{c.Index.ToString(CultureInfo.InvariantCulture)}]";
            fields.Add(new($"{at}.Criterion", c.Code));
            fields.Add(new($"{at}.Value", c.Choice ?? "1"));
            if (c.Ratio)
            {
                fields.Add(new($"{at}.Denominator", "1"));
            }

            fields.Add(new($"{at}.Note", c == criteria[0] ? marker : ""));
            if (withEvidence && c.NeedsEvidence)
            {
                fields.Add(new($"{at}.ReferenceNumber", $"{c.Index + 1}/BC-UBND"));
                fields.Add(new($"{at}.ReferenceDate", "2017-11-20"));
                fields.Add(new($"{at}.ReferenceIssuer", "UBND xã"));
            }
        }

        return fields;
    }

    /// <summary>The values <see cref="Fields"/> posts for each criterion (value, denominator), as the database should hold them.</summary>
    public Dictionary<string, (string Value, string? Denominator)> Expected() =>
        criteria.ToDictionary(c => c.Code, c => (c.Choice ?? "1", c.Ratio ? "1" : (string?)null), StringComparer.Ordinal);
}
