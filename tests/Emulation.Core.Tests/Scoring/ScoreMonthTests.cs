using Emulation.Core.Scoring;

namespace Emulation.Core.Tests.Scoring;

public sealed class ScoreMonthTests
{
    [Fact]
    public void One_submission_scores_on_its_own_as_in_the_standings()
    {
        // SYT's month 1 of the worked campaign: 82.33, with 2 days late.
        var submission = WorkedCampaign.Input.Submissions.Single(s => s.Unit == "SYT" && s.Month == 1);

        var month = ScoringEngine.ScoreMonth(WorkedCampaign.Campaign, "department", 1, submission);

        Assert.Equal((82.33m, 2, 5m, 6m), (month.Total, month.DaysLate, month.Raw, month.DueMax));
        Assert.Equal(6, month.Criteria.Count);
    }

    [Fact]
    public void No_submission_scores_the_missing_month_score()
    {
        var month = ScoringEngine.ScoreMonth(WorkedCampaign.Campaign, "department", 2, null);

        Assert.Equal((true, true, 0m), (month.Missing, month.Late, month.Total));
    }

    [Fact]
    public void A_year_to_date_explanation_can_stop_after_an_earlier_month()
    {
        // After month 2: SNV 96.63, SYT 91.17, STP 78.75 (see WorkedCampaignTests); STP's gap to SYT 12.42.
        var explanation = ScoringEngine.Explain(WorkedCampaign.Campaign, WorkedCampaign.Input, "STP", throughMonth: 2);

        Assert.Equal((2, 78.75m), (explanation.ThroughMonth, explanation.Score));
        Assert.Equal([1, 2], explanation.Months.Select(m => m.Month));
        Assert.Equal(new RankGap(3, "SYT", 91.17m, 12.42m, null), explanation.Overall);
        // 4.1 (quarterly) is not due in months 1–2.
        Assert.False(explanation.Criteria.Single(c => c.Code == "4.1").Due);
    }
}
