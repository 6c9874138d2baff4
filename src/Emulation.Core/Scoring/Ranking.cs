using Emulation.Core.Campaigns;

namespace Emulation.Core.Scoring;

/// <summary>The figures a unit is ranked on in a period (all already rounded).</summary>
internal readonly record struct RankKey(string Unit, decimal Score, decimal LowestMonth, int LateMonths);

/// <summary>Orders units: score first, then the campaign's tie-break chain; shared ranks 1, 2, 2, 4.</summary>
internal static class Ranking
{
    /// <summary>Negative when <paramref name="a"/> ranks above <paramref name="b"/>, 0 when they share a rank.</summary>
    public static int Compare(in RankKey a, in RankKey b, IReadOnlyList<TieBreak> chain)
    {
        var byScore = b.Score.CompareTo(a.Score);
        if (byScore != 0)
        {
            return byScore;
        }

        for (var i = 0; i < chain.Count; i++)
        {
            var byTieBreak = CompareBy(chain[i], a, b);
            if (byTieBreak != 0)
            {
                return byTieBreak;
            }
        }

        return 0;
    }

    /// <summary>The first tie-break of the chain that separates two units of equal score, or null.</summary>
    public static TieBreak? Decider(in RankKey a, in RankKey b, IReadOnlyList<TieBreak> chain)
    {
        if (a.Score != b.Score)
        {
            return null;
        }

        for (var i = 0; i < chain.Count; i++)
        {
            if (CompareBy(chain[i], a, b) != 0)
            {
                return chain[i];
            }
        }

        return null;
    }

    /// <summary>
    /// Sorts the given indices into rank order (equal ranks by unit code, ordinal) and returns
    /// each index's rank, by position in the sorted array.
    /// </summary>
    public static int[] Order(RankKey[] keys, int[] indices, IReadOnlyList<TieBreak> chain)
    {
        Array.Sort(indices, (x, y) =>
        {
            var c = Compare(keys[x], keys[y], chain);
            return c != 0 ? c : string.CompareOrdinal(keys[x].Unit, keys[y].Unit);
        });

        var ranks = new int[indices.Length];
        for (var i = 0; i < indices.Length; i++)
        {
            ranks[i] = i > 0 && Compare(keys[indices[i - 1]], keys[indices[i]], chain) == 0 ? ranks[i - 1] : i + 1;
        }

        return ranks;
    }

    private static int CompareBy(TieBreak tieBreak, in RankKey a, in RankKey b) => tieBreak switch
    {
        TieBreak.LowestMonth => b.LowestMonth.CompareTo(a.LowestMonth),
        TieBreak.FewerLateMonths => a.LateMonths.CompareTo(b.LateMonths),
        _ => 0,
    };
}
