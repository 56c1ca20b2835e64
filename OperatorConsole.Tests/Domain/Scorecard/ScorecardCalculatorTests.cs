using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Scorecard;

namespace OperatorConsole.Tests.Domain.Scorecard;

public sealed class ScorecardCalculatorTests
{
    // Wednesday 25 Nov 2026 09:00 UTC: the week started Monday 23 Nov, the month on 1 Nov.
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private static ClosedDeal Deal(int id, ProposalOutcome outcome, decimal? value, DateTime at, double leadAgeDays = 20) =>
        new(id, 100 + id, $"Lead {id}", outcome, value, at, at.AddDays(-leadAgeDays));

    [Fact]
    public void WeekStart_IsMondayMidnightUtc()
    {
        ScorecardCalculator.WeekStart(Now).Should().Be(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc));
        ScorecardCalculator.WeekStart(new DateTime(2026, 11, 29, 23, 0, 0, DateTimeKind.Utc)).Should().Be(new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc));
        ScorecardCalculator.MonthStart(Now).Should().Be(new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public void Compute_OnAConstructedDataset_GivesEveryFigure()
    {
        var deals = new[]
        {
            Deal(1, ProposalOutcome.Won, 10_000, new DateTime(2026, 11, 24, 10, 0, 0, DateTimeKind.Utc), 10), // this week
            Deal(2, ProposalOutcome.Won, 4_000, new DateTime(2026, 11, 18, 10, 0, 0, DateTimeKind.Utc), 30),  // last week, this month
            Deal(3, ProposalOutcome.Lost, null, new DateTime(2026, 11, 20, 10, 0, 0, DateTimeKind.Utc)),
            Deal(4, ProposalOutcome.Won, 6_000, new DateTime(2026, 10, 20, 10, 0, 0, DateTimeKind.Utc)),     // last month, before both rolling windows
            Deal(5, ProposalOutcome.NoResponse, null, new DateTime(2026, 11, 5, 10, 0, 0, DateTimeKind.Utc)), // previous 14 d window
            Deal(6, ProposalOutcome.Won, 2_000, new DateTime(2026, 11, 2, 10, 0, 0, DateTimeKind.Utc), 5),    // previous 14 d window, this month
        };
        var open = new[]
        {
            new OpenLead(1, "A", LeadStatus.New, 1_000),
            new OpenLead(2, "B", LeadStatus.Proposal, 5_000),
            new OpenLead(3, "C", LeadStatus.Proposal, null),
        };

        var report = ScorecardCalculator.Compute(Now, deals, open, periodDays: 14);

        report.Figure("scorecard.won_value.week")!.Value.Should().Be(10_000);
        report.Figure("scorecard.won_value.week")!.Previous.Should().Be(4_000);
        report.Figure("scorecard.won_value.week")!.Records.Select(r => r.Id).Should().Equal(1);
        report.Figure("scorecard.won_value.month")!.Value.Should().Be(16_000);
        report.Figure("scorecard.won_value.month")!.Previous.Should().Be(6_000);
        report.Figure("scorecard.pipeline_value.proposal")!.Value.Should().Be(5_000);
        report.Figure("scorecard.pipeline_value.proposal")!.Records.Should().HaveCount(2);
        report.Figure("scorecard.pipeline_value.total")!.Value.Should().Be(6_000);

        // Last 14 days (11 Nov 09:00 → now): deals 1, 2 won, 3 lost → 66.7 %. The 14 days before: 5 no response, 6 won → 50 %.
        report.Figure("scorecard.win_rate")!.Value.Should().Be(66.7m);
        report.Figure("scorecard.win_rate")!.Previous.Should().Be(50m);
        report.Figure("scorecard.avg_deal_size")!.Value.Should().Be(7_000);
        report.Figure("scorecard.avg_deal_size")!.Previous.Should().Be(2_000);
        report.Figure("scorecard.cycle_time_days")!.Value.Should().Be(20); // (10 + 30) / 2
        report.Figure("scorecard.cycle_time_days")!.Previous.Should().Be(5);
    }

    [Fact]
    public void Compute_WithNoDeals_RatesAreUnknownNotZero()
    {
        var report = ScorecardCalculator.Compute(Now, [], [], 14);

        report.Figure("scorecard.win_rate")!.Value.Should().BeNull();
        report.Figure("scorecard.avg_deal_size")!.Value.Should().BeNull();
        report.Figure("scorecard.won_value.week")!.Value.Should().Be(0);
    }

    [Fact]
    public void Figures_HaveStableUniqueKeys()
    {
        var keys = ScorecardCalculator.Compute(Now, [], [], 14).Figures.Select(f => f.Key).ToList();

        keys.Should().OnlyHaveUniqueItems().And.OnlyContain(k => k.StartsWith("scorecard.", StringComparison.Ordinal));
        keys.Should().Contain(["scorecard.won_value.week", "scorecard.won_value.month", "scorecard.pipeline_value.total", "scorecard.win_rate",
            "scorecard.avg_deal_size", "scorecard.cycle_time_days"]);
    }
}
