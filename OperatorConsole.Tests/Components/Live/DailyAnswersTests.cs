using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Live;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Scorecard;
using OperatorConsole.Tests.Api.Foundation;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Charts;
using OperatorConsole.Web.Features.CommandCenter;
using OperatorConsole.Web.Features.Constraint;
using OperatorConsole.Web.Features.Scorecard;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Live;

/// <summary>
/// The Command Center's answers whose time shows by the day (the money scorecard, the constraint, won value per week,
/// the deals expected to close) are re-read by time alone every 5 minutes, not every 30 s: they are its heaviest reads,
/// and with 100 screens open a change heard beside them waited for the cores (ADR 246). A change still re-reads them at once.
/// </summary>
public sealed class DailyAnswersTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private LiveQueries Queries => factory.Services.GetRequiredService<LiveQueries>();

    [Fact]
    public async Task TheScorecard_Constraint_WonValue_AndExpectedToClose_AreReReadEvery5Minutes_NotEvery30Seconds()
    {
        (await ComputationsAsTimePasses(MoneyScorecard.Query.For(ClockMode.Data))).Should().Equal(0, 1);
        (await ComputationsAsTimePasses(MoneyScorecard.Query.For(ClockMode.Now))).Should().Equal(0, 1);
        (await ComputationsAsTimePasses(ConstraintCard.Query.For(ClockMode.Data))).Should().Equal(0, 1);
        (await ComputationsAsTimePasses(WonValueChart.Query.For(ClockMode.Data))).Should().Equal(0, 1);
        (await ComputationsAsTimePasses(ExpectedToCloseCard.Query)).Should().Equal(0, 1);
    }

    [Fact]
    public async Task AChange_StillReReadsTheScorecardAtOnce()
    {
        var query = MoneyScorecard.Query.For(ClockMode.Data);
        await Queries.GetAsync(query);
        var computations = Queries.Computations(query);

        factory.Services.GetRequiredService<ConsoleEvents>().Publish([new ConsoleChange(nameof(Proposal), "1")]);
        await Queries.GetAsync(query);

        Queries.Computations(query).Should().Be(computations + 1, "a change is heard at once, whatever the max age");
    }

    [Fact]
    public async Task TheScorecard_ReReadOnTheClock_KeepsItsVersion_WhenItShowsTheSame()
    {
        await factory.CreateLeadAsync("Scored lead", LeadStatus.Qualified);
        var query = MoneyScorecard.Query.For(ClockMode.Now);
        var first = await Queries.GetAsync(query);

        factory.Clock.Advance(LiveQuery.DailyMaxAge + LiveQueries.TickInterval);
        var second = await Queries.GetAsync(query);

        second.Value.GeneratedAt.Should().BeAfter(first.Value.GeneratedAt, "it was computed again");
        second.Version.Should().Be(first.Version, "no screen re-renders a scorecard that shows the same days and figures");
    }

    [Fact]
    public void TheScorecard_IsTheSame_MinutesApart_NotADayApart_NorWhenADealLeavesItsRollingWindow()
    {
        var now = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
        // Won 14 days before now, plus 2 minutes: inside the 14-day rolling window now, outside it 3 minutes later.
        var deals = new List<ClosedDeal> { new(1, 1, "Edge deal", ProposalOutcome.Won, 5_000m, now.AddDays(-14).AddMinutes(2), now.AddDays(-30)) };
        MoneyScorecardReport At(DateTime at) => ScorecardCalculator.Compute(at, deals, [], 14) with { Clock = ReferenceTime.WallClock(at) };

        MoneyScorecard.SameShown(At(now), At(now.AddMinutes(1))).Should().BeTrue("the same days, figures and records");
        MoneyScorecard.SameShown(At(now), At(now.AddMinutes(3))).Should().BeFalse("the deal left the rolling window");
        MoneyScorecard.SameShown(At(now.AddMinutes(3)), At(now.AddDays(1))).Should().BeFalse("the card names another day");
    }

    /// <summary>The computations after the default max age and a tick have passed, then after 5 minutes more.</summary>
    private async Task<long[]> ComputationsAsTimePasses<T>(LiveQuery<T> query)
    {
        await Queries.GetAsync(query);
        var start = Queries.Computations(query);
        factory.Clock.Advance(LiveQuery<T>.DefaultMaxAge + LiveQueries.TickInterval);
        await Queries.GetAsync(query);
        var afterHalfAMinute = Queries.Computations(query) - start;
        factory.Clock.Advance(LiveQuery.DailyMaxAge);
        await Queries.GetAsync(query);
        return [afterHalfAMinute, Queries.Computations(query) - start - afterHalfAMinute];
    }
}
