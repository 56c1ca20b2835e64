using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Learning;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Tests.Domain.Learning;

public sealed class ImprovementTrackingTests
{
    private static readonly DateTime Promoted = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    private static ProposalFact Decided(double daysFromPromotion, ProposalOutcome outcome, decimal? value = null) =>
        new(Promoted.AddDays(daysFromPromotion - 5), Promoted.AddDays(daysFromPromotion - 3), outcome, Promoted.AddDays(daysFromPromotion), value);

    [Fact]
    public void WinRate_BeforeAndAfter_IsComputedFromDecidedProposals()
    {
        ProposalFact[] proposals =
        [
            Decided(-20, ProposalOutcome.Won), Decided(-10, ProposalOutcome.Lost), Decided(-5, ProposalOutcome.Lost), Decided(-2, ProposalOutcome.NoResponse),
            Decided(3, ProposalOutcome.Won), Decided(8, ProposalOutcome.Won), Decided(12, ProposalOutcome.Lost),
            Decided(-90, ProposalOutcome.Won), // outside the before window
            new(Promoted.AddDays(5), null, null, null, null), // undecided
        ];

        var result = ImprovementTracking.Compare(ImprovementMetric.WinRate, Promoted, Now, proposals, []);

        result.Before.Should().Be(25.0);
        result.After.Should().Be(66.7);
        result.BeforeCount.Should().Be(4);
        result.AfterCount.Should().Be(3);
        result.Delta.Should().Be(41.7);
        result.Verdict.Should().Be("improved");
        result.AfterTo.Should().Be(Now);
    }

    [Fact]
    public void ProposalCycleDays_UsesTheStatusHistory_AndLowerIsBetter()
    {
        StageChangeFact[] history =
        [
            // Before: 10 and 6 days in Proposal.
            new(1, LeadStatus.Qualified, LeadStatus.Proposal, Promoted.AddDays(-30)), new(1, LeadStatus.Proposal, LeadStatus.Approved, Promoted.AddDays(-20)),
            new(2, LeadStatus.Qualified, LeadStatus.Proposal, Promoted.AddDays(-16)), new(2, LeadStatus.Proposal, LeadStatus.Lost, Promoted.AddDays(-10)),
            // After: 2 and 4 days.
            new(3, LeadStatus.Qualified, LeadStatus.Proposal, Promoted.AddDays(1)), new(3, LeadStatus.Proposal, LeadStatus.Approved, Promoted.AddDays(3)),
            new(4, LeadStatus.Qualified, LeadStatus.Proposal, Promoted.AddDays(5)), new(4, LeadStatus.Proposal, LeadStatus.Approved, Promoted.AddDays(9)),
            // Still in Proposal: not counted.
            new(5, LeadStatus.Qualified, LeadStatus.Proposal, Promoted.AddDays(6)),
        ];

        var result = ImprovementTracking.Compare(ImprovementMetric.ProposalCycleDays, Promoted, Now, [], history);

        result.Before.Should().Be(8.0);
        result.After.Should().Be(3.0);
        result.Delta.Should().Be(-5.0);
        result.Verdict.Should().Be("improved");
        result.Unit.Should().Be("days");
    }

    [Fact]
    public void AvgDealSize_CountsOnlyWonDealsWithAValue()
    {
        ProposalFact[] proposals =
        [
            Decided(-10, ProposalOutcome.Won, 10_000), Decided(-4, ProposalOutcome.Won, 20_000), Decided(-3, ProposalOutcome.Lost, 90_000),
            Decided(4, ProposalOutcome.Won, 9_000), Decided(6, ProposalOutcome.Won, 11_000),
        ];

        var result = ImprovementTracking.Compare(ImprovementMetric.AvgDealSize, Promoted, Now, proposals, []);

        result.Before.Should().Be(15_000);
        result.After.Should().Be(10_000);
        result.Verdict.Should().Be("worse");
    }

    [Fact]
    public void Compare_WithTooLittleDataAfter_SaysSoInsteadOfAVerdict()
    {
        ProposalFact[] proposals = [Decided(-10, ProposalOutcome.Won), Decided(-4, ProposalOutcome.Lost), Decided(2, ProposalOutcome.Won)];

        var result = ImprovementTracking.Compare(ImprovementMetric.WinRate, Promoted, Now, proposals, []);

        result.After.Should().Be(100);
        result.AfterCount.Should().Be(1);
        result.Verdict.Should().Be("not enough data");
    }

    [Fact]
    public void TimeToShip_RunsFromApprovedToShipped()
    {
        StageChangeFact[] history =
        [
            new(1, LeadStatus.Proposal, LeadStatus.Approved, Promoted.AddDays(-40)), new(1, LeadStatus.Approved, LeadStatus.Building, Promoted.AddDays(-35)),
            new(1, LeadStatus.Building, LeadStatus.Shipped, Promoted.AddDays(-20)),
        ];

        ImprovementTracking.Measure(ImprovementMetric.TimeToShipDays, [], history, Promoted.AddDays(-60), Promoted).Should().Be((20.0, 1));
    }
}
