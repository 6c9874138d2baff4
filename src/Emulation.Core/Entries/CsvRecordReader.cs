using System.Buffers;

namespace Emulation.Core.Entries;

/// <summary>
/// Splits a byte stream into RFC 4180 records without decoding it: commas, quotes, CR and LF are
/// ASCII and never occur inside a UTF-8 multi-byte sequence, so fields can be cut on bytes and
/// decoded (strictly) afterwards. Reads in 64 KB blocks; only the current record is held.
/// Accepts CRLF, LF (and a lone CR) line ends, quoted fields with commas, line breaks and doubled
/// quotes. Malformed quoting is reported per record through <see cref="Problem"/>.
/// </summary>
/// <param name="stream">The bytes to split.</param>
/// <param name="fileStart">Whether the stream starts the file (a byte order mark or a ZIP signature is
/// looked for only there); false for a chunk cut out of the file at a record boundary.</param>
internal sealed class CsvRecordReader(Stream stream, bool fileStart = true)
{
    /// <summary>A record longer than this is no CSV line anyone wrote (a binary file, a missing quote).</summary>
    public const int MaxRecordBytes = 1 << 20;

    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(","u8 + "\r\n\""u8);
    private static readonly SearchValues<byte> QuotedStops = SearchValues.Create("\"\n"u8);

    private readonly byte[] buffer = new byte[1 << 16];
    private int position;
    private int length;
    private bool started = !fileStart;
    private byte[] bytes = new byte[1024];
    private int byteCount;
    private int[] fieldEnds = new int[16];
    private int line = 1;

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

    /// <summary>Whether the stream began with the bytes of a ZIP archive (an .xlsx workbook).</summary>
    public bool LooksLikeZip { get; private set; }

    /// <summary>The raw (unquoted, unescaped) bytes of field <paramref name="index"/> (0-based).</summary>
    public ReadOnlySpan<byte> Field(int index)
    {
        var start = index == 0 ? 0 : fieldEnds[index - 1];
        return bytes.AsSpan(start, fieldEnds[index] - start);
    }

    /// <summary>All fields' bytes, back to back.</summary>
    public ReadOnlySpan<byte> RecordBytes => bytes.AsSpan(0, byteCount);

    /// <summary>Whether the record is a blank line.</summary>
    public bool IsBlank => FieldCount == 1 && byteCount == 0;

    /// <summary>Reads the next record; false at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">A record exceeds <see cref="MaxRecordBytes"/>.</exception>
    public bool Read()
    {
        if (!started)
        {
            started = true;
            // Enough bytes to recognise a byte order mark or a ZIP signature, however the stream delivers them.
            length = stream.ReadAtLeast(buffer, 4, throwOnEndOfStream: false);
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
        byteCount = 0;
        Problem = null;
        ProblemColumn = 0;
        Line = line;
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
            Array.Resize(ref fieldEnds, fieldEnds.Length * 2);
        }

        fieldEnds[FieldCount++] = byteCount;
    }
}
