using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Scorecard;

namespace OperatorConsole.Tests.Domain.Clock;

/// <summary>Issue 19 part 2: the one clock rule — historic data is shown as of its newest activity, live data as of now.</summary>
public sealed class ReferenceClockTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime MavenEnd = new(2017, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Resolve_HistoricData_IsTheNewestActivityAndSaysSo()
    {
        var at = ReferenceClock.Resolve(Now, MavenEnd, currentPeriodDays: 28, ClockMode.Data);

        at.At.Should().Be(MavenEnd);
        at.IsDataAsOf.Should().BeTrue();
        at.Now.Should().Be(Now, "the wall clock stays known (approvals and runs are aged by it)");
        at.Label.Should().Be("data as of 31 Dec 2017");
    }

    [Fact]
    public void Resolve_ActivityInsideTheCurrentPeriod_IsNow()
    {
        var at = ReferenceClock.Resolve(Now, Now.AddDays(-27), 28, ClockMode.Data);

        at.At.Should().Be(Now);
        at.IsDataAsOf.Should().BeFalse();
        at.Label.Should().Be("now");
    }

    [Fact]
    public void Resolve_ActivityJustOlderThanTheCurrentPeriod_IsDataAsOf() =>
        ReferenceClock.Resolve(Now, Now.AddDays(-28).AddTicks(-1), 28, ClockMode.Data).IsDataAsOf.Should().BeTrue();

    [Fact]
    public void Resolve_NowMode_IsTheWallClockEvenForHistoricData()
    {
        var at = ReferenceClock.Resolve(Now, MavenEnd, 28, ClockMode.Now);

        at.At.Should().Be(Now);
        at.IsDataAsOf.Should().BeFalse();
        at.NewestActivity.Should().Be(MavenEnd, "the banner can still say where the data ends");
    }

    [Fact]
    public void Resolve_NoActivity_IsNow() =>
        ReferenceClock.Resolve(Now, null, 28, ClockMode.Data).Should().Be(new ReferenceTime(Now, ClockMode.Data, false, Now, null));

    [Fact]
    public void Resolve_ActivityDatedInTheFuture_NeverMovesTheClock()
    {
        var at = ReferenceClock.Resolve(Now, Now.AddDays(400), 28, ClockMode.Data);

        at.At.Should().Be(Now);
        at.NewestActivity.Should().BeNull("a planned date typed in is not recorded activity");
    }

    [Fact]
    public void CurrentPeriodDays_IsTheTwoPeriodsTheConstraintCompares() =>
        ReferenceClock.CurrentPeriodDays(14).Should().Be(28);

    [Fact]
    public void Scorecard_AsOfTheDataEnd_ShowsTheDataYearWithItsWinRate()
    {
        // Two wins and one loss in 2017, one win in 2016: "this year" is 2017 because the clock says so.
        ClosedDeal Deal(int id, ProposalOutcome outcome, decimal? value, DateTime at) => new(id, id, $"Deal {id}", outcome, value, at, at.AddDays(-30));
        var deals = new[]
        {
            Deal(1, ProposalOutcome.Won, 1000, new DateTime(2017, 3, 1, 0, 0, 0, DateTimeKind.Utc)),
            Deal(2, ProposalOutcome.Won, 500, MavenEnd),
            Deal(3, ProposalOutcome.Lost, null, new DateTime(2017, 6, 1, 0, 0, 0, DateTimeKind.Utc)),
            Deal(4, ProposalOutcome.Won, 700, new DateTime(2016, 12, 1, 0, 0, 0, DateTimeKind.Utc)),
        };

        var report = ScorecardCalculator.Compute(MavenEnd, deals, [], 14);

        var year = report.Figure("scorecard.won_value.year")!;
        year.Value.Should().Be(1500);
        year.Records.Should().HaveCount(2);
        year.Previous.Should().Be(700);
        year.Current!.From.Should().Be(new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        report.Figure("scorecard.win_rate.year")!.Value.Should().Be(66.7m);
        report.Figure("scorecard.won_value.week")!.Value.Should().Be(500, "the data's last week ends on its last day, which it includes");
    }
}
