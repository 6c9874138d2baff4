using System.Globalization;
using System.Text;

namespace Emulation.Web.Pages.Audit;

/// <summary>
/// The audit lines as CSV (RFC 4180: commas, fields with a comma, a quote or a line break quoted,
/// quotes doubled, lines ended by CRLF), UTF-8 with a byte order mark so that Excel reads
/// Vietnamese correctly.
/// </summary>
public static class AuditCsv
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<int> WriteAsync(Stream output, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<string?>> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        var count = 0;
        await using var writer = new StreamWriter(output, Utf8, bufferSize: 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteAsync('\uFEFF');
        await writer.WriteAsync(Line(header));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(Line(row));
            count++;
        }

        await writer.FlushAsync(cancellationToken);
        return count;
    }

    public static string Line(IEnumerable<string?> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return string.Join(',', fields.Select(Field)) + "\r\n";
    }

    /// <summary>
    /// One field. A value a spreadsheet would run as a formula (=, +, -, @ first: anybody can type
    /// a user name at the sign-in form, and it lands here) gets a leading apostrophe; numbers and a
    /// lone "-" stay as they are.
    /// </summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && value != "-"
            && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
