namespace Emulation.Web.Pages.Rankings;

/// <summary>What the ranking table partial needs: the page's result, one table, and where a unit's name leads.</summary>
public sealed record RankingTablePartial(Result Data, RankingTable Table, Func<RankingRow, string> LinkFor);
