using System.Text;
using Emulation.Web.Data;
using Emulation.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Admin.Users;

/// <summary>
/// Accounts of many units at once from a CSV file: a preview lists every error with its line; when
/// one line is wrong nothing is created; when all are right they are created together and the
/// one-time passwords are handed over on a printable sheet (shown once, never stored in clear).
/// </summary>
public sealed class ImportModel(IMediator mediator, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxBytes = 1024 * 1024;
    public const int MaxLines = 1000;
    public static readonly string[] Columns = ["user_name", "display_name", "position", "unit", "role", "phone", "email"];

    [BindProperty]
    public string? Csv { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public Preview? Checked { get; private set; }
    public IReadOnlyList<CreateModel.Created>? Sheet { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (await ReadCsv(ct) is { } text)
        {
            Checked = await mediator.Send(new Check(text), ct);
            Csv = text;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(bool confirm, CancellationToken ct)
    {
        if (await ReadCsv(ct) is not { } text)
        {
            return Page();
        }

        if (!confirm)
        {
            ModelState.AddModelError("", t["Users.ConfirmRequired"]);
            Checked = await mediator.Send(new Check(text), ct);
            return Page();
        }

        var outcome = await mediator.Send(new Command(User.Identity!.Name!, text, Reason), ct);
        if (outcome.Created is { } created)
        {
            Sheet = created;
            Csv = null;
        }
        else
        {
            Checked = outcome.Preview;
        }

        return Page();
    }

    private async Task<string?> ReadCsv(CancellationToken ct)
    {
        string? text = Csv;
        if (Upload is { Length: > 0 } file)
        {
            if (file.Length > MaxBytes)
            {
                ModelState.AddModelError("", t["Users.CsvTooLarge", MaxBytes / 1024]);
                return null;
            }

            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(ct);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError("", t["Users.CsvEmpty"]);
            return null;
        }

        if (text.Length > MaxBytes)
        {
            ModelState.AddModelError("", t["Users.CsvTooLarge", MaxBytes / 1024]);
            return null;
        }

        return text;
    }

    public sealed record Line(int Number, UserForm Form, IReadOnlyList<UserError> Errors);

    public sealed record Preview(IReadOnlyList<Line> Lines, IReadOnlyList<UserError> FileErrors)
    {
        public bool Valid => FileErrors.Count == 0 && Lines.Count > 0 && Lines.All(l => l.Errors.Count == 0);
    }

    public sealed record Check(string Csv) : IRequest<Preview>;

    public sealed record Outcome(Preview Preview, IReadOnlyList<CreateModel.Created>? Created);

    public sealed record Command(string Who, string Csv, string? Reason) : IRequest<Outcome>;

    public sealed class Handler(UserAccounts accounts, EmulationDb db) : IRequestHandler<Check, Preview>, IRequestHandler<Command, Outcome>
    {
        public async ValueTask<Preview> Handle(Check check, CancellationToken cancellationToken)
        {
            var rows = CsvText.Parse(check.Csv);
            if (rows.Count == 0)
            {
                return new Preview([], [new("Users.CsvEmpty")]);
            }

            var header = rows[0].Fields.Select(f => f.Trim().ToLowerInvariant()).ToList();
            var missing = Columns.Take(5).Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                return new Preview([], [new("Users.CsvColumns", string.Join(", ", missing), string.Join(",", Columns))]);
            }

            if (rows.Count - 1 > MaxLines)
            {
                return new Preview([], [new("Users.CsvTooManyLines", MaxLines)]);
            }

            string Field(CsvText.Row row, string column)
            {
                var at = header.IndexOf(column);
                return at >= 0 && at < row.Fields.Count ? row.Fields[at].Trim() : "";
            }

            var lines = new List<Line>();
            var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var row in rows.Skip(1).Where(r => r.Fields.Any(f => f.Trim().Length > 0)))
            {
                var roles = Field(row, "role").Split(['+', '|'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
                var form = new UserForm(Field(row, "user_name").ToLowerInvariant(), Field(row, "display_name"), NullIfEmpty(Field(row, "position")),
                    NullIfEmpty(Field(row, "phone")), NullIfEmpty(Field(row, "email")), roles, NullIfEmpty(Field(row, "unit").ToUpperInvariant()));
                var errors = await accounts.Check(form, null, taken, cancellationToken);
                if (row.Fields.Count > header.Count)
                {
                    errors.Add(new("Users.CsvExtraFields", row.Fields.Count, header.Count));
                }

                taken.Add(form.UserName);
                lines.Add(new Line(row.Number, form, errors));
            }

            return new Preview(lines, lines.Count == 0 ? [new UserError("Users.CsvEmpty")] : []);
        }

        public async ValueTask<Outcome> Handle(Command command, CancellationToken cancellationToken)
        {
            var preview = await Handle(new Check(command.Csv), cancellationToken);
            if (!preview.Valid)
            {
                return new Outcome(preview, null);
            }

            // All or nothing: one transaction for every account of the file.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = new List<CreateModel.Created>();
            foreach (var line in preview.Lines)
            {
                var password = await accounts.Create(line.Form, command.Who, command.Reason ?? "CSV import");
                created.Add(new CreateModel.Created(line.Form.UserName, line.Form.DisplayName, line.Form.Unit, password));
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new Outcome(preview, created);
        }

        private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
    }
}

/// <summary>CSV as spreadsheets write it: comma or semicolon (taken from the first line), quoted fields, doubled quotes.</summary>
public static class CsvText
{
    public sealed record Row(int Number, IReadOnlyList<string> Fields);

    public static IReadOnlyList<Row> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstLine = text.Split('\n', 2)[0];
        var separator = firstLine.Count(c => c == ';') > firstLine.Count(c => c == ',') ? ';' : ',';
        var rows = new List<Row>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        var rowLine = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n')
                    {
                        line++;
                    }

                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add(new Row(rowLine, fields));
                fields = [];
                line++;
                rowLine = line;
            }
            else if (c != '\uFEFF')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString().TrimEnd('\r'));
            rows.Add(new Row(rowLine, fields));
        }

        return rows;
    }
}
