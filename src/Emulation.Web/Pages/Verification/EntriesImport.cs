using System.Globalization;
using Emulation.Core.Campaigns;
using Emulation.Core.Entries;
using Emulation.Web.Data;
using Emulation.Web.Domain;
using Emulation.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;

namespace Emulation.Web.Pages.Verification;

/// <summary>A problem of an imported file: its line (the sheet's row for a workbook), the column when one is concerned, the message.</summary>
public sealed record ImportProblem(int Line, int? Column, string? ColumnName, string Message);

/// <summary>What an import did: nothing when <see cref="Errors"/> is not empty; else the rows and months written.</summary>
public sealed record ImportOutcome(IReadOnlyList<ImportProblem> Errors, int ErrorCount, int Rows, int Submissions, int Replaced, IReadOnlyList<int> Months)
{
    public bool Succeeded => ErrorCount == 0;

    /// <summary>How long checking every row took, and writing (zero when nothing was written).</summary>
    public (TimeSpan Checking, TimeSpan Writing) Durations { get; init; }
}

/// <summary>
/// Brings a province's earlier months in from an <c>entries.csv</c> (criteria/README.md,
/// "entries.csv"): every row is checked first — by the engine's own reader (header, units' kinds
/// and blocks, months, criteria, values, dates, duplicates) and then against the application (the
/// unit exists and competes in the campaign's blocks with that kind and block, the criterion is
/// due that month, the value passes the form's rules, the month is not locked, and a month already
/// holding data is replaced only when asked). Every error is listed with its line, and nothing is
/// written when there is one. Then every unit-month is written as a verified submission (the
/// unit's entries are the appraised ones) in one transaction, each with its audit line, and one
/// line for the import itself; the months are then locked and published as any other.
/// </summary>
public sealed partial class EntriesImport(EmulationDb db, BusinessClock clock, AuditLog audit, IStringLocalizer<SharedResource> localizer, ILogger<EntriesImport> logger)
{
    public const string EntriesImported = "entries.imported";

    /// <summary>The errors listed (the rest are counted): a page of a hundred lines is read; a thousand is not.</summary>
    public const int MaxListed = EntriesCsvReader.MaxProblems;

