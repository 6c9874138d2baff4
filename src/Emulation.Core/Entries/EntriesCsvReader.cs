using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using Emulation.Core.Campaigns;
using Emulation.Core.Scoring;

namespace Emulation.Core.Entries;

/// <summary>
/// Reads an entries CSV (<c>unit,unit_name,unit_kind,block,month,criterion,value,denominator,submitted_on[,deadline]</c>)
/// against a campaign into the engine's <see cref="ScoringInput"/>. Streams: only one record is
/// held at a time, unit and criterion codes are shared strings, so a national file (millions of
/// rows) costs little more than the entries themselves.
/// </summary>
/// <remarks>
/// The file must be UTF-8 (a BOM is allowed; an invalid byte stops the reading), start with the
/// header, and quote per RFC 4180. Numbers use the invariant culture (a dot), dates are ISO
/// (<c>YYYY-MM-DD</c>). Every error names its line and column. Rows for criteria not due in
/// their month are ignored with a warning; they still make the month a submission. The result
/// does not depend on the order of the rows.
/// </remarks>
public static class EntriesCsvReader
{
    /// <summary>At most this many errors, and this many warnings, are listed; the rest are counted.</summary>
    public const int MaxProblems = 100;

    /// <summary>The columns, in order; the last one (<c>deadline</c>) is optional.</summary>
    public static IReadOnlyList<string> Columns { get; } =
        ["unit", "unit_name", "unit_kind", "block", "month", "criterion", "value", "denominator", "submitted_on", "deadline"];

    private const int UnitColumn = 0;
    private const int NameColumn = 1;
    private const int KindColumn = 2;
    private const int BlockColumn = 3;
    private const int MonthColumn = 4;
    private const int CriterionColumn = 5;
    private const int ValueColumn = 6;
    private const int DenominatorColumn = 7;
    private const int SubmittedOnColumn = 8;
    private const int DeadlineColumn = 9;

