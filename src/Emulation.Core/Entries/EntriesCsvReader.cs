using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
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

    /// <summary>The leading columns rows of one unit and month repeat (unit to month): read once for a run of such rows.</summary>
    private const int SharedFields = MonthColumn + 1;

    /// <summary>The bytes of a chunk: a file is cut at record boundaries into chunks of about this size.</summary>
    internal const int ChunkBytes = 1 << 20;

    /// <summary>Rows parsed at a time when the file is read in one sequence.</summary>
    private const int BatchRows = 1 << 14;

    /// <summary>Reads an entries file from disk, on every core.</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static EntriesFile ReadFile(string path, Campaign campaign, UnitsCheck? units = null)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream, campaign, units);
    }

    /// <summary>Reads an entries CSV from a stream (not closed), on every core.</summary>
    public static EntriesFile Read(Stream stream, Campaign campaign) => Read(stream, campaign, Environment.ProcessorCount, ChunkBytes);

    /// <summary>Reads an entries CSV from a stream (not closed), on every core, checking every row's unit, kind and block against <paramref name="units"/> (when given).</summary>
    public static EntriesFile Read(Stream stream, Campaign campaign, UnitsCheck? units) => Read(stream, campaign, Environment.ProcessorCount, ChunkBytes, units);

    /// <summary>
    /// Reads an entries CSV with <paramref name="threads"/> parsing threads: the file is cut into
    /// chunks of about <paramref name="chunkBytes"/> at record boundaries, the chunks are split and
    /// checked row by row in parallel, and their rows are applied in file order (units, duplicates,
    /// dates that must agree), so the result, every error and its line are those of one thread.
    /// </summary>
    /// <param name="stream">The bytes.</param>
    /// <param name="campaign">The campaign the rows are checked against.</param>
    /// <param name="threads">Parsing threads.</param>
    /// <param name="chunkBytes">About how many bytes a chunk holds.</param>
    /// <param name="units">A units file to check every row against, or null.</param>
    /// <param name="inPlace">False reads every row through the general path only (cutting and
    /// decoding every field, every check on text): what the fast path is tested against.</param>
    internal static EntriesFile Read(Stream stream, Campaign campaign, int threads, int chunkBytes, UnitsCheck? units = null, bool inPlace = true)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        var reading = new Reading(campaign, units, inPlace);
        return threads <= 1
            ? reading.RunSequential(reading.Reader(stream, fileStart: true))
            : reading.RunParallel(stream, threads, chunkBytes);
    }

    /// <summary>Where a row's error stands among the checks of a row, so that the merge keeps their order.</summary>
    private enum Slot : byte
    {
        /// <summary>The row is not data: not decodable, malformed quoting, wrong column count.</summary>
        Format,
        /// <summary>Unit code, kind, block.</summary>
        Unit,
        Month,
        /// <summary>The criterion, judged against the row's kind (dropped when the unit has two kinds).</summary>
        Criterion,
        Dates,
        Value,
    }

    private enum RowKind : byte
    {
        Data,
        /// <summary>Only format errors: the row is skipped.</summary>
        Skipped,
        /// <summary>Not UTF-8 text: the reading stops after this row's error.</summary>
        Stop,
        /// <summary>A record longer than <see cref="CsvRecordReader.MaxRecordBytes"/>: the reading stops.</summary>
        TooLong,
    }

    private readonly record struct Pending(Slot Slot, int? Column, string Message);

    /// <summary>An answer and the bytes it was parsed from (value, NUL, denominator, zeros to 16 bytes) as two words.</summary>
    private readonly record struct AnswerSlot(ulong Low, ulong High, CriterionAnswer? Answer);

    /// <summary>One row as checked on its own; its line is the reader's (relative to the chunk).</summary>
    private struct Row
    {
        public int Line;
        public RowKind Kind;
        public bool Ok;
        public int Month;
        public int Leaf;
        public string? Code;
        public string? Block;
        public string? Name;
        public FrameworkIndex? Framework;
        public DateOnly? SubmittedOn;
        public DateOnly? Deadline;
        public CriterionAnswer? Answer;
        public int FirstProblem;
        public int ProblemCount;
    }

    /// <summary>The rows of a chunk (or a batch) and their problems.</summary>
    private sealed class Parsed
    {
        public List<Row> Rows { get; } = [];
        public List<Pending> Problems { get; } = [];
        /// <summary>Empties the lists for the next chunk (their capacity stays).</summary>
        public void Clear()
        {
            Rows.Clear();
            Problems.Clear();
            Exhausted = false;
            EndedInQuotes = false;
        }

        /// <summary>The reader's stream ended (rather than the batch filling up).</summary>
        public bool Exhausted { get; set; }
        /// <summary>The stream ended inside a quoted field: a chunk cut there was not at a record boundary.</summary>
        public bool EndedInQuotes { get; set; }
    }

    /// <summary>A chunk of the file: whole records, cut after a line feed outside quotes.</summary>
    private sealed class Chunk(byte[] bytes, int length, bool last)
    {
        public byte[] Bytes { get; } = bytes;
        public int Length { get; } = length;
        /// <summary>The last chunk: the file ends with it, or (<see cref="Tail"/>) the rest of the stream follows it.</summary>
        public bool Last { get; } = last;
        /// <summary>No record boundary was found: the chunk is followed by the rest of the stream, read in one sequence.</summary>
        public bool Tail { get; init; }
        public Task<Parsed>? Parsing { get; set; }
        public CsvRecordReader? Reader { get; set; }
        /// <summary>A reader of the chunk's bytes where they lie.</summary>
        public CsvRecordReader Open(bool fileStart, bool inPlace) => new(Bytes, Length, fileStart) { PrefixFields = SharedFields, InPlace = inPlace };
    }

    /// <summary>Cuts a stream into chunks at line feeds outside quotes.</summary>
    private sealed class Chunker(Stream stream, int size)
    {
        /// <summary>Past this, a chunk without any boundary makes the rest of the file one sequence (a file with CR line ends, a binary file).</summary>
        private readonly int limit = Math.Max(size * 4, CsvRecordReader.MaxRecordBytes * 2);
        private byte[] carry = [];
        private int carryLength;
        private bool ended;

        public Stream Stream => stream;

        /// <summary>The bytes read and not yet given out.</summary>
        public ReadOnlyMemory<byte> Carry => carry.AsMemory(0, carryLength);

        public Chunk? Next()
        {
            if (ended)
            {
                return null;
            }

            // Chunks' bytes come from the shared pool and go back once applied.
            var buffer = ArrayPool<byte>.Shared.Rent(carryLength + size);
            carry.AsSpan(0, carryLength).CopyTo(buffer);
            var length = carryLength;
            carryLength = 0;
            while (true)
            {
                if (buffer.Length < length + size)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(length + size);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = stream.ReadAtLeast(buffer.AsSpan(length, size), size, throwOnEndOfStream: false);
                length += read;
                if (read < size)
                {
                    ended = true;
                    if (length == 0)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        return null;
                    }

                    return new Chunk(buffer, length, last: true);
                }

                var cut = Cut(buffer.AsSpan(0, length));
                if (cut > 0)
                {
                    carryLength = length - cut;
                    if (carry.Length < carryLength)
                    {
                        carry = new byte[Math.Max(carryLength, carry.Length * 2)];
                    }

                    buffer.AsSpan(cut, carryLength).CopyTo(carry);
                    return new Chunk(buffer, cut, last: false);
                }

                if (length >= limit)
                {
                    ended = true;
                    return new Chunk(buffer, length, last: true) { Tail = true };
                }
            }
        }

        /// <summary>The end of the last line feed outside quotes (counting quotes from the start, which begins a record), or 0.</summary>
        private static int Cut(ReadOnlySpan<byte> data)
        {
            // The common case in one vectorised pass: an even number of quotes before the last line
            // feed leaves it outside quotes, which is what the walk below would find.
            var last = data.LastIndexOf((byte)'\n');
            if (last < 0 || data[..last].Count((byte)'"') % 2 == 0)
            {
                return last + 1;
            }

            var quoted = false;
            var cut = 0;
            var i = 0;
            while (i < data.Length)
            {
                var next = data[i..].IndexOfAny((byte)'"', (byte)'\n');
                if (next < 0)
                {
                    break;
                }

                i += next;
                if (data[i] == (byte)'"')
                {
                    quoted = !quoted;
                }
                else if (!quoted)
                {
                    cut = i + 1;
                }

                i++;
            }

            return cut;
        }
    }

    /// <summary>Bytes already read, then the rest of a stream.</summary>
    private sealed class PrefixStream(IReadOnlyList<ReadOnlyMemory<byte>> prefix, Stream rest) : Stream
    {
        private int segment;
        private int offset;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            while (segment < prefix.Count)
            {
                var left = prefix[segment].Span[offset..];
                if (left.IsEmpty)
                {
                    segment++;
                    offset = 0;
                    continue;
                }

                var n = Math.Min(left.Length, buffer.Length);
                left[..n].CopyTo(buffer);
                offset += n;
                return n;
            }

            return rest.Read(buffer);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>
    /// Checks rows on their own (one per thread): splits and decodes them, parses codes, months,
    /// criteria, dates and values. What depends on earlier rows is left to <see cref="Reading"/>.
    /// </summary>
    private sealed class RowParser(Campaign campaign, Dictionary<string, FrameworkIndex> frameworks, UnitsCheck? units)
    {
        private readonly Dictionary<string, FrameworkIndex>.AlternateLookup<ReadOnlySpan<char>> kinds =
            frameworks.GetAlternateLookup<ReadOnlySpan<char>>();
        private char[] chars = new char[1024];
        private int[] charEnds = new int[16];
        private readonly AnswerTable?[] answers = new AnswerTable?[frameworks.Count];
        private readonly (byte[] Code, string Kind, FrameworkIndex Framework)[] kindCodes =
            [.. frameworks.Select(f => (Encoding.UTF8.GetBytes(f.Key), f.Key, f.Value))];
        private readonly LastText codeBytes = new();
        private readonly LastText blockBytes = new();
        private readonly LastText nameBytes = new();
        private (string Code, FrameworkIndex Framework, string Block)? agreed;

        /// <summary>The unit and month of the previous row of the reader, when it was read in place (null otherwise).</summary>
        private (string Code, FrameworkIndex Framework, string Block, string? Name, int Month)? prefix;
        private FrameworkIndex? lastFramework;
        private int lastLeaf = -1;
        private string? lastCode;
        private string? lastBlock;
        private string? lastName;

        /// <summary>The header's number of columns (set once the header is read).</summary>
        public int ColumnCount { get; set; }

        /// <summary>Parses up to <paramref name="maxRows"/> rows (blank lines skipped) into <paramref name="parsed"/>; stops after a row that stops the reading.</summary>
        public Parsed Parse(CsvRecordReader csv, int maxRows, Parsed parsed)
        {
            // The previous row was another reader's (or none).
            prefix = null;
            while (parsed.Rows.Count < maxRows)
            {
                bool more;
                try
                {
                    more = csv.Read();
                }
                catch (InvalidDataException)
                {
                    parsed.Rows.Add(new Row { Line = csv.Line, Kind = RowKind.TooLong, FirstProblem = parsed.Problems.Count });
                    break;
                }

                if (!more)
                {
                    parsed.Exhausted = true;
                    break;
                }

                if (csv.IsBlank)
                {
                    prefix = null;
                    continue;
                }

                var row = new Row { Line = csv.Line, FirstProblem = parsed.Problems.Count };
                if (!TryParseInPlace(csv, ref row))
                {
                    row = ParseRow(csv, parsed.Problems);
                }

                parsed.Rows.Add(row);
                if (row.Kind == RowKind.Stop)
                {
                    break;
                }
            }

            parsed.EndedInQuotes = csv.EndedInQuotes;
            return parsed;
        }

        /// <summary>
        /// Reads a row whose every check passes straight from its bytes: each field but the name
        /// printable ASCII without white space at either end (its text is then its bytes, trimmed
        /// already), codes and names kept from the row before when their bytes are the same, the
        /// criterion looked up by its bytes, the answer shared by its bytes. False, with
        /// <paramref name="row"/> as it was, for any other row: <see cref="ParseRow"/> reads it, so a
        /// row with an error gets its messages from one place only.
        /// </summary>
        private bool TryParseInPlace(CsvRecordReader csv, ref Row row)
        {
            var ok = csv.Problem is null && csv.FieldCount == ColumnCount && (csv.SamePrefix && prefix is not null
                ? TryParseRest(csv, ref row)
                : TryParseAll(csv, ref row));
            if (!ok)
            {
                prefix = null;
            }

            return ok;
        }

        /// <summary>A row whose first fields are the previous row's bytes, which that row read in place: they are taken from it.</summary>
        private bool TryParseRest(CsvRecordReader csv, ref Row row)
        {
            for (var i = CriterionColumn; i < ColumnCount; i++)
            {
                if (!csv.IsPlain(i))
                {
                    return false;
                }
            }

            var (code, framework, block, name, month) = prefix!.Value;
            return TryParseCriterion(csv, framework, month, ref row) && Complete(ref row, code, framework, block, name, month);
        }

        private bool TryParseAll(CsvRecordReader csv, ref Row row)
        {
            for (var i = 0; i < ColumnCount; i++)
            {
                if (i != NameColumn && !csv.IsPlain(i))
                {
                    return false;
                }
            }

            var code = csv.Field(UnitColumn);
            var block = csv.Field(BlockColumn);
            if (code.IsEmpty || block.IsEmpty || KindOf(csv.Field(KindColumn)) is not var (kind, framework))
            {
                return false;
            }

            var codeText = codeBytes.Is(code) ? codeBytes.Text! : codeBytes.Keep(code, Encoding.ASCII.GetString(code))!;
            var blockText = blockBytes.Is(block) ? blockBytes.Text! : blockBytes.Keep(block, Encoding.ASCII.GetString(block))!;
            if (units is not null && agreed != (codeText, framework, blockText))
            {
                if (units.Check(codeText, kind, blockText) is not null)
                {
                    return false;
                }

                agreed = (codeText, framework, blockText);
            }

            var name = csv.Field(NameColumn);
            if (!nameBytes.Is(name))
            {
                if (name.Contains((byte)0) || !Utf8.IsValid(name))
                {
                    return false;
                }

                var text = Encoding.UTF8.GetString(name).Trim();
                nameBytes.Keep(name, text.Length == 0 ? null : text);
            }

            return Month(csv.Field(MonthColumn)) is { } month
                && TryParseCriterion(csv, framework, month, ref row)
                && Complete(ref row, codeText, framework, blockText, nameBytes.Text, month);
        }

        /// <summary>The criterion, the dates and the answer of a row whose unit and month are known.</summary>
        private bool TryParseCriterion(CsvRecordReader csv, FrameworkIndex framework, int month, ref Row row)
        {
            if (framework.LeafOf(csv.Field(CriterionColumn), ReferenceEquals(framework, lastFramework) ? lastLeaf + 1 : 0) is not (>= 0 and var leaf)
                || !Date(csv.Field(SubmittedOnColumn), out var submittedOn)
                || !Date(ColumnCount > DeadlineColumn ? csv.Field(DeadlineColumn) : default, out var deadline))
            {
                return false;
            }

            CriterionAnswer? answer = null;
            if (framework.IsDue(leaf, month))
            {
                answer = Answer(framework, leaf, csv.Field(ValueColumn), csv.Field(DenominatorColumn));
                if (answer is null)
                {
                    return false;
                }
            }

            lastFramework = framework;
            lastLeaf = leaf;
            row.Leaf = leaf;
            row.SubmittedOn = submittedOn;
            row.Deadline = deadline;
            row.Answer = answer;
            return true;
        }

        /// <summary>Fills in the row's unit and month, and keeps them for a next row with the same first fields.</summary>
        private bool Complete(ref Row row, string code, FrameworkIndex framework, string block, string? name, int month)
        {
            row.Ok = true;
            row.Framework = framework;
            row.Code = code;
            row.Block = block;
            row.Name = name;
            row.Month = month;
            prefix = (code, framework, block, name, month);
            return true;
        }

        private (string Kind, FrameworkIndex Framework)? KindOf(ReadOnlySpan<byte> code)
        {
            foreach (var (bytes, kind, framework) in kindCodes)
            {
                if (code.SequenceEqual(bytes))
                {
                    return (kind, framework);
                }
            }

            return null;
        }

        /// <summary>A month in the campaign written in ASCII digits (as <see cref="int.TryParse(string?, NumberStyles, IFormatProvider?, out int)"/> with no styles reads it), or null.</summary>
        private int? Month(ReadOnlySpan<byte> text)
        {
            if (text.IsEmpty || text.Length > 9)
            {
                return null;
            }

            var month = 0;
            foreach (var b in text)
            {
                if (!char.IsAsciiDigit((char)b))
                {
                    return null;
                }

                month = (month * 10) + (b - '0');
            }

            return campaign.HasMonth(month) ? month : null;
        }

        /// <summary>An empty field (no date) or exactly <c>YYYY-MM-DD</c> naming a day of the calendar; false for anything else.</summary>
        private static bool Date(ReadOnlySpan<byte> text, out DateOnly? date)
        {
            date = null;
            if (text.IsEmpty)
            {
                return true;
            }

            if (text.Length != 10 || text[4] != (byte)'-' || text[7] != (byte)'-')
            {
                return false;
            }

            var year = 0;
            var month = 0;
            var day = 0;
            for (var i = 0; i < 10; i++)
            {
                if (i is 4 or 7)
                {
                    continue;
                }

                var digit = text[i] - '0';
                if ((uint)digit > 9)
                {
                    return false;
                }

                if (i < 4)
                {
                    year = (year * 10) + digit;
                }
                else if (i < 7)
                {
                    month = (month * 10) + digit;
                }
                else
                {
                    day = (day * 10) + digit;
                }
            }

            if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            {
                return false;
            }

            date = new DateOnly(year, month, day);
            return true;
        }

        private Row ParseRow(CsvRecordReader csv, List<Pending> problems)
        {
            var row = new Row { Line = csv.Line, Leaf = -1, FirstProblem = problems.Count };
            if (!Decode(csv, problems))
            {
                row.Kind = RowKind.Stop;
                row.ProblemCount = problems.Count - row.FirstProblem;
                return row;
            }

            if (csv.Problem is { } problem)
            {
                problems.Add(new Pending(Slot.Format, csv.ProblemColumn - 1, $"không đúng định dạng CSV: {problem}"));
                row.Kind = RowKind.Skipped;
                row.ProblemCount = 1;
                return row;
            }

            if (csv.FieldCount != ColumnCount)
            {
                var column = Math.Min(csv.FieldCount, ColumnCount);
                problems.Add(new Pending(Slot.Format, column, $"dòng có {csv.FieldCount} cột, dòng tiêu đề có {ColumnCount} (the row has {csv.FieldCount} columns, the header {ColumnCount})"));
                row.Kind = RowKind.Skipped;
                row.ProblemCount = 1;
                return row;
            }

            // Unit, kind and block.
            var code = Trim(Text(UnitColumn));
            var kind = Trim(Text(KindColumn));
            var block = Trim(Text(BlockColumn));
            var ok = true;
            if (code.IsEmpty)
            {
                problems.Add(new Pending(Slot.Unit, UnitColumn, "thiếu mã đơn vị (the unit code is missing)"));
                ok = false;
            }

            if (!kinds.TryGetValue(kind, out var framework))
            {
                problems.Add(new Pending(Slot.Unit, KindColumn, $"loại đơn vị \"{kind}\" không có trong đợt thi đua; dùng {Kinds()} (unknown unit kind \"{kind}\": expected one of {Kinds()})"));
                framework = null;
                ok = false;
            }

            if (block.IsEmpty)
            {
                problems.Add(new Pending(Slot.Unit, BlockColumn, "thiếu mã khối thi đua (the block code is missing)"));
                ok = false;
            }

            if (ok && units is not null && units.Check(code, kind, block) is { } mismatch)
            {
                problems.Add(new Pending(Slot.Unit, mismatch.Column switch
                {
                    UnitsMismatch.Kind => KindColumn,
                    UnitsMismatch.Block => BlockColumn,
                    _ => UnitColumn,
                }, mismatch.Message));
                ok = false;
            }

            row.Ok = ok;
            row.Framework = framework;
            if (ok)
            {
                row.Code = Share(code, ref lastCode);
                row.Block = Share(block, ref lastBlock);
                var name = Trim(Text(NameColumn));
                row.Name = name.IsEmpty ? null : Share(name, ref lastName);
            }

            // Month, criterion, dates.
            var monthText = Trim(Text(MonthColumn));
            if (!int.TryParse(monthText, NumberStyles.None, CultureInfo.InvariantCulture, out var month) || !campaign.HasMonth(month))
            {
                problems.Add(new Pending(Slot.Month, MonthColumn, $"tháng \"{monthText}\" không thuộc đợt thi đua, cần số nguyên từ {campaign.FirstMonth} đến {campaign.LastMonth} (month \"{monthText}\" is outside the campaign: expected a whole number from {campaign.FirstMonth} to {campaign.LastMonth})"));
                month = 0;
            }

            row.Month = month;
            var criterionText = Trim(Text(CriterionColumn));
            if (framework is not null)
            {
                if (framework.LeafLookup.TryGetValue(criterionText, out var leaf))
                {
                    row.Leaf = leaf;
                }
                else
                {
                    var found = framework.Framework.Find(criterionText.ToString());
                    problems.Add(new Pending(Slot.Criterion, CriterionColumn, found is not null
                        ? $"tiêu chí {criterionText} có tiêu chí con; hãy nhập điểm cho các tiêu chí con (criterion {criterionText} has sub-criteria: rows name its leaf criteria)"
                        : $"tiêu chí \"{criterionText}\" không có trong bộ tiêu chí của loại {framework.Kind} (unknown criterion \"{criterionText}\": not a leaf criterion of the {framework.Kind} framework)"));
                }
            }

            row.SubmittedOn = Date(SubmittedOnColumn, problems);
            row.Deadline = ColumnCount > DeadlineColumn ? Date(DeadlineColumn, problems) : null;

            // The value, when the row can reach it (the merge still drops a second row for the same criterion).
            if (ok && month != 0 && row.Leaf >= 0 && framework!.IsDue(row.Leaf, month))
            {
                row.Answer = Answer(framework, row.Leaf, problems);
            }

            row.ProblemCount = problems.Count - row.FirstProblem;
            return row;
        }

        /// <summary>The row's answer read from its text, or null with the error.</summary>
        private CriterionAnswer? Answer(FrameworkIndex framework, int leaf, List<Pending> problems)
        {
            var criterion = framework.Criteria[leaf];
            if (!EntryValueParser.TryParse(criterion, Trim(Text(ValueColumn)), Trim(Text(DenominatorColumn)), out var parsed, out var error))
            {
                problems.Add(new Pending(Slot.Value, error!.Field == EntryField.Value ? ValueColumn : DenominatorColumn, error.Message));
                return null;
            }

            return new CriterionAnswer(criterion.Code, parsed);
        }

        /// <summary>
        /// The answer of a value and a denominator written in plain ASCII, or null when they do not
        /// parse. Shared with an earlier row of the same leaf written the same way (the answers are
        /// immutable and the parser is deterministic: the same bytes give the same value), so a
        /// national file holds a few thousand answers instead of one object per row. The bytes
        /// (value, a NUL, denominator: at most 16) are the key, held in the slot itself; the table
        /// is direct-mapped (a slot per hash, the last answer in it kept): a row costs one cache
        /// line, and the table is bounded whatever the file holds.
        /// </summary>
        private CriterionAnswer? Answer(FrameworkIndex framework, int leaf, ReadOnlySpan<byte> value, ReadOnlySpan<byte> denominator)
        {
            const int MaxLength = 64;
            if (value.Length > MaxLength || denominator.Length > MaxLength)
            {
                return null;
            }

            var table = answers[framework.Ordinal] ??= new AnswerTable(framework.Count);
            var keyed = value.Length + 1 + denominator.Length <= AnswerTable.KeyBytes && !table.Off[leaf];
            ulong low = 0, high = 0;
            var at = 0;
            if (keyed)
            {
                Span<byte> key = stackalloc byte[AnswerTable.KeyBytes];
                key.Clear();
                value.CopyTo(key);
                denominator.CopyTo(key[(value.Length + 1)..]);
                low = MemoryMarshal.Read<ulong>(key);
                high = MemoryMarshal.Read<ulong>(key[8..]);
                at = AnswerTable.SlotOf(leaf, low, high);
                ref var slot = ref table.Slots[at];
                if (slot.Low == low && slot.High == high && slot.Answer is { } known)
                {
                    table.Hits[leaf]++;
                    return known;
                }
            }

            Span<char> valueText = stackalloc char[value.Length];
            Span<char> denominatorText = stackalloc char[denominator.Length];
            Ascii.ToUtf16(value, valueText, out _);
            Ascii.ToUtf16(denominator, denominatorText, out _);
            var criterion = framework.Criteria[leaf];
            if (!EntryValueParser.TryParse(criterion, valueText, denominatorText, out var parsed, out _))
            {
                return null;
            }

            var answer = new CriterionAnswer(criterion.Code, parsed);
            if (keyed)
            {
                table.Slots[at] = new AnswerSlot(low, high, answer);
                if (++table.Misses[leaf] > AnswerTable.SlotsPerLeaf && table.Misses[leaf] > table.Hits[leaf])
                {
                    // Mostly different answers (ratios of every kind): looking them up costs more than it saves.
                    table.Off[leaf] = true;
                }
            }

            return answer;
        }

        /// <summary>A framework's answers by leaf, then by a hash of their bytes; a leaf whose answers mostly differ is switched off.</summary>
        private sealed class AnswerTable(int leaves)
        {
            /// <summary>Slots per leaf (a power of 2).</summary>
            public const int SlotsPerLeaf = 64;

            /// <summary>The longest key: a value, a NUL and a denominator.</summary>
            public const int KeyBytes = 16;

            public AnswerSlot[] Slots { get; } = new AnswerSlot[leaves * SlotsPerLeaf];
            public int[] Hits { get; } = new int[leaves];
            public int[] Misses { get; } = new int[leaves];
            public bool[] Off { get; } = new bool[leaves];

            public static int SlotOf(int leaf, ulong low, ulong high) =>
                (leaf * SlotsPerLeaf) + (int)(((low * 0x9E3779B97F4A7C15UL) ^ (high * 0xC2B2AE3D27D4EB4FUL)) >> 58);
        }

        /// <summary>The text of the last field read in a column, kept with its bytes: rows of a unit repeat them.</summary>
        private sealed class LastText
        {
            private byte[] bytes = new byte[64];
            private int length = -1;

            public string? Text { get; private set; }

            public bool Is(ReadOnlySpan<byte> field) => field.Length == length && field.SequenceEqual(bytes.AsSpan(0, length));

            public string? Keep(ReadOnlySpan<byte> field, string? text)
            {
                if (bytes.Length < field.Length)
                {
                    bytes = new byte[field.Length];
                }

                field.CopyTo(bytes);
                length = field.Length;
                return Text = text;
            }
        }

        /// <summary><see cref="MemoryExtensions.Trim(ReadOnlySpan{char})"/>, with the common case (no white space at either end) checked first.</summary>
        private static ReadOnlySpan<char> Trim(ReadOnlySpan<char> text) =>
            text.IsEmpty || (text[0] is > ' ' and < '\u007F' && text[^1] is > ' ' and < '\u007F') ? text : text.Trim();

        /// <summary>The text as a string, the previous row's string when equal (rows of a unit follow each other).</summary>
        private static string Share(ReadOnlySpan<char> text, ref string? last)
        {
            if (last is not null && text.SequenceEqual(last))
            {
                return last;
            }

            return last = text.ToString();
        }

        private DateOnly? Date(int column, List<Pending> problems)
        {
            var text = Trim(Text(column));
            if (text.IsEmpty)
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            problems.Add(new Pending(Slot.Dates, column, $"ngày \"{text}\" không hợp lệ, cần dạng YYYY-MM-DD (invalid date \"{text}\": expected an ISO date YYYY-MM-DD)"));
            return null;
        }

        /// <summary>Decodes every field of the record as strict UTF-8; false (with the error) when a field holds a NUL byte or a byte that is not UTF-8.</summary>
        public bool Decode(CsvRecordReader csv, List<Pending> problems)
        {
            var total = 0;
            for (var i = 0; i < csv.FieldCount; i++)
            {
                var field = csv.Field(i);
                if (field.Contains((byte)0))
                {
                    problems.Add(new Pending(Slot.Format, i, "không phải tệp CSV dạng văn bản: có byte 0 (not a CSV text file: it holds a NUL byte)"));
                    return false;
                }

                total += field.Length;
            }

            if (chars.Length < total)
            {
                chars = new char[Math.Max(total, chars.Length * 2)];
            }

            if (charEnds.Length < csv.FieldCount)
            {
                charEnds = new int[csv.FieldCount];
            }

            var end = 0;
            for (var i = 0; i < csv.FieldCount; i++)
            {
                var field = csv.Field(i);
                if (Utf8.ToUtf16(field, chars.AsSpan(end), out var read, out var written, replaceInvalidSequences: false) != OperationStatus.Done)
                {
                    var bad = read < field.Length ? $"0x{field[read]:X2}" : "cuối trường (at the end of the field)";
                    problems.Add(new Pending(Slot.Format, i, $"tệp không phải UTF-8: byte {bad} không hợp lệ; hãy lưu tệp dưới dạng CSV UTF-8 (the file is not UTF-8: invalid byte {bad}; save it as \"CSV UTF-8\")"));
                    return false;
                }

                end += written;
                charEnds[i] = end;
            }

            return true;
        }

        public ReadOnlySpan<char> Text(int column)
        {
            var start = column == 0 ? 0 : charEnds[column - 1];
            return chars.AsSpan(start, charEnds[column] - start);
        }

        private string Kinds() => string.Join(", ", campaign.UnitKinds.Select(k => k.Code));
    }

    /// <summary>The state of one read: units seen, their submissions, the problems; rows are applied in file order.</summary>
    private sealed class Reading(Campaign campaign, UnitsCheck? unitsFile, bool inPlace)
    {
        private readonly Dictionary<string, UnitState> units = new(StringComparer.Ordinal);
        private readonly Dictionary<string, FrameworkIndex> frameworks = campaign.Frameworks
            .Select((f, i) => (f.Key, Index: new FrameworkIndex(f.Value, i)))
            .ToDictionary(f => f.Key, f => f.Index, StringComparer.Ordinal);
        private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
        private readonly List<EntriesProblem> errors = [];
        private readonly List<EntriesProblem> warnings = [];
        private int errorCount;
        private int warningCount;
        private int rows;
        private int columnCount;
        private bool stopped;
        private readonly ConcurrentBag<Parsed> spare = [];
        private readonly ConcurrentBag<RowParser> parsers = [];
        private string? lastCode;
        private UnitState? lastUnit;

        /// <summary>Reads the header, then every row in one sequence.</summary>
        public EntriesFile RunSequential(CsvRecordReader csv)
        {
            var parser = NewParser();
            if (ReadHeader(csv, parser))
            {
                parser.ColumnCount = columnCount;
                ApplyAll(csv, parser, 0);
            }

            return Result();
        }

        /// <summary>Reads the header, then the chunks on <paramref name="threads"/> threads, applying them in order.</summary>
        public EntriesFile RunParallel(Stream stream, int threads, int chunkBytes)
        {
            var chunker = new Chunker(stream, chunkBytes);
            if (chunker.Next() is not { } first)
            {
                return RunSequential(new CsvRecordReader(Stream.Null));
            }

            // The header's quoting decides nothing about the cut when it runs past it: read it all in one sequence then.
            var probe = first.Open(fileStart: true, inPlace);
            if (first.Tail || (!first.Last && ProbeEndsInQuotes(probe)))
            {
                return RunSequential(Reader(new PrefixStream([first.Bytes.AsMemory(0, first.Length), chunker.Carry], stream), fileStart: true));
            }

            var header = NewParser();
            first.Reader = first.Open(fileStart: true, inPlace);
            if (!ReadHeader(first.Reader, header))
            {
                return Result();
            }

            var queue = new Queue<Chunk>();
            var inFlight = threads * 2;
            var next = first;
            var startLine = 1;
            try
            {
                while (true)
                {
                    while (next is not null && queue.Count < inFlight)
                    {
                        Start(next);
                        queue.Enqueue(next);
                        next = next.Last ? null : chunker.Next();
                    }

                    if (!queue.TryDequeue(out var chunk))
                    {
                        break;
                    }

                    if (chunk.Tail)
                    {
                        // No record boundary in reach: the rest of the file in one sequence.
                        ApplyAll(Reader(new PrefixStream([chunk.Bytes.AsMemory(0, chunk.Length)], stream), fileStart: false), Parser(), startLine - 1);
                        break;
                    }

                    var parsed = chunk.Parsing!.GetAwaiter().GetResult();
                    if (parsed.EndedInQuotes && !chunk.Last && !parsed.Rows.Exists(r => r.Kind is RowKind.Stop or RowKind.TooLong))
                    {
                        // The cut fell inside a quoted field (quoting the count of quotes could not foresee):
                        // from this chunk on, one sequence.
                        Task.WaitAll([.. queue.Select(c => c.Parsing).OfType<Task<Parsed>>()]);
                        var rest = new List<ReadOnlyMemory<byte>> { chunk.Bytes.AsMemory(0, chunk.Length) };
                        rest.AddRange(queue.Select(c => (ReadOnlyMemory<byte>)c.Bytes.AsMemory(0, c.Length)));
                        if (next is not null)
                        {
                            rest.Add(next.Bytes.AsMemory(0, next.Length));
                            if (!next.Last)
                            {
                                rest.Add(chunker.Carry);
                            }
                        }

                        var reader = Reader(new PrefixStream(rest, stream), fileStart: ReferenceEquals(chunk, first));
                        if (ReferenceEquals(chunk, first))
                        {
                            // The header was read from this chunk already: the same bytes, read past again.
                            reader.Read();
                        }

                        queue.Clear();
                        ApplyAll(reader, Parser(), startLine - 1);
                        break;
                    }

                    Apply(parsed, startLine - 1);
                    Recycle(parsed);
                    ArrayPool<byte>.Shared.Return(chunk.Bytes);
                    if (stopped)
                    {
                        break;
                    }

                    startLine += (chunk.Reader?.NextLine ?? 1) - 1;
                }
            }
            finally
            {
                // Never leave a parse running over a stream that is about to be closed.
                foreach (var chunk in queue)
                {
                    chunk.Parsing?.Wait();
                }
            }

            return Result();

            RowParser Parser() => new(campaign, frameworks, unitsFile) { ColumnCount = columnCount };

            void Start(Chunk chunk)
            {
                if (chunk.Tail)
                {
                    // Read in one sequence when its turn comes.
                    return;
                }

                chunk.Reader ??= chunk.Open(fileStart: false, inPlace);
                var reader = chunk.Reader;
                chunk.Parsing = Task.Run(() =>
                {
                    // Parsers are reused from chunk to chunk (one thread at a time), so their shared answers last the whole file.
                    var parser = parsers.TryTake(out var idle) ? idle : Parser();
                    try
                    {
                        return parser.Parse(reader, int.MaxValue, Spare());
                    }
                    finally
                    {
                        parsers.Add(parser);
                    }
                });
            }
        }

        /// <summary>A parse result to fill, reused: a national file's rows pass through a few of them.</summary>
        private Parsed Spare() => spare.TryTake(out var parsed) ? parsed : new Parsed();

        private void Recycle(Parsed parsed)
        {
            parsed.Clear();
            spare.Add(parsed);
        }

        private static bool ProbeEndsInQuotes(CsvRecordReader probe)
        {
            try
            {
                probe.Read();
            }
            catch (InvalidDataException)
            {
                return true;
            }

            return probe.EndedInQuotes;
        }

        private RowParser NewParser() => new(campaign, frameworks, unitsFile);

        /// <summary>A reader of a stream, comparing rows' first fields with the previous row's.</summary>
        public CsvRecordReader Reader(Stream stream, bool fileStart) => new(stream, fileStart) { PrefixFields = SharedFields, InPlace = inPlace };

        /// <summary>Parses and applies the reader's rows in batches until the end or a row that stops the reading.</summary>
        private void ApplyAll(CsvRecordReader csv, RowParser parser, int offset)
        {
            while (!stopped)
            {
                var parsed = parser.Parse(csv, BatchRows, Spare());
                var exhausted = parsed.Exhausted;
                Apply(parsed, offset);
                Recycle(parsed);
                if (exhausted)
                {
                    break;
                }
            }
        }

        private EntriesFile Result() => new()
        {
            Input = errorCount == 0 ? BuildInput() : null,
            Errors = errors,
            ErrorCount = errorCount,
            Warnings = warnings,
            WarningCount = warningCount,
            UnitNames = names,
            Rows = rows,
        };

        private bool ReadHeader(CsvRecordReader csv, RowParser parser)
        {
            bool any;
            try
            {
                any = csv.Read();
            }
            catch (InvalidDataException e)
            {
                TooLong(csv.Line, e.Message);
                return false;
            }

            if (!any)
            {
                Error(1, null, $"tệp rỗng: cần dòng tiêu đề {string.Join(',', Columns)} (the file is empty: the header row {string.Join(',', Columns)} is required)");
                return false;
            }

            if (csv.LooksLikeZip)
            {
                Error(1, null, "không phải tệp CSV: đây là tệp nén/Excel (.xlsx); hãy lưu dưới dạng CSV UTF-8 (not a CSV file: this is a ZIP archive or an Excel .xlsx workbook; save it as \"CSV UTF-8\")");
                return false;
            }

            var problems = new List<Pending>();
            if (!parser.Decode(csv, problems))
            {
                foreach (var p in problems)
                {
                    Error(csv.Line, p.Column, p.Message);
                }

                return false;
            }

            columnCount = csv.FieldCount;
            var wrong = -1;
            for (var i = 0; i < Math.Min(columnCount, Columns.Count); i++)
            {
                if (!parser.Text(i).Trim().Equals(Columns[i], StringComparison.OrdinalIgnoreCase))
                {
                    wrong = i;
                    break;
                }
            }

            if (wrong >= 0 || columnCount < Columns.Count - 1 || columnCount > Columns.Count)
            {
                var text = wrong >= 0 ? parser.Text(wrong).ToString() : "";
                var detail = wrong >= 0
                    ? $"cột {wrong + 1} là \"{text}\", cần \"{Columns[wrong]}\" (column {wrong + 1} is \"{text}\", expected \"{Columns[wrong]}\")"
                    : $"có {columnCount} cột, cần {Columns.Count - 1} hoặc {Columns.Count} (it has {columnCount} columns, expected {Columns.Count - 1} or {Columns.Count})";
                Error(csv.Line, null, $"dòng tiêu đề sai: {detail}; cần {string.Join(',', Columns.Take(Columns.Count - 1))}[,deadline] (wrong header row; expected {string.Join(',', Columns.Take(Columns.Count - 1))}[,deadline])");
                return false;
            }

            return true;
        }

        private void TooLong(int line, string message) =>
            Error(line, null, $"không phải tệp CSV: một dòng dài quá {CsvRecordReader.MaxRecordBytes / 1024} KB (not a CSV file: {message})");

        /// <summary>Applies parsed rows in order; <paramref name="offset"/> turns their lines into the file's.</summary>
        private void Apply(Parsed parsed, int offset)
        {
            var problems = parsed.Problems;
            foreach (ref readonly var row in CollectionsMarshal.AsSpan(parsed.Rows))
            {
                if (stopped)
                {
                    return;
                }

                ApplyRow(row, problems, offset);
            }
        }

        private void ApplyRow(in Row row, List<Pending> problems, int offset)
        {
            var line = row.Line + offset;
            var next = row.FirstProblem;
            var end = row.FirstProblem + row.ProblemCount;
            switch (row.Kind)
            {
                case RowKind.TooLong:
                    TooLong(line, $"a record longer than {CsvRecordReader.MaxRecordBytes / 1024} KB");
                    stopped = true;
                    return;
                case RowKind.Stop:
                    rows++;
                    Flush(Slot.Value);
                    stopped = true;
                    return;
                case RowKind.Skipped:
                    rows++;
                    Flush(Slot.Value);
                    return;
                default:
                    rows++;
                    break;
            }

            Flush(Slot.Unit);
            UnitState? unit = null;
            var framework = row.Framework;
            var ok = row.Ok;
            if (ok)
            {
                unit = UnitFor(row.Code!, framework!, row.Block!, line);
                if (!ReferenceEquals(unit.Framework, framework))
                {
                    Error(line, KindColumn, $"đơn vị {unit.Code} có hai loại: \"{unit.Framework.Kind}\" ở dòng {unit.Line} và \"{framework!.Kind}\" (unit {unit.Code} has two kinds: \"{unit.Framework.Kind}\" on line {unit.Line} and \"{framework.Kind}\" here)");
                    ok = false;

                    // The criterion is judged by neither kind: the row is wrong already.
                    framework = null;
                }

                if (!string.Equals(row.Block, unit.Block, StringComparison.Ordinal))
                {
                    Error(line, BlockColumn, $"đơn vị {unit.Code} thuộc hai khối: \"{unit.Block}\" ở dòng {unit.Line} và \"{row.Block}\" (unit {unit.Code} is in two blocks: \"{unit.Block}\" on line {unit.Line} and \"{row.Block}\" here)");
                    ok = false;
                }

                if (!unit.Named && row.Name is { } name)
                {
                    names[unit.Code] = name;
                    unit.Named = true;
                }
            }

            Flush(Slot.Month);
            if (framework is null)
            {
                while (next < end && problems[next].Slot == Slot.Criterion)
                {
                    next++;
                }
            }

            Flush(Slot.Dates);
            if (unit is null || !ok || row.Month == 0)
            {
                return;
            }

            var month = row.Month;
            var submission = unit.Submission(month, framework!.Count);
            Agree(ref submission.SubmittedOn, ref submission.SubmittedOnLine, row.SubmittedOn, line, SubmittedOnColumn, unit, month);
            Agree(ref submission.Deadline, ref submission.DeadlineLine, row.Deadline, line, DeadlineColumn, unit, month);

            if (row.Leaf < 0)
            {
                return;
            }

            var criterion = framework.Criteria[row.Leaf];
            if (!framework.IsDue(row.Leaf, month))
            {
                Warning(line, CriterionColumn, $"tiêu chí {criterion.Code} không đến hạn tháng {month}, dòng bị bỏ qua (criterion {criterion.Code} is not due in month {month}: row ignored)");
                return;
            }

            if (submission.Lines[row.Leaf] is var first and > 0)
            {
                Error(line, CriterionColumn, $"đơn vị {unit.Code}, tháng {month}, tiêu chí {criterion.Code} đã có ở dòng {first} (unit {unit.Code}, month {month}, criterion {criterion.Code} is already on line {first})");
                return;
            }

            submission.Lines[row.Leaf] = line;
            if (row.Answer is { } answer)
            {
                submission.Entries[row.Leaf] = answer;
            }
            else
            {
                Flush(Slot.Value);
            }

            // Reports the row's problems up to and including the given slot, in the order they were found.
            void Flush(Slot through)
            {
                while (next < end && problems[next].Slot <= through)
                {
                    Error(line, problems[next].Column, problems[next].Message);
                    next++;
                }
            }
        }

        private UnitState UnitFor(string code, FrameworkIndex framework, string block, int line)
        {
            if (ReferenceEquals(code, lastCode) && lastUnit is not null)
            {
                return lastUnit;
            }

            if (!units.TryGetValue(code, out var unit))
            {
                unit = new UnitState(code, framework, block, line, campaign.LastMonth);
                units.Add(unit.Code, unit);
            }

            lastCode = code;
            lastUnit = unit;
            return unit;
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
        public FrameworkIndex(Framework framework, int ordinal)
        {
            Framework = framework;
            Ordinal = ordinal;
            Criteria = framework.Leaves;
            Leaves = new Dictionary<string, int>(StringComparer.Ordinal);
            LeafLookup = Leaves.GetAlternateLookup<ReadOnlySpan<char>>();
            DueMasks = new int[Criteria.Count];
            LeafCodes = new byte[Criteria.Count][];
            for (var i = 0; i < Criteria.Count; i++)
            {
                Leaves[Criteria[i].Code] = i;
                LeafCodes[i] = Encoding.UTF8.GetBytes(Criteria[i].Code);
                foreach (var month in Criteria[i].DueMonths)
                {
                    DueMasks[i] |= 1 << month;
                }
            }
        }

        /// <summary>Whether leaf <paramref name="leaf"/> is due in <paramref name="month"/> (1–12), without a set lookup per row.</summary>
        public bool IsDue(int leaf, int month) => (DueMasks[leaf] & (1 << month)) != 0;

        /// <summary>
        /// The leaf whose code is <paramref name="code"/> (ASCII), trying <paramref name="hint"/> first
        /// (the leaf after the previous row's: files list a month's criteria in order); -1 when none.
        /// </summary>
        public int LeafOf(ReadOnlySpan<byte> code, int hint)
        {
            if ((uint)hint < (uint)LeafCodes.Length && code.SequenceEqual(LeafCodes[hint]))
            {
                return hint;
            }

            if (code.Length > 32)
            {
                return -1;
            }

            Span<char> text = stackalloc char[code.Length];
            Ascii.ToUtf16(code, text, out _);
            return LeafLookup.TryGetValue(text, out var leaf) ? leaf : -1;
        }

        public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> LeafLookup { get; }
        private int[] DueMasks { get; }
        private byte[][] LeafCodes { get; }

        public Framework Framework { get; }

        /// <summary>The framework's place among the campaign's (0-based).</summary>
        public int Ordinal { get; }

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
