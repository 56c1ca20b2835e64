using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Tests.Domain.Approvals;

public sealed class ApprovalPolicyTests
{
    private static readonly Actor Alice = new(ActorKind.User, "alice", "Alice", IsOperator: true);
    private static readonly Actor Bob = new(ActorKind.User, "bob", "Bob", IsOperator: true);

    private static ApprovalRequest RequestedBy(Actor actor, ApprovalState state = ApprovalState.Pending) => new()
    {
        Subject = ApprovalSubject.ProposalSend,
        SubjectType = "proposal",
        SubjectId = "1",
        Title = "Send",
        State = state,
        RequestedByKind = actor.Kind,
        RequestedById = actor.Id,
        RequestedByName = actor.DisplayName,
    };

    [Fact]
    public void Refusal_SecondOperatorRuleOn_RequesterIsRefusedAnotherOperatorIsNot()
    {
        var request = RequestedBy(Alice);

        var refusal = ApprovalPolicy.Refusal(request, Alice, requireSecondOperator: true);
        refusal.Should().NotBeNull();
        refusal!.Value.Forbidden.Should().BeTrue();
        ApprovalPolicy.Refusal(request, Bob, requireSecondOperator: true).Should().BeNull();
    }

    [Fact]
    public void Refusal_SecondOperatorRuleOff_RequesterMayDecide() =>
        ApprovalPolicy.Refusal(RequestedBy(Alice), Alice, requireSecondOperator: false).Should().BeNull();

    [Theory]
    [InlineData(ActorKind.ApiKey, true)]
    [InlineData(ActorKind.User, false)]
    [InlineData(ActorKind.System, true)]
    public void Refusal_NotASignedInOperator_IsForbidden(ActorKind kind, bool isOperator)
    {
        var refusal = ApprovalPolicy.Refusal(RequestedBy(Alice), new Actor(kind, "x", "X", isOperator), false);

        refusal.Should().NotBeNull();
        refusal!.Value.Forbidden.Should().BeTrue();
    }

    [Fact]
    public void Refusal_AlreadyDecided_IsAConflictNotAPermissionProblem()
    {
        var refusal = ApprovalPolicy.Refusal(RequestedBy(Alice, ApprovalState.Approved), Bob, false);

        refusal.Should().NotBeNull();
        refusal!.Value.Forbidden.Should().BeFalse();
    }

    [Fact]
    public void ValidateDecision_NeedsAnExplicitChoiceAndAReason()
    {
        ApprovalPolicy.ValidateDecision(null, "ok").ToDictionary().Should().ContainKey("approve");
        ApprovalPolicy.ValidateDecision(true, "  ").ToDictionary().Should().ContainKey("reason");
        ApprovalPolicy.ValidateDecision(false, "Price too low").IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void LinkFor_ProposalOpensTheLeadAtTheProposal() =>
        ApprovalPolicy.LinkFor("proposal", "7", 3).Should().Be("/leads/3#proposal-7");
}
