using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Tests.Domain.Leads;

/// <summary>The weighted pipeline's win rates: measured per open stage from the closed deals that were in it (ADR 248).</summary>
public sealed class StageWinRatesTests
{
    private static ClosedDealPath Won(params LeadStatus[] stages) => new(true, stages);

    private static ClosedDealPath Lost(params LeadStatus[] stages) => new(false, stages);

    [Fact]
    public void EveryClosedDealCountsForNew_AndForALaterStageOnlyWhenItsHistoryNamesIt()
    {
        var closed = Enumerable.Repeat(Won(LeadStatus.Qualified), 6)
            .Concat(Enumerable.Repeat(Lost(LeadStatus.Qualified, LeadStatus.Proposal), 4))
            .Concat(Enumerable.Repeat(Lost(), 5)) // imported straight as lost: it started in New, nothing more is known
            .ToList();

        var rates = StageWinRates.Measure(closed);

        rates.Select(r => (r.Stage, r.Closed, r.Won)).Should().Equal(
            (LeadStatus.New, 15, 6), (LeadStatus.Qualified, 10, 6), (LeadStatus.Proposal, 4, 0));
        rates[0].Rate.Should().BeApproximately(0.4, 1e-9);
        rates[1].Rate.Should().BeApproximately(0.6, 1e-9);
        rates[2].Rate.Should().BeNull("4 closed deals are under the 10 a rate needs");
    }

    [Fact]
    public void ARateNeedsTenClosedDeals()
    {
        new StageWinRate(LeadStatus.Qualified, StageWinRates.MinClosed - 1, 9).Rate.Should().BeNull();
        new StageWinRate(LeadStatus.Qualified, StageWinRates.MinClosed, 9).Rate.Should().Be(0.9);
        new StageWinRate(LeadStatus.Qualified, StageWinRates.MinClosed, 9).Weigh(1000m).Should().Be(900m);
        new StageWinRate(LeadStatus.Qualified, 3, 3).Weigh(1000m).Should().BeNull("100 % of 3 is not a measurement");
    }

    [Fact]
    public void TheWeightedPipeline_SumsTheStagesWithARate_AndNamesTheOthers_NeverCountingThemWhole()
    {
        var rates = new[]
        {
            new StageWinRate(LeadStatus.New, 20, 5),        // 25 %
            new StageWinRate(LeadStatus.Qualified, 10, 6),  // 60 %
            new StageWinRate(LeadStatus.Proposal, 2, 2),    // no rate
        };
        var open = new Dictionary<LeadStatus, (int Deals, decimal Value)>
        {
            [LeadStatus.New] = (4, 10_000m),
            [LeadStatus.Qualified] = (2, 5_000m),
            [LeadStatus.Proposal] = (1, 7_000m),
        };

        var weighted = StageWinRates.Weigh(rates, open);

        weighted.Weighted.Should().Be(2_500m + 3_000m);
        weighted.Unweighted.Should().Equal(new UnweightedStage(LeadStatus.Proposal, 1, 7_000m));
    }

    [Fact]
    public void AStageWithNoOpenDeals_IsNotNamedAsUnweighted()
    {
        var weighted = StageWinRates.Weigh(
            [new StageWinRate(LeadStatus.New, 10, 5), new StageWinRate(LeadStatus.Proposal, 0, 0)],
            new Dictionary<LeadStatus, (int Deals, decimal Value)> { [LeadStatus.New] = (1, 100m) });

        weighted.Weighted.Should().Be(50m);
        weighted.Unweighted.Should().BeEmpty();
    }
}
