using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Tests.Domain.Learning;

public sealed class ContradictionDetectorTests
{
    /// <summary>The same playbook the demo seeds.</summary>
    private static readonly PlaybookStatement[] Playbook =
    [
        new(1, 2, LearningClass.Sales, "Discount on the first call", "Offer a 10% discount on the first call when the client raises budget."),
        new(2, 1, LearningClass.Sales, "Proposal turnaround", "Send the proposal within 72 hours of the discovery call."),
        new(3, 1, LearningClass.Delivery, "Scope in writing", "Agree the scope in writing before the build starts; changes go through a change request with a price."),
        new(4, 1, LearningClass.Ai, "Human review of AI output", "A person reviews every AI-generated message before it reaches a client."),
        new(5, 1, LearningClass.Sales, "Billing", "Bill hourly for every automation project."),
    ];

    [Fact]
    public void Detect_NegatedProposalOnTheSameTopic_ContradictsThatEntry()
    {
        var found = ContradictionDetector.Detect(LearningClass.Sales, "We should stop offering a discount on the first call.", Playbook);

        found.Should().ContainSingle().Which.Should().Match<DetectedContradiction>(c => c.EntryId == 1 && c.Version == 2 && c.Reason.Contains("stop"));
    }

    [Fact]
    public void Detect_SameWordsInAnotherClass_IsNoContradiction()
    {
        ContradictionDetector.Detect(LearningClass.Delivery, "We should stop offering a discount on the first call.", Playbook).Should().BeEmpty();
    }

    [Fact]
    public void Detect_AgreeingProposal_IsNoContradiction()
    {
        ContradictionDetector.Detect(LearningClass.Sales, "Offer the discount on the first call only when budget comes up.", Playbook).Should().BeEmpty();
    }

    [Fact]
    public void Detect_UnrelatedTopic_IsNoContradiction()
    {
        ContradictionDetector.Detect(LearningClass.Sales, "Never cold email on Mondays.", Playbook).Should().BeEmpty();
    }

    [Fact]
    public void Detect_OppositeKeywords_Contradict()
    {
        var found = ContradictionDetector.Detect(LearningClass.Sales, "Bill a fixed price for every automation project.", Playbook);

        found.Should().ContainSingle().Which.Should().Match<DetectedContradiction>(c => c.EntryId == 5 && c.Reason.Contains("\"fixed\"") && c.Reason.Contains("\"hourly\""));
    }

    [Fact]
    public void Detect_NegatedPlaybookEntry_ContradictsAPositiveProposal()
    {
        PlaybookStatement[] playbook = [new(9, 1, LearningClass.Ai, "No auto-send", "Never let the agent send AI-generated messages to a client.")];

        var found = ContradictionDetector.Detect(LearningClass.Ai, "Let the agent send routine AI-generated messages to the client directly.", playbook);

        found.Should().ContainSingle().Which.Reason.Should().Contain("playbook entry says \"never\"");
    }
}
