using OperatorConsole.Domain.BuildOps;

namespace OperatorConsole.Tests.Domain.BuildOps;

public sealed class BuildTaskWorkflowTests
{
    private static TransitionCheck Check(BuildTaskStatus from, BuildTaskStatus to, bool human = true, string? reason = "because",
        RiskLevel risk = RiskLevel.Medium, RiskLevel? approvedAt = null, int unapprovedJobs = 0) =>
        BuildTaskWorkflow.Check(new TransitionRequest(from, to, risk, human, reason, approvedAt, unapprovedJobs));

    [Theory]
    [InlineData(BuildTaskStatus.Queued, BuildTaskStatus.InProgress)]
    [InlineData(BuildTaskStatus.Queued, BuildTaskStatus.Rejected)]
    [InlineData(BuildTaskStatus.InProgress, BuildTaskStatus.Review)]
    [InlineData(BuildTaskStatus.InProgress, BuildTaskStatus.Queued)]
    [InlineData(BuildTaskStatus.Review, BuildTaskStatus.Approved)]
    [InlineData(BuildTaskStatus.Review, BuildTaskStatus.InProgress)]
    [InlineData(BuildTaskStatus.Approved, BuildTaskStatus.Done)]
    [InlineData(BuildTaskStatus.Approved, BuildTaskStatus.Review)]
    [InlineData(BuildTaskStatus.Rejected, BuildTaskStatus.Queued)]
    public void Operator_AllowedMoves_AreAllowed(BuildTaskStatus from, BuildTaskStatus to) =>
        Check(from, to).Outcome.Should().Be(TransitionOutcome.Allowed);

    [Theory]
    [InlineData(BuildTaskStatus.Queued, BuildTaskStatus.Review)]
    [InlineData(BuildTaskStatus.Queued, BuildTaskStatus.Approved)]
    [InlineData(BuildTaskStatus.Queued, BuildTaskStatus.Done)]
    [InlineData(BuildTaskStatus.InProgress, BuildTaskStatus.Done)]
    [InlineData(BuildTaskStatus.InProgress, BuildTaskStatus.Approved)]
    [InlineData(BuildTaskStatus.Done, BuildTaskStatus.Queued)]
    [InlineData(BuildTaskStatus.Done, BuildTaskStatus.Rejected)]
    [InlineData(BuildTaskStatus.Rejected, BuildTaskStatus.Done)]
    [InlineData(BuildTaskStatus.Review, BuildTaskStatus.Review)]
    public void Operator_OtherMoves_AreInvalid(BuildTaskStatus from, BuildTaskStatus to)
    {
        var check = Check(from, to);
        check.Outcome.Should().Be(TransitionOutcome.Invalid);
        check.Field.Should().Be("to");
    }

    [Theory]
    [InlineData(BuildTaskStatus.Queued, BuildTaskStatus.InProgress)]
    [InlineData(BuildTaskStatus.Review, BuildTaskStatus.Approved)]
    [InlineData(BuildTaskStatus.Approved, BuildTaskStatus.Done)]
    [InlineData(BuildTaskStatus.Review, BuildTaskStatus.Rejected)]
    [InlineData(BuildTaskStatus.Queued, BuildTaskStatus.Done)]
    public void Machine_CannotStartApproveFinishOrReject_EvenWithAReason(BuildTaskStatus from, BuildTaskStatus to) =>
        Check(from, to, human: false).Outcome.Should().Be(TransitionOutcome.Forbidden);

    [Fact]
    public void Machine_MayHandInForReview_WithoutAReason() =>
        Check(BuildTaskStatus.InProgress, BuildTaskStatus.Review, human: false, reason: null).Outcome.Should().Be(TransitionOutcome.Allowed);

    [Theory]
    [InlineData(BuildTaskStatus.Queued, BuildTaskStatus.InProgress)]
    [InlineData(BuildTaskStatus.Review, BuildTaskStatus.Approved)]
    [InlineData(BuildTaskStatus.Approved, BuildTaskStatus.Done)]
    [InlineData(BuildTaskStatus.Queued, BuildTaskStatus.Rejected)]
    [InlineData(BuildTaskStatus.Rejected, BuildTaskStatus.Queued)]
    public void GatedMoves_WithoutReason_AreInvalidOnReason(BuildTaskStatus from, BuildTaskStatus to)
    {
        var check = Check(from, to, reason: "  ");
        check.Outcome.Should().Be(TransitionOutcome.Invalid);
        check.Field.Should().Be("reason");
    }

    [Fact]
    public void HighRisk_Done_NeedsAnApprovalRecordedAtHighRisk()
    {
        Check(BuildTaskStatus.Approved, BuildTaskStatus.Done, risk: RiskLevel.High, approvedAt: null).Outcome.Should().Be(TransitionOutcome.Invalid);
        Check(BuildTaskStatus.Approved, BuildTaskStatus.Done, risk: RiskLevel.High, approvedAt: RiskLevel.Medium).Outcome.Should().Be(TransitionOutcome.Invalid);
        Check(BuildTaskStatus.Approved, BuildTaskStatus.Done, risk: RiskLevel.High, approvedAt: RiskLevel.High).Outcome.Should().Be(TransitionOutcome.Allowed);
        Check(BuildTaskStatus.Approved, BuildTaskStatus.Done, risk: RiskLevel.Medium, approvedAt: null).Outcome.Should().Be(TransitionOutcome.Allowed);
    }

    [Fact]
    public void HighRisk_Done_NeedsEveryHighRiskJobApproved() =>
        Check(BuildTaskStatus.Approved, BuildTaskStatus.Done, risk: RiskLevel.High, approvedAt: RiskLevel.High, unapprovedJobs: 1)
            .Outcome.Should().Be(TransitionOutcome.Invalid);

    [Fact]
    public void ForbiddenBeatsInvalid_SoAKeyNeverLearnsMoreThan403() =>
        Check(BuildTaskStatus.Queued, BuildTaskStatus.Approved, human: false).Outcome.Should().Be(TransitionOutcome.Forbidden);

    [Fact]
    public void Done_IsFinal() => BuildTaskWorkflow.NextFrom(BuildTaskStatus.Done).Should().BeEmpty();
}
