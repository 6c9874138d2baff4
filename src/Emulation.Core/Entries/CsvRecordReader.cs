using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Emulation.Core.Entries;

/// <summary>
/// Splits a byte stream into RFC 4180 records without decoding it: commas, quotes, CR and LF are
/// ASCII and never occur inside a UTF-8 multi-byte sequence, so fields can be cut on bytes and
/// decoded (strictly) afterwards. Accepts CRLF, LF (and a lone CR) line ends, quoted fields with
/// commas, line breaks and doubled quotes. Malformed quoting is reported per record through
/// <see cref="Problem"/>.
/// </summary>
/// <remarks>
/// A record lying whole in the buffer, on one line, whose quoted fields hold no quote, is cut in one
/// scan and its fields are read where they lie; any other record (doubled or stray quotes, a line
/// break inside quotes, a record across the buffer's end) goes through the general state machine,
/// which copies its fields. Both give the same fields, lines and problems.
/// </remarks>
internal sealed class CsvRecordReader
{
    /// <summary>A record longer than this is no CSV line anyone wrote (a binary file, a missing quote).</summary>
    public const int MaxRecordBytes = 1 << 20;

    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(","u8 + "\r\n\""u8);
    private static readonly SearchValues<byte> QuotedStops = SearchValues.Create("\"\n"u8);

    private readonly Stream? stream;
    private readonly byte[] buffer;
    private int position;
    private int length;
    private bool started;
    private byte[] bytes = new byte[1024];
    private int byteCount;

    /// <summary>The array the current record's fields lie in: <see cref="buffer"/> (read in place) or <see cref="bytes"/> (copied).</summary>
    private byte[] record;
    private int[] fieldStarts = new int[InPlaceFields];
    private int[] fieldEnds = new int[InPlaceFields];
    private int line = 1;

    /// <summary>Bit i: field i is known to be plain (<see cref="IsPlain"/>); a clear bit means "look".</summary>
    private ulong plainFields;

    /// <summary>Where the last record read in place starts, and how many of its bytes (0: none) make its first <see cref="PrefixFields"/> fields with their separator.</summary>
    private int prefixStart;
    private int prefixLength;

    /// <summary>Reads <paramref name="stream"/> in 64 KB blocks; only the current record is held.</summary>
    /// <param name="stream">The bytes to split.</param>
    /// <param name="fileStart">Whether the stream starts the file (a byte order mark or a ZIP signature is
    /// looked for only there); false for a chunk cut out of the file at a record boundary.</param>
    public CsvRecordReader(Stream stream, bool fileStart = true)
    {
        this.stream = stream;
        buffer = new byte[1 << 16];
        record = bytes;
        started = !fileStart;
    }

