using System.Text.RegularExpressions;

namespace Emulation.Web.Tests;

/// <summary>
/// The stylesheet is appended to by every feature; a block left open makes every rule after it
/// apply only inside that block (a merge once left three <c>@media</c> blocks open, so the
/// rankings, review and verification styles applied on phones only).
/// </summary>
public sealed partial class StylesheetTests
{
    [Fact]
    public void Every_block_of_site_css_closes_and_no_media_query_sits_inside_another()
    {
        var path = Path.Combine(LocalizationTests.RepositoryRoot(), "src", "Emulation.Web", "wwwroot", "css", "site.css");
        var css = Comments().Replace(File.ReadAllText(path), string.Empty);

        var depth = 0;
        var line = 1;
        for (var i = 0; i < css.Length; i++)
        {
            switch (css[i])
            {
                case '\n':
                    line++;
                    break;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    Assert.True(depth >= 0, $"site.css: '}}' without its '{{' near line {line}.");
                    break;
                case '@' when string.CompareOrdinal(css, i, "@media", 0, 6) == 0:
                    Assert.True(depth == 0, $"site.css: @media inside another block near line {line} (a block above it was left open).");
                    break;
                default:
                    break;
            }
        }

        Assert.True(depth == 0, $"site.css ends with {depth} block(s) left open.");
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
