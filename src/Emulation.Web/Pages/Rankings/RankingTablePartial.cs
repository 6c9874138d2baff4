namespace Emulation.Web.Pages.Rankings;

/// <summary>
/// What the ranking table partial needs: the page's result, one table, where a unit's name leads,
/// and the table's bar chart when the page shows one.
/// </summary>
public sealed record RankingTablePartial(Result Data, RankingTable Table, Func<RankingRow, string> LinkFor, Charts.ChartModel? Chart = null);