    /// <summary>Reads the first <paramref name="count"/> bytes of <paramref name="data"/>, where they lie.</summary>
    /// <param name="data">The bytes to split (not copied: they must not change while read).</param>
    /// <param name="count">How many of them.</param>
    /// <param name="fileStart">As for a stream.</param>
    public CsvRecordReader(byte[] data, int count, bool fileStart)
    {
        buffer = data;
        length = count;
        record = bytes;
        started = !fileStart;
    }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteSeen,
    }

    /// <summary>The line (1-based) the current record starts on.</summary>
    public int Line { get; private set; }

    /// <summary>The line the next record starts on.</summary>
    public int NextLine => line;

    /// <summary>Whether the stream ended inside a quoted field (the last record's <see cref="Problem"/>).</summary>
    public bool EndedInQuotes { get; private set; }

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>A quoting problem in the current record ("Vietnamese (English)"), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>The field (1-based) <see cref="Problem"/> concerns.</summary>
    public int ProblemColumn { get; private set; }

    /// <summary>
    /// How many leading fields to compare with the previous record's (0: none). When a record
    /// begins with exactly the bytes of the previous record's first fields and their separator,
    /// those fields are taken from it without cutting them again (<see cref="SamePrefix"/>): rows
    /// of one unit and month repeat the unit, its name, kind, block and the month.
    /// </summary>
    public int PrefixFields { get; init; }

    /// <summary>Whether records may be read in place (true); false sends every record through the state machine, which tests compare with.</summary>
    internal bool InPlace { get; init; } = true;

    /// <summary>Whether the current record's first <see cref="PrefixFields"/> fields are byte for byte the previous record's.</summary>
    public bool SamePrefix { get; private set; }

    /// <summary>Whether the stream began with the bytes of a ZIP archive (an .xlsx workbook).</summary>
    public bool LooksLikeZip { get; private set; }

    /// <summary>The raw (unquoted, unescaped) bytes of field <paramref name="index"/> (0-based).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> Field(int index) => record.AsSpan(fieldStarts[index], fieldEnds[index] - fieldStarts[index]);

    /// <summary>
    /// Whether field <paramref name="index"/> (0-based) is printable ASCII (space to tilde) with no
    /// space at either end, empty included: its text is then its bytes, valid UTF-8 and trimmed.
    /// Known from the cutting for unquoted fields read in place, worked out for the others.
    /// </summary>
    public bool IsPlain(int index)
    {
        if (index < 64 && (plainFields & (1UL << index)) != 0)
        {
            return true;
        }

        var field = Field(index);
        if (field.IsEmpty)
        {
            return true;
        }

        if (field[0] == (byte)' ' || field[^1] == (byte)' ')
        {
            return false;
        }

        foreach (var b in field)
        {
            if (b is < (byte)' ' or > (byte)'~')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the record is a blank line.</summary>
    public bool IsBlank => FieldCount == 1 && fieldEnds[0] == fieldStarts[0];

    /// <summary>Reads the next record; false at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">A record exceeds <see cref="MaxRecordBytes"/>.</exception>
    public bool Read()
    {
        if (!started)
        {
            started = true;
            // Enough bytes to recognise a byte order mark or a ZIP signature, however the stream delivers them.
            if (stream is not null)
            {
                length = stream.ReadAtLeast(buffer, 4, throwOnEndOfStream: false);
            }

            if (buffer.AsSpan(0, length).StartsWith("PK\u0003\u0004"u8))
            {
                LooksLikeZip = true;
            }

            if (buffer.AsSpan(0, length).StartsWith("\uFEFF"u8))
            {
                position = 3;
            }
        }

        FieldCount = 0;
        Problem = null;
        ProblemColumn = 0;
        Line = line;
        SamePrefix = false;
        if (TryReadInPlace())
        {
            return true;
        }

        FieldCount = 0;
        byteCount = 0;
        record = bytes;
        plainFields = 0;
        prefixLength = 0;
        var state = State.FieldStart;
        var any = false;
        while (true)
        {
            if (position == length && !Fill())
            {
                if (!any)
                {
                    return false;
                }

                if (state == State.Quoted)
                {
                    EndedInQuotes = true;
                    Report("trường trong ngoặc kép không được đóng đến hết tệp (a quoted field is not closed before the end of the file)");
                }

                EndField();
                return true;
            }

            var span = buffer.AsSpan(position, length - position);
            switch (state)
            {
                case State.FieldStart:
                    any = true;
                    if (span[0] == (byte)'"')
                    {
                        position++;
                        state = State.Quoted;
                    }
                    else
                    {
                        state = State.Unquoted;
                    }

                    break;

                case State.Unquoted:
                {
                    var i = span.IndexOfAny(UnquotedStops);
                    if (i < 0)
                    {
                        Append(span);
                        position = length;
                        break;
                    }

                    Append(span[..i]);
                    position += i;
                    var stop = span[i];
                    if (stop == (byte)',')
                    {
                        position++;
                        EndField();
                        state = State.FieldStart;
                    }
                    else if (stop == (byte)'"')
                    {
                        Report("dấu ngoặc kép giữa trường không có ngoặc kép; hãy đặt cả trường trong ngoặc kép và nhân đôi dấu \" bên trong (a quote inside an unquoted field: quote the whole field and double the quotes inside)");
                        Append("\""u8);
                        position++;
                    }
                    else
                    {
                        EndField();
                        ConsumeLineEnd();
                        return true;
                    }

                    break;
                }

                case State.Quoted:
                {
                    var i = span.IndexOfAny(QuotedStops);
                    if (i < 0)
                    {
                        Append(span);
                        position = length;
                        break;
                    }

                    Append(span[..i]);
                    position += i + 1;
                    if (span[i] == (byte)'\n')
                    {
                        line++;
                        Append("\n"u8);
                    }
                    else
                    {
                        state = State.QuoteSeen;
                    }

                    break;
                }

                case State.QuoteSeen:
                {
                    var next = span[0];
                    if (next == (byte)'"')
                    {
                        Append("\""u8);
                        position++;
                        state = State.Quoted;
                    }
                    else if (next == (byte)',')
                    {
                        position++;
                        EndField();
                        state = State.FieldStart;
                    }
                    else if (next is (byte)'\r' or (byte)'\n')
                    {
                        EndField();
                        ConsumeLineEnd();
                        return true;
                    }
                    else
                    {
                        Report("có ký tự sau dấu ngoặc kép đóng trường (text after a field's closing quote)");
                        state = State.Unquoted;
                    }

                    break;
                }
            }
        }
    }

    /// <summary>
    /// Cuts the record at <see cref="position"/> when it lies whole in the buffer, on one line, with
    /// no quote inside a quoted field and none in an unquoted one: its fields are then read in place.
    /// False (nothing changed) for any other record, which the state machine reads.
    /// </summary>
    private bool TryReadInPlace()
    {
        // The record is read 32 bytes at a time: one mask of the bytes that end or quote a field
        // (comma, CR, LF, quote) and one of the bytes that are not printable ASCII; the fields are
        // found by walking the first mask's bits, so the work goes by fields, not by bytes.
        var end = length;
        var p = position;
        if (!InPlace)
        {
            return false;
        }

        if (end - p < BlockBytes || !Vector128.IsHardwareAccelerated)
        {
            return TryReadInPlaceBytewise();
        }

        ref var data = ref MemoryMarshal.GetArrayDataReference(buffer);
        var starts = fieldStarts;
        var ends = fieldEnds;
        var count = 0;
        var plain = 0UL;
        var fieldStart = p;
        var state = QuoteState.Unquoted;
        var closingQuote = 0;
        var prefixEnd = 0;
        var same = false;
        if (prefixLength > 0 && end - p > prefixLength
            && MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, p), prefixLength).SequenceEqual(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref data, prefixStart), prefixLength)))
        {
            // The same leading fields as the previous record: moved, not cut again (their plainness is the same too).
            var shift = p - prefixStart;
            for (var i = 0; i < PrefixFields; i++)
            {
                starts[i] += shift;
                ends[i] += shift;
            }

            count = PrefixFields;
            plain = plainFields & ((1UL << PrefixFields) - 1);
            fieldStart = p + prefixLength;
            prefixEnd = fieldStart;
            same = true;
        }

        // A byte that is not printable ASCII in the current unquoted field, in a block before this one.
        var earlierOther = false;
        for (var block = fieldStart; ; block += BlockBytes)
        {
            if (block + BlockBytes > end || block - position > MaxRecordBytes)
            {
                // Near the buffer's end, a byte at a time (which leaves a record too long to the state machine).
                return TryReadInPlaceBytewise();
            }

            var low = Vector128.LoadUnsafe(ref data, (nuint)block);
            var high = Vector128.LoadUnsafe(ref data, (nuint)(block + 16));
            var stops = Stops(low) | (Stops(high) << 16);
            var others = Others(low) | (Others(high) << 16);
            while (stops != 0)
            {
                var at = block + BitOperations.TrailingZeroCount(stops);
                stops &= stops - 1;
                var b = Unsafe.Add(ref data, at);
                switch (state)
                {
                    case QuoteState.Quoted:
                        if (b == (byte)'"')
                        {
                            state = QuoteState.AfterQuote;
                            closingQuote = at;
                        }
                        else if (b == (byte)'\n')
                        {
                            // A line break inside quotes: lines are counted by the state machine.
                            return false;
                        }

                        continue;

                    case QuoteState.AfterQuote:
                        if (at != closingQuote + 1 || b == (byte)'"')
                        {
                            // Text after the closing quote, or a doubled quote.
                            return false;
                        }

                        if (count == InPlaceFields)
                        {
                            return false;
                        }

                        starts[count] = fieldStart + 1;
                        ends[count] = closingQuote;
                        count++;
                        break;

                    default:
                        if (b == (byte)'"')
                        {
                            if (at != fieldStart)
                            {
                                return false;
                            }

                            state = QuoteState.Quoted;
                            continue;
                        }

                        if (count == InPlaceFields)
                        {
                            return false;
                        }

                        var from = Math.Max(fieldStart, block) - block;
                        if (!earlierOther && ((others >> from) & ((1u << (at - block - from)) - 1)) == 0
                            && (fieldStart == at || (Unsafe.Add(ref data, fieldStart) != (byte)' ' && Unsafe.Add(ref data, at - 1) != (byte)' ')))
                        {
                            plain |= 1UL << count;
                        }

                        starts[count] = fieldStart;
                        ends[count] = at;
                        count++;
                        break;
                }

                // A field ended at a comma, CR or LF.
                if (b == (byte)',')
                {
                    if (count == PrefixFields)
                    {
                        prefixEnd = at + 1;
                    }

                    fieldStart = at + 1;
                    state = QuoteState.Unquoted;
                    earlierOther = false;
                    continue;
                }

                if (b == (byte)'\r')
                {
                    if (at + 1 >= end || Unsafe.Add(ref data, at + 1) != (byte)'\n')
                    {
                        // A lone CR: a line end the state machine reads.
                        return false;
                    }

                    at++;
                }

                record = buffer;
                FieldCount = count;
                plainFields = plain;
                SamePrefix = same;
                prefixStart = p;
                prefixLength = PrefixFields > 0 && prefixEnd > 0 ? prefixEnd - p : 0;
                position = at + 1;
                line++;
                return true;
            }

            if (state == QuoteState.Unquoted && fieldStart < block + BlockBytes && (others >> (Math.Max(fieldStart, block) - block)) != 0)
            {
                earlierOther = true;
            }
        }
    }

    private const int BlockBytes = 32;

    /// <summary>The most fields a record read in place has (one plainness bit each); a record with more goes to the state machine.</summary>
    private const int InPlaceFields = 64;

    private enum QuoteState
    {
        Unquoted,
        Quoted,
        AfterQuote,
    }

    /// <summary>Bit i set when byte i is a comma, CR, LF or quote.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Stops(Vector128<byte> v) =>
        (Vector128.Equals(v, Vector128.Create((byte)',')) | Vector128.Equals(v, Vector128.Create((byte)'\n'))
            | Vector128.Equals(v, Vector128.Create((byte)'\r')) | Vector128.Equals(v, Vector128.Create((byte)'"'))).ExtractMostSignificantBits();

    /// <summary>Bit i set when byte i is not printable ASCII: below a space, or 0x7F and above (negative as signed bytes).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Others(Vector128<byte> v) =>
        (Vector128.LessThan(v.AsSByte(), Vector128.Create((sbyte)' ')).AsByte() | Vector128.Equals(v, Vector128.Create((byte)0x7F))).ExtractMostSignificantBits();

    /// <summary><see cref="TryReadInPlace"/> a byte at a time, for a record near the buffer's end.</summary>
    private bool TryReadInPlaceBytewise()
    {
        var data = buffer;
        var end = length;
        var p = position;
        var count = 0;
        var plain = 0UL;
        while (true)
        {
            int start;
            int stop;
            if (p < end && data[p] == (byte)'"')
            {
                start = p + 1;
                var inside = data.AsSpan(start, end - start).IndexOfAny((byte)'"', (byte)'\n');
                if (inside < 0)
                {
                    return false;
                }

                stop = start + inside;
                p = stop + 1;
                if (data[stop] != (byte)'"' || p >= end || data[p] is not ((byte)',' or (byte)'\n' or (byte)'\r'))
                {
                    // A line break inside quotes, a doubled quote, text after the closing quote, or the buffer's end.
                    return false;
                }
            }
            else
            {
                // One pass finds the field's end and whether its bytes are all printable ASCII.
                start = p;
                var other = false;
                while (p < end)
                {
                    var b = data[p];
                    if (b <= (byte)',')
                    {
                        if (b is (byte)',' or (byte)'\n' or (byte)'\r' or (byte)'"')
                        {
                            break;
                        }

                        other |= b < (byte)' ';
                    }
                    else
                    {
                        other |= b > (byte)'~';
                    }

                    p++;
                }

                if (p >= end || data[p] == (byte)'"')
                {
                    return false;
                }

                stop = p;
                if (!other && count < 64 && (start == stop || (data[start] != (byte)' ' && data[stop - 1] != (byte)' ')))
                {
                    plain |= 1UL << count;
                }
            }

            if (count == fieldEnds.Length)
            {
                Array.Resize(ref fieldStarts, count * 2);
                Array.Resize(ref fieldEnds, count * 2);
            }

            fieldStarts[count] = start;
            fieldEnds[count] = stop;
            count++;
            var separator = data[p];
            if (separator == (byte)',')
            {
                p++;
                continue;
            }

            if (separator == (byte)'\r')
            {
                if (p + 1 >= end || data[p + 1] != (byte)'\n')
                {
                    // A lone CR, or one whose LF may be in the next block.
                    return false;
                }

                p++;
            }

            p++;
            break;
        }

        if (p - position > MaxRecordBytes)
        {
            // Let the state machine decide, and refuse it, as for any record.
            return false;
        }

        record = data;
        FieldCount = count;
        plainFields = plain;
        prefixLength = 0;
        position = p;
        line++;
        return true;
    }

    private void Report(string problem)
    {
        if (Problem is null)
        {
            Problem = problem;
            ProblemColumn = FieldCount + 1;
        }
    }

    private void ConsumeLineEnd()
    {
        var cr = buffer[position] == (byte)'\r';
        position++;
        line++;
        if (cr && (position < length || Fill()) && buffer[position] == (byte)'\n')
        {
            position++;
        }
    }

    private bool Fill()
    {
        if (stream is null)
        {
            return false;
        }

        // The previous record's bytes are about to be overwritten.
        prefixLength = 0;
        position = 0;
        length = stream.ReadAtLeast(buffer, 1, throwOnEndOfStream: false);
        return length > 0;
    }

    private void Append(ReadOnlySpan<byte> data)
    {
        if (byteCount + data.Length > bytes.Length)
        {
            if (byteCount + data.Length > MaxRecordBytes)
            {
                throw new InvalidDataException($"a record longer than {MaxRecordBytes / 1024} KB");
            }

            Array.Resize(ref bytes, Math.Max(bytes.Length * 2, byteCount + data.Length));
        }

        data.CopyTo(bytes.AsSpan(byteCount));
        byteCount += data.Length;
    }

    private void EndField()
    {
        if (FieldCount == fieldEnds.Length)
        {
            Array.Resize(ref fieldStarts, FieldCount * 2);
            Array.Resize(ref fieldEnds, FieldCount * 2);
        }

        fieldStarts[FieldCount] = FieldCount == 0 ? 0 : fieldEnds[FieldCount - 1];
        fieldEnds[FieldCount++] = byteCount;
    }
}
