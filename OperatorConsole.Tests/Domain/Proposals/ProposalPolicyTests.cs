using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Tests.Domain.Proposals;

public sealed class ProposalPolicyTests
{
    [Theory]
    [InlineData(ProposalStatus.Draft, ProposalAction.RequestSend, ProposalStatus.SendRequested)]
    [InlineData(ProposalStatus.SendRejected, ProposalAction.RequestSend, ProposalStatus.SendRequested)]
    [InlineData(ProposalStatus.SendRequested, ProposalAction.ApproveSend, ProposalStatus.SendApproved)]
    [InlineData(ProposalStatus.SendRequested, ProposalAction.RejectSend, ProposalStatus.SendRejected)]
    [InlineData(ProposalStatus.SendApproved, ProposalAction.MarkSent, ProposalStatus.Sent)]
    [InlineData(ProposalStatus.Sent, ProposalAction.RecordOutcome, ProposalStatus.Closed)]
    [InlineData(ProposalStatus.SendRejected, ProposalAction.Edit, ProposalStatus.Draft)]
    [InlineData(ProposalStatus.SendApproved, ProposalAction.Edit, ProposalStatus.Draft)]
    [InlineData(ProposalStatus.Draft, ProposalAction.Edit, ProposalStatus.Draft)]
    public void Apply_AllowedMove_LeadsToTheNextStatus(ProposalStatus from, ProposalAction action, ProposalStatus to)
    {
        var transition = ProposalPolicy.Apply(from, action);

        transition.Allowed.Should().BeTrue();
        transition.To.Should().Be(to);
    }

    [Theory]
    [InlineData(ProposalStatus.Draft)]
    [InlineData(ProposalStatus.SendRequested)]
    [InlineData(ProposalStatus.SendRejected)]
    public void MarkSent_WithoutApproval_IsRefused(ProposalStatus from)
    {
        var transition = ProposalPolicy.Apply(from, ProposalAction.MarkSent);

        transition.Allowed.Should().BeFalse();
        transition.To.Should().Be(from);
        transition.Refusal.Should().Contain("approved");
    }

    [Fact]
    public void Edit_WhileADecisionIsPending_IsRefused() =>
        ProposalPolicy.Apply(ProposalStatus.SendRequested, ProposalAction.Edit).Allowed.Should().BeFalse();

    [Theory]
    [InlineData(ProposalStatus.Draft)]
    [InlineData(ProposalStatus.SendApproved)]
    [InlineData(ProposalStatus.Closed)]
    public void Outcome_OnlyForSentProposals(ProposalStatus from) =>
        ProposalPolicy.Apply(from, ProposalAction.RecordOutcome).Allowed.Should().BeFalse();

    [Fact]
    public void Allowed_ForARejectedProposal_OffersEditAndRequestAgainButNotSend() =>
        ProposalPolicy.Allowed(ProposalStatus.SendRejected).Should().BeEquivalentTo([ProposalAction.Edit, ProposalAction.RequestSend]);

    [Theory]
    [InlineData(LeadStatus.Proposal, ProposalOutcome.Won, LeadStatus.Approved)]
    [InlineData(LeadStatus.Qualified, ProposalOutcome.Won, LeadStatus.Approved)]
    [InlineData(LeadStatus.Building, ProposalOutcome.Won, null)]
    [InlineData(LeadStatus.Proposal, ProposalOutcome.Lost, null)]
    [InlineData(LeadStatus.Proposal, ProposalOutcome.NoResponse, null)]
    public void LeadStatusAfterOutcome_WonMakesAClientUnlessAlreadyFurther(LeadStatus current, ProposalOutcome outcome, LeadStatus? expected) =>
        ProposalPolicy.LeadStatusAfterOutcome(current, outcome).Should().Be(expected);

    [Fact]
    public void ValidateOutcome_WonWithoutValue_AndLostWithoutReason_AreInvalid()
    {
        ProposalRules.ValidateOutcome(ProposalOutcome.Won, null, null).ToDictionary().Should().ContainKey("value");
        ProposalRules.ValidateOutcome(ProposalOutcome.Lost, null, " ").ToDictionary().Should().ContainKey("reason");
        ProposalRules.ValidateOutcome(null, null, null).ToDictionary().Should().ContainKey("outcome");
        ProposalRules.ValidateOutcome(ProposalOutcome.Won, 1000, null).IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void ValidateDraft_UnknownOrigin_IsInvalid() =>
        ProposalRules.ValidateDraft("T", "Body", null, "magic").ToDictionary().Should().ContainKey("origin");
}