    /// <summary>Imports the entries CSV in <paramref name="csv"/> (seekable: it is read twice) into <paramref name="campaign"/>.</summary>
    public async Task<ImportOutcome> Run(Campaign campaign, Stream csv, string fileName, bool replace, string who, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new Problems();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        // 1. The engine's reader: the file's own rules. Rows for criteria not due are only a
        // warning to the command; an import would drop them silently, so here they are errors.
        var read = EntriesCsvReader.Read(csv, campaign);
        foreach (var problem in read.Errors.Concat(read.Warnings).OrderBy(p => p.Line))
        {
            errors.Add(problem.Line, problem.Column, problem.ColumnName, problem.Message);
        }

        errors.Uncounted(read.ErrorCount - read.Errors.Count + read.WarningCount - read.Warnings.Count);
        var headerBroken = read.Errors.Count > 0 && read.Errors[0].Line == 1 && read.Rows == 0;
        if (headerBroken || read.Rows == 0)
        {
            if (read.Rows == 0 && errors.Count == 0)
            {
                errors.Add(1, null, null, localizer["Import.NoRows"]);
            }

            return errors.Outcome();
        }

        // 2. The application's rules, row by row, with the rows kept to be written.
        var units = await db.BlockMemberships.AsNoTracking().Where(m => m.CampaignId == campaign.Id)
            .Select(m => new { m.UnitId, m.Unit!.Code, m.Unit.KindCode, Block = m.Block!.Code })
            .ToDictionaryAsync(m => m.Code, StringComparer.Ordinal, ct);
        var known = (await db.Units.AsNoTracking().Select(u => u.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var existing = await db.Submissions.AsNoTracking().Where(s => s.CampaignId == campaign.Id)
            .Select(s => new { s.UnitCode, s.Month, s.Status, Entries = s.Entries.Count })
            .ToDictionaryAsync(s => (s.UnitCode, s.Month), ct);
        var frameworks = new Dictionary<(string Kind, int Month), MonthFramework>();
        var months = new Dictionary<(string Unit, int Month), ImportedMonth>();
        var unitsSeen = new HashSet<string>(StringComparer.Ordinal);
        csv.Position = 0;
        foreach (var row in EntriesCsvRows.Read(csv))
        {
            if (!units.TryGetValue(row.Unit, out var unit))
            {
                if (row.Unit.Length > 0 && unitsSeen.Add(row.Unit))
                {
                    errors.Add(row.Line, 1, "unit", known.Contains(row.Unit)
                        ? localizer["Import.NotInCampaign", row.Unit, campaign.Id]
                        : localizer["Import.UnknownUnit", row.Unit]);
                }

                continue;
            }

            if (unitsSeen.Add(row.Unit))
            {
                if (!string.Equals(row.Kind, unit.KindCode, StringComparison.Ordinal))
                {
                    errors.Add(row.Line, 3, "unit_kind", localizer["Import.WrongKind", row.Unit, row.Kind, unit.KindCode]);
                }

                if (!string.Equals(row.Block, unit.Block, StringComparison.Ordinal))
                {
                    errors.Add(row.Line, 4, "block", localizer["Import.WrongBlock", row.Unit, row.Block, unit.Block]);
                }
            }

            if (!int.TryParse(row.Month, NumberStyles.None, CultureInfo.InvariantCulture, out var month) || !campaign.HasMonth(month)
                || !string.Equals(row.Kind, unit.KindCode, StringComparison.Ordinal))
            {
                // The reader said what is wrong with the month or the kind.
                continue;
            }

            if (!months.TryGetValue((row.Unit, month), out var imported))
            {
                imported = new ImportedMonth(unit.UnitId, row.Unit, month, row.Line);
                months.Add((row.Unit, month), imported);
                if (existing.GetValueOrDefault((row.Unit, month)) is { } stored)
                {
                    if (stored.Status == SubmissionStatus.Locked)
                    {
                        errors.Add(row.Line, 5, "month", localizer["Import.MonthLocked", row.Unit, month]);
                    }
                    else if (stored.Status == SubmissionStatus.Disputed)
                    {
                        errors.Add(row.Line, 5, "month", localizer["Import.MonthDisputed", row.Unit, month]);
                    }
                    else if (!replace && (stored.Status != SubmissionStatus.NotStarted || stored.Entries > 0))
                    {
                        errors.Add(row.Line, 5, "month", localizer["Import.MonthHasData", row.Unit, month]);
                    }
                    else
                    {
                        imported.Replacing = true;
                    }
                }
            }

            imported.SubmittedOn ??= IsoDate(row.SubmittedOn);
            imported.Deadline ??= IsoDate(row.Deadline);
            if (!frameworks.TryGetValue((unit.KindCode, month), out var framework))
            {
                framework = MonthFramework.For(campaign, unit.KindCode, month);
                frameworks.Add((unit.KindCode, month), framework);
            }

            if (framework.FindDue(row.Criterion) is not { } criterion)
            {
                // Unknown, or not due: the reader listed it.
                continue;
            }

            if (row.Value.Length > Submission.MaxValueLength || row.Denominator.Length > Submission.MaxValueLength)
            {
                errors.Add(row.Line, 7, "value", localizer["Entry.ValueTooLong", criterion.Code, Submission.MaxValueLength]);
                continue;
            }

            var value = row.Value.Length == 0 ? null : row.Value;
            var denominator = row.Denominator.Length == 0 ? null : row.Denominator;
            if (EntryCheck.Value(criterion, value, denominator, out _) is { } problem)
            {
                // Values the engine refuses are listed already; what is left are the form's own rules.
                if (read.ErrorCount == 0)
                {
                    errors.Add(row.Line, problem.Part == EntryPart.Denominator ? 8 : 7, problem.Part == EntryPart.Denominator ? "denominator" : "value",
                        localizer[problem.Key, [.. problem.Arguments]]);
                }

                continue;
            }

            imported.Inputs.Add(new EntryInput(criterion.Code, value, denominator, null));
        }

        if (errors.Count > 0)
        {
            return errors.Outcome();
        }

        // 3. Everything holds: one transaction.
        var checking = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        var writing = System.Diagnostics.Stopwatch.GetTimestamp();
        var now = clock.UtcNow;
        var unitIds = months.Values.Select(m => m.UnitId).Distinct().ToList();
        var replaced = months.Values.Where(m => m.Replacing).Select(m => (m.UnitCode, m.Month)).ToHashSet();
        var toReplace = replaced.Count == 0
            ? []
            : (await db.Submissions.Where(s => s.CampaignId == campaign.Id && unitIds.Contains(s.UnitId)).Include(s => s.Entries).ToListAsync(ct))
                .Where(s => replaced.Contains((s.UnitCode, s.Month)))
                .ToDictionary(s => (s.UnitCode, s.Month));
        var unitEntities = await db.Units.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var month in months.Values.OrderBy(m => m.Month).ThenBy(m => m.UnitCode, StringComparer.Ordinal))
            {
                var unit = unitEntities[month.UnitId];
                var framework = frameworks[(unit.KindCode, month.Month)];
                if (!toReplace.TryGetValue((month.UnitCode, month.Month), out var submission))
                {
                    submission = Submission.Start(unit, framework, now);
                    db.Submissions.Add(submission);
                }

                submission.Import(framework, month.Inputs, month.SubmittedOn, month.Deadline, replace, who, now);
            }

            db.ChangeTracker.DetectChanges();

            // The entries of a year are some 200,000 rows: EF Core's change tracker would take most
            // of a minute over them, so they are inserted in bulk in the same transaction, once
            // their submissions have ids. (The submissions and audit lines go through EF Core.)
            var bulk = db.Database.TakesPreparedBulkInserts();
            var written = db.ChangeTracker.Entries<Submission>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified)
                .Select(e => (Submission: e.Entity, Entries: e.Entity.Entries.ToList()))
                .ToList();
            if (bulk)
            {
                foreach (var entry in db.ChangeTracker.Entries<SubmissionEntry>().Where(e => e.State is EntityState.Added or EntityState.Deleted).ToList())
                {
                    entry.State = EntityState.Detached;
                }
            }

            var touched = months.Values.Select(m => m.Month).Distinct().Order().ToList();
            audit.Write(who, EntriesImported, $"campaign:{campaign.Id}", null,
                string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(fileName)}: {read.Rows} rows, {months.Count} unit-months ({string.Join(", ", touched)}), {replaced.Count} replaced"),
                replace ? "replace" : null);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.Database.BeginLargeWrite(ct);

