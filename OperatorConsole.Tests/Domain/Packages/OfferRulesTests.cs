using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Tests.Domain.Packages;

public sealed class OfferRulesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-3)]
    public void Validate_ScoreOutOfRange_IsRefused(int score) =>
        OfferRules.Validate(OfferType.Productized, null, null, score).ToDictionary().Should().ContainKey("repeatabilityScore");

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void Validate_ScoreInRange_Passes(int score) =>
        OfferRules.Validate(OfferType.Productized, "why", "up", score).IsEmpty.Should().BeTrue();

    [Fact]
    public void Validate_MissingOrUnknownOfferType_IsRefused()
    {
        OfferRules.Validate(null, null, null, null).ToDictionary().Should().ContainKey("offerType");
        OfferRules.Validate((OfferType)9, null, null, null).ToDictionary().Should().ContainKey("offerType");
    }

    [Fact]
    public void Rubric_HasOneMeaningPerScore()
    {
        OfferRules.RepeatabilityRubric.Select(r => r.Score).Should().Equal(1, 2, 3, 4, 5);
        OfferRules.RubricFor(1).Should().Contain("One-off bespoke");
        OfferRules.RubricFor(5).Should().Contain("repeatable weekly");
    }
}

public sealed class OfferPerformanceTests
{
    private static OfferDealFact Fact(int id, OfferType? type, LeadStatus status, decimal? estimate, params (ProposalOutcome? Outcome, decimal? OutcomeValue, decimal? Amount)[] proposals) =>
        new(id, type, status, estimate, proposals);

    [Fact]
    public void Classify_WonProposal_UsesOutcomeValueThenAmount()
    {
        OfferPerformance.Classify(Fact(1, OfferType.Productized, LeadStatus.Approved, 9000, (ProposalOutcome.Won, 7000m, 8000m))).Should().Be((true, false, 7000m));
        OfferPerformance.Classify(Fact(2, OfferType.Productized, LeadStatus.Proposal, 9000, (ProposalOutcome.Won, null, 8000m))).Should().Be((true, false, 8000m));
    }

    [Fact]
    public void Classify_ClientWithoutProposalValue_UsesEstimatedValue() =>
        OfferPerformance.Classify(Fact(1, OfferType.FastCashDfy, LeadStatus.Building, 12000)).Should().Be((true, false, 12000m));

    [Fact]
    public void Classify_LostLeadOrLostProposal_IsLost()
    {
        OfferPerformance.Classify(Fact(1, null, LeadStatus.Lost, 5000)).Should().Be((false, true, 0m));
        OfferPerformance.Classify(Fact(2, null, LeadStatus.Proposal, 5000, (ProposalOutcome.Lost, null, 5000m))).Should().Be((false, true, 0m));
    }

    [Fact]
    public void Classify_OpenLead_IsNeither() =>
        OfferPerformance.Classify(Fact(1, null, LeadStatus.Qualified, 5000, (null, null, 5000m))).Should().Be((false, false, 0m));

    [Fact]
    public void Compute_RevenueAndWinRatePerOfferType()
    {
        var rows = OfferPerformance.Compute(
        [
            Fact(1, OfferType.Productized, LeadStatus.Shipped, 5000, (ProposalOutcome.Won, 4800m, null)),
            Fact(2, OfferType.Productized, LeadStatus.Building, 6000),
            Fact(3, OfferType.Productized, LeadStatus.Lost, 7000, (ProposalOutcome.Lost, null, 7000m)),
            Fact(4, OfferType.PremiumCustomSystem, LeadStatus.Lost, 40000),
            Fact(5, OfferType.FastCashDfy, LeadStatus.Qualified, 9000),
        ]);

        rows.Select(r => r.OfferType).Should().Equal(OfferType.FastCashDfy, OfferType.Productized, OfferType.PremiumCustomSystem);
        var productized = rows.Single(r => r.OfferType == OfferType.Productized);
        productized.Won.Should().Be(2);
        productized.Lost.Should().Be(1);
        productized.WonValue.Should().Be(10800m);
        productized.WinRate.Should().BeApproximately(2.0 / 3, 1e-9);
        rows.Single(r => r.OfferType == OfferType.PremiumCustomSystem).WinRate.Should().Be(0);
        rows.Single(r => r.OfferType == OfferType.FastCashDfy).WinRate.Should().BeNull("nothing is decided yet");
    }

    [Fact]
    public void Compute_LeadsWithoutOfferType_GetTheirOwnRowOnlyWhenDecided()
    {
        OfferPerformance.Compute([Fact(1, null, LeadStatus.New, 100)]).Should().NotContain(r => r.OfferType == null);
        OfferPerformance.Compute([Fact(1, null, LeadStatus.Shipped, 100)]).Single(r => r.OfferType == null).WonValue.Should().Be(100);
    }
}
