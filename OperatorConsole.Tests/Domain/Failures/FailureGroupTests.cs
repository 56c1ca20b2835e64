using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Tests.Domain.Failures;

public sealed class FailureGroupTests
{
    [Theory]
    [InlineData(FailureBucket.FailedRuns, FailureGroup.Broken)]
    [InlineData(FailureBucket.BrokenIntegrations, FailureGroup.Broken)]
    [InlineData(FailureBucket.NeedsApproval, FailureGroup.NeedsDecision)]
    [InlineData(FailureBucket.StaleByTouch, FailureGroup.Nudges)]
    [InlineData(FailureBucket.StaleProposals, FailureGroup.Nudges)]
    [InlineData(FailureBucket.StuckProposals, FailureGroup.Nudges)]
    [InlineData(FailureBucket.LowConfidence, FailureGroup.Nudges)]
    [InlineData(FailureBucket.Interventions, FailureGroup.Nudges)]
    public void Group_EveryBucket_HasItsTriageGroup(FailureBucket bucket, FailureGroup expected) =>
        bucket.Group().Should().Be(expected);

    [Fact]
    public void IsUrgent_BrokenAndDecisions_NotNudges()
    {
        FailureGroup.Broken.IsUrgent().Should().BeTrue();
        FailureGroup.NeedsDecision.IsUrgent().Should().BeTrue();
        FailureGroup.Nudges.IsUrgent().Should().BeFalse();
    }

    [Fact]
    public void FromCode_RoundTripsEveryGroup_AndRefusesUnknown()
    {
        foreach (var group in Enum.GetValues<FailureGroup>())
        {
            FailureGroupExtensions.FromCode(group.Code()).Should().Be(group);
        }

        FailureGroupExtensions.FromCode("Broken").Should().BeNull("codes are exact");
    }
}