            await db.SaveChangesAsync(ct);
            if (bulk)
            {
                var replacedIds = toReplace.Values.Select(s => s.Id).ToList();
                if (replacedIds.Count > 0)
                {
                    await db.SubmissionEntries.Where(e => replacedIds.Contains(e.SubmissionId)).ExecuteDeleteAsync(ct);
                }

                InsertEntries(written);
            }

            await transaction.CommitAsync(ct);
            await db.Database.EndLargeWrite(ct);

            var took = System.Diagnostics.Stopwatch.GetElapsedTime(writing);
            LogImported(logger, campaign.Id, read.Rows, months.Count, replaced.Count, who, (long)checking.TotalMilliseconds, (long)took.TotalMilliseconds);
            return new ImportOutcome([], 0, read.Rows, months.Count, replaced.Count, touched) { Durations = (checking, took) };
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }

    private static DateOnly? IsoDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Entries imported into {Campaign}: {Rows} rows, {Months} unit-months ({Replaced} replaced) by {Who}; checked in {CheckMilliseconds} ms, written in {WriteMilliseconds} ms.")]
    private static partial void LogImported(ILogger logger, string campaign, int rows, int months, int replaced, string who, long checkMilliseconds, long writeMilliseconds);

    /// <summary>Inserts the entries with one prepared command, the columns as the model maps them.</summary>
    private void InsertEntries(List<(Submission Submission, List<SubmissionEntry> Entries)> written)
    {
        var type = db.Model.FindEntityType(typeof(SubmissionEntry))!;
        var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var properties = type.GetProperties().Where(p => !p.IsPrimaryKey()).ToList();
        var connection = db.Database.GetDbConnection();
        using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction!.GetDbTransaction();
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) "
            + $"VALUES ({string.Join(", ", properties.Select((_, i) => $"@p{i}"))})";
        var parameters = properties.Select((_, i) =>
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = string.Create(CultureInfo.InvariantCulture, $"@p{i}");
            command.Parameters.Add(parameter);
            return parameter;
        }).ToList();
        var foreignKey = properties.FindIndex(p => p.Name == nameof(SubmissionEntry.SubmissionId));
        var getters = properties.Select(p => p.GetGetter()).ToList();
        var converters = properties.Select(p => p.GetTypeMapping().Converter).ToList();
        // Synchronous on purpose: SQLite's calls are synchronous underneath, and 200,000 awaited
        // calls cost more than the inserts.
        command.Prepare();
        foreach (var (submission, entries) in written)
        {
            foreach (var entry in entries)
            {
                for (var i = 0; i < properties.Count; i++)
                {
                    var value = i == foreignKey ? submission.Id : getters[i].GetClrValue(entry);
                    if (value is not null && converters[i] is { } converter)
                    {
                        value = converter.ConvertToProvider(value);
                    }

                    parameters[i].Value = value ?? DBNull.Value;
                }

                command.ExecuteNonQuery();
            }
        }
    }

    private sealed class ImportedMonth(int unitId, string unitCode, int month, int line)
    {
        public int UnitId { get; } = unitId;
        public string UnitCode { get; } = unitCode;
        public int Month { get; } = month;
        public int Line { get; } = line;
        public bool Replacing { get; set; }
        public DateOnly? SubmittedOn { get; set; }
        public DateOnly? Deadline { get; set; }
        public List<EntryInput> Inputs { get; } = [];
    }

    private sealed class Problems
    {
        private readonly List<ImportProblem> listed = [];
        private int uncounted;

        public int Count => listed.Count + uncounted;

        public void Add(int line, int? column, string? columnName, string message)
        {
            if (listed.Count < MaxListed)
            {
                listed.Add(new ImportProblem(line, column, columnName, message));
            }
            else
            {
                uncounted++;
            }
        }

        public void Uncounted(int count) => uncounted += count;

        public ImportOutcome Outcome() => new([.. listed.OrderBy(p => p.Line)], Count, 0, 0, 0, []);
    }
}