    /// <summary>Reads an entries file from disk.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static EntriesFile ReadFile(string path, Campaign campaign)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, campaign);
    }

    /// <summary>Reads an entries CSV from a stream (not closed).</summary>
    public static EntriesFile Read(Stream stream, Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(campaign);
        return new Reading(campaign).Run(new CsvRecordReader(stream));
    }

    /// <summary>The state of one read: units seen, their submissions, the problems.</summary>
    private sealed class Reading(Campaign campaign)
    {
        private readonly Dictionary<string, UnitState> units = new(StringComparer.Ordinal);
        private readonly Dictionary<string, FrameworkIndex> frameworks = campaign.Frameworks
            .ToDictionary(f => f.Key, f => new FrameworkIndex(f.Value), StringComparer.Ordinal);
        private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
        private readonly List<EntriesProblem> errors = [];
        private readonly List<EntriesProblem> warnings = [];
        private int errorCount;
        private int warningCount;
        private int rows;
        private int columnCount;
        private char[] chars = new char[1024];
        private int[] charEnds = new int[16];

        public EntriesFile Run(CsvRecordReader csv)
        {
            try
            {
                if (ReadHeader(csv))
                {
                    while (csv.Read())
                    {
                        if (csv.IsBlank)
                        {
                            continue;
                        }

                        rows++;
                        if (!ReadRow(csv))
                        {
                            break;
                        }
                    }
                }
            }
            catch (InvalidDataException e)
            {
                Error(csv.Line, null, $"không phải tệp CSV: một dòng dài quá {CsvRecordReader.MaxRecordBytes / 1024} KB (not a CSV file: {e.Message})");
            }

            return new EntriesFile
            {
                Input = errorCount == 0 ? BuildInput() : null,
                Errors = errors,
                ErrorCount = errorCount,
                Warnings = warnings,
                WarningCount = warningCount,
                UnitNames = names,
                Rows = rows,
            };
        }

        private bool ReadHeader(CsvRecordReader csv)
        {
            if (!csv.Read())
            {
                Error(1, null, $"tệp rỗng: cần dòng tiêu đề {string.Join(',', Columns)} (the file is empty: the header row {string.Join(',', Columns)} is required)");
                return false;
            }

            if (csv.LooksLikeZip)
            {
                Error(1, null, "không phải tệp CSV: đây là tệp nén/Excel (.xlsx); hãy lưu dưới dạng CSV UTF-8 (not a CSV file: this is a ZIP archive or an Excel .xlsx workbook; save it as \"CSV UTF-8\")");
                return false;
            }

            if (!Decode(csv))
            {
                return false;
            }

            columnCount = csv.FieldCount;
            var wrong = -1;
            for (var i = 0; i < Math.Min(columnCount, Columns.Count); i++)
            {
                if (!Text(i).Trim().Equals(Columns[i], StringComparison.OrdinalIgnoreCase))
                {
                    wrong = i;
                    break;
                }
            }

            if (wrong >= 0 || columnCount < Columns.Count - 1 || columnCount > Columns.Count)
            {
                var detail = wrong >= 0
                    ? $"cột {wrong + 1} là \"{Text(wrong)}\", cần \"{Columns[wrong]}\" (column {wrong + 1} is \"{Text(wrong)}\", expected \"{Columns[wrong]}\")"
                    : $"có {columnCount} cột, cần {Columns.Count - 1} hoặc {Columns.Count} (it has {columnCount} columns, expected {Columns.Count - 1} or {Columns.Count})";
                Error(csv.Line, null, $"dòng tiêu đề sai: {detail}; cần {string.Join(',', Columns.Take(Columns.Count - 1))}[,deadline] (wrong header row; expected {string.Join(',', Columns.Take(Columns.Count - 1))}[,deadline])");
                return false;
            }

            return true;
        }

        /// <summary>Checks one data row; false when reading must stop (the file is not UTF-8 text).</summary>
        private bool ReadRow(CsvRecordReader csv)
        {
            var line = csv.Line;
            if (!Decode(csv))
            {
                return false;
            }

            if (csv.Problem is { } problem)
            {
                Error(line, csv.ProblemColumn - 1, $"không đúng định dạng CSV: {problem}");
                return true;
            }

            if (csv.FieldCount != columnCount)
            {
                var column = Math.Min(csv.FieldCount, columnCount);
                Error(line, column, $"dòng có {csv.FieldCount} cột, dòng tiêu đề có {columnCount} (the row has {csv.FieldCount} columns, the header {columnCount})");
                return true;
            }

            // Unit, kind and block.
            var code = Text(UnitColumn).Trim();
            var kind = Text(KindColumn).Trim();
            var block = Text(BlockColumn).Trim();
            var ok = true;
            if (code.IsEmpty)
            {
                Error(line, UnitColumn, "thiếu mã đơn vị (the unit code is missing)");
                ok = false;
            }

            FrameworkIndex? framework = null;
            if (!frameworks.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(kind, out framework))
            {
                Error(line, KindColumn, $"loại đơn vị \"{kind}\" không có trong đợt thi đua; dùng {Kinds()} (unknown unit kind \"{kind}\": expected one of {Kinds()})");
                ok = false;
            }

            if (block.IsEmpty)
            {
                Error(line, BlockColumn, "thiếu mã khối thi đua (the block code is missing)");
                ok = false;
            }

            UnitState? unit = null;
            if (ok)
            {
                unit = UnitFor(code, framework!, block, line);
                if (!ReferenceEquals(unit.Framework, framework))
                {
                    Error(line, KindColumn, $"đơn vị {unit.Code} có hai loại: \"{unit.Framework.Kind}\" ở dòng {unit.Line} và \"{kind}\" (unit {unit.Code} has two kinds: \"{unit.Framework.Kind}\" on line {unit.Line} and \"{kind}\" here)");
                    ok = false;

                    // The criterion is judged by neither kind: the row is wrong already.
                    framework = null;
                }

                if (!block.SequenceEqual(unit.Block))
                {
                    Error(line, BlockColumn, $"đơn vị {unit.Code} thuộc hai khối: \"{unit.Block}\" ở dòng {unit.Line} và \"{block}\" (unit {unit.Code} is in two blocks: \"{unit.Block}\" on line {unit.Line} and \"{block}\" here)");
                    ok = false;
                }

                if (!unit.Named && !Text(NameColumn).Trim().IsEmpty)
                {
                    names[unit.Code] = Text(NameColumn).Trim().ToString();
                    unit.Named = true;
                }
            }

            // Month, criterion, dates.
            var monthText = Text(MonthColumn).Trim();
            var month = 0;
            if (!int.TryParse(monthText, NumberStyles.None, CultureInfo.InvariantCulture, out month) || !campaign.HasMonth(month))
            {
                Error(line, MonthColumn, $"tháng \"{monthText}\" không thuộc đợt thi đua, cần số nguyên từ {campaign.FirstMonth} đến {campaign.LastMonth} (month \"{monthText}\" is outside the campaign: expected a whole number from {campaign.FirstMonth} to {campaign.LastMonth})");
                month = 0;
            }

            var criterionText = Text(CriterionColumn).Trim();
            var leaf = -1;
            if (framework is not null && !framework.Leaves.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(criterionText, out leaf))
            {
                leaf = -1;
                var found = framework.Framework.Find(criterionText.ToString());
                Error(line, CriterionColumn, found is not null
                    ? $"tiêu chí {criterionText} có tiêu chí con; hãy nhập điểm cho các tiêu chí con (criterion {criterionText} has sub-criteria: rows name its leaf criteria)"
                    : $"tiêu chí \"{criterionText}\" không có trong bộ tiêu chí của loại {framework.Kind} (unknown criterion \"{criterionText}\": not a leaf criterion of the {framework.Kind} framework)");
            }

            var submittedOn = Date(line, SubmittedOnColumn);
            var deadline = columnCount > DeadlineColumn ? Date(line, DeadlineColumn) : null;

            if (unit is null || !ok || month == 0)
            {
                return true;
            }

            var submission = unit.Submission(month, framework!.Count);
            Agree(ref submission.SubmittedOn, ref submission.SubmittedOnLine, submittedOn, line, SubmittedOnColumn, unit, month);
            Agree(ref submission.Deadline, ref submission.DeadlineLine, deadline, line, DeadlineColumn, unit, month);

            if (leaf < 0)
            {
                return true;
            }

            var criterion = framework.Criteria[leaf];
            if (!criterion.IsDueIn(month))
            {
                Warning(line, CriterionColumn, $"tiêu chí {criterion.Code} không đến hạn tháng {month}, dòng bị bỏ qua (criterion {criterion.Code} is not due in month {month}: row ignored)");
                return true;
            }

            if (submission.Lines[leaf] is var first and > 0)
            {
                Error(line, CriterionColumn, $"đơn vị {unit.Code}, tháng {month}, tiêu chí {criterion.Code} đã có ở dòng {first} (unit {unit.Code}, month {month}, criterion {criterion.Code} is already on line {first})");
                return true;
            }

            submission.Lines[leaf] = line;
            if (EntryValueParser.TryParse(criterion, Text(ValueColumn), Text(DenominatorColumn), out var value, out var error))
            {
                submission.Entries[leaf] = new CriterionAnswer(criterion.Code, value);
            }
            else
            {
                Error(line, error!.Field == EntryField.Value ? ValueColumn : DenominatorColumn, error.Message);
            }

            return true;
        }

        private UnitState UnitFor(ReadOnlySpan<char> code, FrameworkIndex framework, ReadOnlySpan<char> block, int line)
        {
            var lookup = units.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!lookup.TryGetValue(code, out var unit))
            {
                unit = new UnitState(code.ToString(), framework, block.ToString(), line, campaign.LastMonth);
                units.Add(unit.Code, unit);
            }

            return unit;
        }

        private DateOnly? Date(int line, int column)
        {
            var text = Text(column).Trim();
            if (text.IsEmpty)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Error(line, column, $"ngày \"{text}\" không hợp lệ, cần dạng YYYY-MM-DD (invalid date \"{text}\": expected an ISO date YYYY-MM-DD)");
            return null;
        }

        private void Agree(ref DateOnly? known, ref int knownLine, DateOnly? given, int line, int column, UnitState unit, int month)
        {
            if (given is not { } date)
            {
                return;
            }

            if (known is not { } earlier)
            {
                known = date;
                knownLine = line;
            }
            else if (earlier != date)
            {
                var what = column == SubmittedOnColumn ? "ngày nộp" : "hạn nộp";
                var whatEn = column == SubmittedOnColumn ? "two submission dates" : "two deadlines";
                Error(line, column, $"{what} {Iso(date)} khác {Iso(earlier)} ở dòng {knownLine} cho cùng bản tự chấm của đơn vị {unit.Code} tháng {month} ({whatEn} for unit {unit.Code}, month {month}: {Iso(date)} here, {Iso(earlier)} on line {knownLine})");
            }
        }

        /// <summary>Decodes every field of the record as strict UTF-8; false (with the error) when a byte is not UTF-8.</summary>
        private bool Decode(CsvRecordReader csv)
        {
            var record = csv.RecordBytes;
            if (record.IndexOf((byte)0) is var nul and >= 0)
            {
                Error(csv.Line, ColumnOf(csv, nul), "không phải tệp CSV dạng văn bản: có byte 0 (not a CSV text file: it holds a NUL byte)");
                return false;
            }

            if (chars.Length < record.Length)
            {
                chars = new char[Math.Max(record.Length, chars.Length * 2)];
            }

            if (charEnds.Length < csv.FieldCount)
            {
                charEnds = new int[csv.FieldCount];
            }

            if (!Utf8.IsValid(record))
            {
                ReportInvalidUtf8(csv);
                return false;
            }

            // One decoding call for the whole record; a field's end in chars equals its end in bytes
            // until the first non-ASCII byte (most fields are ASCII: codes, numbers, dates).
            Utf8.ToUtf16(record, chars, out _, out _);
            var firstHigh = record.IndexOfAnyInRange((byte)0x80, (byte)0xFF);
            var lastHigh = firstHigh < 0 ? -1 : record.LastIndexOfAnyInRange((byte)0x80, (byte)0xFF);
            var shift = 0;
            var start = 0;
            for (var i = 0; i < csv.FieldCount; i++)
            {
                var field = csv.Field(i);
                var end = start + field.Length;
                if (firstHigh >= 0 && end > firstHigh && start <= lastHigh)
                {
                    shift += Encoding.UTF8.GetCharCount(field) - field.Length;
                }

                charEnds[i] = end + shift;
                start = end;
            }

            return true;
        }

        private void ReportInvalidUtf8(CsvRecordReader csv)
        {
            for (var i = 0; i < csv.FieldCount; i++)
            {
                var field = csv.Field(i);
                if (Utf8.ToUtf16(field, chars, out var read, out _, replaceInvalidSequences: false) != OperationStatus.Done)
                {
                    var bad = read < field.Length ? $"0x{field[read]:X2}" : "cuối trường (at the end of the field)";
                    Error(csv.Line, i, $"tệp không phải UTF-8: byte {bad} không hợp lệ; hãy lưu tệp dưới dạng CSV UTF-8 (the file is not UTF-8: invalid byte {bad}; save it as \"CSV UTF-8\")");
                    return;
                }
            }
        }

        private static int ColumnOf(CsvRecordReader csv, int offset)
        {
            var end = 0;
            for (var i = 0; i < csv.FieldCount; i++)
            {
                end += csv.Field(i).Length;
                if (offset < end)
                {
                    return i;
                }
            }

            return csv.FieldCount - 1;
        }

        private ReadOnlySpan<char> Text(int column)
        {
            var start = column == 0 ? 0 : charEnds[column - 1];
            return chars.AsSpan(start, charEnds[column] - start);
        }

        private string Kinds() => string.Join(", ", campaign.UnitKinds.Select(k => k.Code));

        /// <summary>Records an error; <paramref name="column"/> is 0-based (null: the whole line).</summary>
        private void Error(int line, int? column, string message)
        {
            errorCount++;
            if (errors.Count < MaxProblems)
            {
                errors.Add(Problem(line, column, message));
            }
        }

        private void Warning(int line, int column, string message)
        {
            warningCount++;
            if (warnings.Count < MaxProblems)
            {
                warnings.Add(Problem(line, column, message));
            }
        }

        private EntriesProblem Problem(int line, int? column, string message) =>
            column is { } c
                ? new EntriesProblem(line, c + 1, c < Math.Max(columnCount, Columns.Count - 1) ? Columns[c] : "extra", message)
                : new EntriesProblem(line, null, null, message);

        private ScoringInput BuildInput()
        {
            var ordered = units.Values.OrderBy(u => u.Code, StringComparer.Ordinal).ToList();
            var competitors = ordered.Select(u => new Competitor(u.Code, u.Framework.Kind, u.Block)).ToList();
            var submissions = new List<MonthEntries>();
            foreach (var unit in ordered)
            {
                for (var month = campaign.FirstMonth; month <= campaign.LastMonth; month++)
                {
                    if (unit.Months[month] is not { } s)
                    {
                        continue;
                    }

                    var entries = new CriterionAnswer[s.Entries.Count(e => e is not null)];
                    var n = 0;
                    foreach (var entry in s.Entries)
                    {
                        if (entry is not null)
                        {
                            entries[n++] = entry;
                        }
                    }

                    submissions.Add(new MonthEntries(unit.Code, month, s.SubmittedOn, s.Deadline, entries));
                }
            }

            return new ScoringInput(competitors, submissions);
        }

        private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>A framework's leaves by code, each with its position (depth first, file order).</summary>
    private sealed class FrameworkIndex
    {
        public FrameworkIndex(Framework framework)
        {
            Framework = framework;
            Criteria = framework.Leaves;
            Leaves = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < Criteria.Count; i++)
            {
                Leaves[Criteria[i].Code] = i;
            }
        }

        public Framework Framework { get; }
        public string Kind => Framework.UnitKind;
        public IReadOnlyList<Criterion> Criteria { get; }
        public Dictionary<string, int> Leaves { get; }
        public int Count => Criteria.Count;
    }

    private sealed class UnitState(string code, FrameworkIndex framework, string block, int line, int lastMonth)
    {
        public string Code { get; } = code;
        public FrameworkIndex Framework { get; } = framework;
        public string Block { get; } = block;
        /// <summary>The line that first named the unit (its kind and block).</summary>
        public int Line { get; } = line;
        public SubmissionState?[] Months { get; } = new SubmissionState?[lastMonth + 1];
        /// <summary>Whether a row has given the unit's name (the first non-empty one is kept).</summary>
        public bool Named { get; set; }

        public SubmissionState Submission(int month, int leaves) => Months[month] ??= new SubmissionState(leaves);
    }

    private sealed class SubmissionState(int leaves)
    {
        public DateOnly? SubmittedOn;
        public int SubmittedOnLine;
        public DateOnly? Deadline;
        public int DeadlineLine;
        /// <summary>The line of each leaf's row (0: none yet), to name the first of two.</summary>
        public readonly int[] Lines = new int[leaves];
        public readonly CriterionAnswer?[] Entries = new CriterionAnswer?[leaves];
    }
}
