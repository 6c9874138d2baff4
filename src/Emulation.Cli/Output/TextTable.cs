using System.Globalization;

namespace Emulation.Cli.Output;

/// <summary>Columns aligned for people: text left, numbers right, two spaces between.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];
    private readonly bool[] numeric = new bool[headers.Length];

    /// <summary>Marks columns whose values are right-aligned.</summary>
    public TextTable Numeric(params int[] columns)
    {
        foreach (var c in columns)
        {
            numeric[c] = true;
        }

        return this;
    }

    public void Add(params string[] cells) => rows.Add(cells);

    public void WriteTo(TextWriter output)
    {
        var widths = new int[headers.Length];
        foreach (var row in rows.Prepend(headers))
        {
            for (var c = 0; c < widths.Length; c++)
            {
                widths[c] = Math.Max(widths[c], Width(c < row.Length ? row[c] : ""));
            }
        }

        foreach (var row in rows.Prepend(headers))
        {
            var line = new System.Text.StringBuilder();
            for (var c = 0; c < widths.Length; c++)
            {
                var cell = c < row.Length ? row[c] : "";
                var pad = new string(' ', widths[c] - Width(cell));
                line.Append(numeric[c] ? pad + cell : cell + (c == widths.Length - 1 ? "" : pad));
                if (c < widths.Length - 1)
                {
                    line.Append("  ");
                }
            }

            output.WriteLine(line.ToString().TrimEnd());
        }
    }

    /// <summary>Letters on screen: combining marks (a decomposed Vietnamese accent) take no column.</summary>
    private static int Width(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark))
            {
                width++;
            }
        }

        return width;
    }
}
