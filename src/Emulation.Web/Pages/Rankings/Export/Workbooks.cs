using System.Data;
using System.Globalization;
using System.Text;
using Emulation.Core.Entries;
using Emulation.Web.Domain;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace Emulation.Web.Pages.Rankings.Export;

/// <summary>
/// The spreadsheets a province lives on: the entries and the standings as .xlsx (MiniExcel), with
/// Vietnamese headers and number formats, and an entries workbook read back as an entries CSV, so
/// the import judges a workbook exactly as it judges a CSV (a sheet's row N is the CSV's line N).
/// </summary>
public static class Workbooks
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The entries columns (criteria/README.md, "entries.csv") and their Vietnamese headers in the workbook.</summary>
    public static IReadOnlyList<(string Code, string Header)> EntriesColumns { get; } =
    [
        ("unit", "Mã đơn vị"), ("unit_name", "Tên đơn vị"), ("unit_kind", "Loại đơn vị"), ("block", "Khối thi đua"), ("month", "Tháng"),
        ("criterion", "Tiêu chí"), ("value", "Giá trị"), ("denominator", "Mẫu số"), ("submitted_on", "Ngày nộp"), ("deadline", "Hạn nộp"),
    ];

    private const string DateFormat = "dd/mm/yyyy";

    /// <summary>The entries rows as one sheet: codes and values as text (read back exactly), month as a number, dates as dates.</summary>
    public static byte[] Entries(IEnumerable<EntriesRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var table = new DataTable("Entries") { Locale = CultureInfo.InvariantCulture };
        foreach (var (code, header) in EntriesColumns)
        {
            table.Columns.Add(header, code switch
            {
                "month" => typeof(int),
                "submitted_on" or "deadline" => typeof(DateTime),
                _ => typeof(string),
            });
        }

        foreach (var row in rows)
        {
            table.Rows.Add(row.Unit, row.UnitName, row.UnitKind, row.Block, row.Month, row.Criterion, row.Value, row.Denominator ?? (object)DBNull.Value,
                row.SubmittedOn is { } on ? on.ToDateTime(TimeOnly.MinValue) : DBNull.Value,
                row.Deadline is { } until ? until.ToDateTime(TimeOnly.MinValue) : DBNull.Value);
        }

        var configuration = new OpenXmlConfiguration
        {
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn("Mã đơn vị") { Width = 14 },
                new DynamicExcelColumn("Tên đơn vị") { Width = 40 },
                new DynamicExcelColumn("Ngày nộp") { Format = DateFormat, Width = 12 },
                new DynamicExcelColumn("Hạn nộp") { Format = DateFormat, Width = 12 },
            ],
        };
        using var memory = new MemoryStream();
        memory.SaveAs(new Dictionary<string, object> { ["Số liệu"] = table }, excelType: ExcelType.XLSX, configuration: configuration);
        return memory.ToArray();
    }

    /// <summary>Sheets of figures: each a name and a table whose decimal columns show two decimals.</summary>
    public static byte[] Sheets(IReadOnlyList<(string Name, DataTable Table)> sheets)
    {
        ArgumentNullException.ThrowIfNull(sheets);
        var columns = new List<DynamicExcelColumn>();
        foreach (var (_, table) in sheets)
        {
            foreach (DataColumn column in table.Columns)
            {
                if (column.DataType == typeof(decimal) && columns.TrueForAll(c => c.Key != column.ColumnName))
                {
                    columns.Add(new DynamicExcelColumn(column.ColumnName) { Format = "0.00" });
                }
            }
        }

        var configuration = new OpenXmlConfiguration { TableStyles = TableStyles.None, DynamicColumns = [.. columns] };
        using var memory = new MemoryStream();
        var value = new Dictionary<string, object>();
        foreach (var (name, table) in sheets)
        {
            value[SheetName(name, value.Keys)] = table;
        }

        memory.SaveAs(value, excelType: ExcelType.XLSX, configuration: configuration);
        return memory.ToArray();
    }

    /// <summary>
    /// Writes the first sheet of an entries workbook to <paramref name="csv"/> as an entries CSV:
    /// the Vietnamese headers become the column codes, numbers are written with a dot, dates as ISO
    /// dates, line breaks inside a cell as spaces (so row N stays line N).
    /// </summary>
    /// <exception cref="DomainException"><c>Import.NotAWorkbook</c>: the file is no .xlsx workbook.</exception>
    public static void EntriesToCsv(Stream workbook, Stream csv)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        ArgumentNullException.ThrowIfNull(csv);
        var headers = EntriesColumns.ToDictionary(c => c.Header, c => c.Code, StringComparer.OrdinalIgnoreCase);
        using var writer = new StreamWriter(csv, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        var first = true;
        var width = 0;
        try
        {
            foreach (IDictionary<string, object?> row in workbook.Query(useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                // A sheet has no missing cells, only empty ones: every row is as wide as the header
                // (an empty deadline stays an empty field), and empty cells beyond it are dropped.
                var cells = row.Values.Select(v => Text(v)).ToList();
                while (cells.Count > width && cells[^1].Length == 0)
                {
                    cells.RemoveAt(cells.Count - 1);
                }

                if (first)
                {
                    cells = [.. cells.Select(c => headers.GetValueOrDefault(c.Trim(), c))];
                    width = cells.Count;
                    first = false;
                }

                if (cells.TrueForAll(c => c.Length == 0))
                {
                    // A blank row stays a blank line: the reader skips it, and the line numbers hold.
                    writer.Write('\n');
                    continue;
                }

                while (cells.Count < width)
                {
                    cells.Add("");
                }

                writer.Write(string.Join(',', cells.Select(Quote)));
                writer.Write('\n');
            }
        }
        catch (Exception e) when (e is InvalidDataException or System.Xml.XmlException or InvalidOperationException or NotSupportedException
            or IOException or KeyNotFoundException or FormatException or ArgumentException or NullReferenceException)
        {
            throw new DomainException("Import.NotAWorkbook");
        }

        if (first)
        {
            throw new DomainException("Import.EmptyWorkbook");
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string text => text.Replace('\r', ' ').Replace('\n', ' '),
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        decimal number => number.ToString(CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool yes => yes ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    /// <summary>Excel's rules: at most 31 characters, none of []:*?/\, unique.</summary>
    private static string SheetName(string name, IEnumerable<string> taken)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c)]);
        clean = clean.Length > 31 ? clean[..31] : clean;
        var unique = clean;
        for (var i = 2; taken.Contains(unique, StringComparer.OrdinalIgnoreCase); i++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({i})");
            unique = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return unique;
    }
}
