using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Learning;

/// <summary>Which part of the business a lesson is about (sprint 2.2). Suggested by the engine, editable by a person.</summary>
public enum LearningClass
{
    Sales,
    Ops,
    Ai,
    Delivery,
    Positioning,
}

/// <summary>What the lesson turned into, or "nothing yet": the tag that says whether learning became action.</summary>
public enum ProducedTag
{
    NothingYet,
    ProposalImprovement,
    OutreachScript,
    SalesObjectionScript,
    ServicePackageRefinement,
    DeliverySop,
    QaChecklist,
    Automation,
    CaseStudy,
}

public enum LearningSourceKind
{
    Transcript,
    Note,
    PostMortem,
}

/// <summary>Where a proposal is on its way to the playbook. Only an operator's recorded decision reaches Promoted.</summary>
public enum LearningProposalState
{
    Open,
    PromotionRequested,
    Promoted,
    PromotionRejected,
}

/// <summary>The business number a promoted playbook entry is expected to move.</summary>
public enum ImprovementMetric
{
    WinRate,
    ProposalCycleDays,
    AvgDealSize,
    TimeToShipDays,
}

/// <summary>The engine that produced a proposal, so nobody mistakes a keyword rule for a model's judgement.</summary>
public static class LearningEngines
{
    public const string BuiltIn = "built_in";
    public const string AzureOpenAi = "azure_openai";
    public const string Manual = "manual";

    public static readonly IReadOnlyList<string> All = [BuiltIn, AzureOpenAi, Manual];
}

/// <summary>An ingested learning: a call transcript, a note or a post-mortem, kept verbatim as the evidence.</summary>
public class IngestedLearning
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public LearningSourceKind SourceKind { get; set; }
    public string? FileName { get; set; }
    public int? LeadId { get; set; }
    public required string Text { get; set; }

    /// <summary>Engine that produced the proposals (built_in or azure_openai).</summary>
    public required string Engine { get; set; }

    /// <summary>Why the engine is what it is, e.g. the AI answer failed validation and the built-in extractor ran instead.</summary>
    public string? EngineNote { get; set; }
    public DateTime CreatedAt { get; set; }
    public ActorKind CreatedByKind { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public List<LearningProposal> Proposals { get; set; } = [];
}

/// <summary>One candidate playbook change extracted from a learning.</summary>
public class LearningProposal
{
    public int Id { get; set; }
    public int LearningId { get; set; }

    /// <summary>The proposed playbook statement.</summary>
    public required string Text { get; set; }

    /// <summary>The sentence(s) of the learning it came from.</summary>
    public string? Evidence { get; set; }
    public LearningClass Class { get; set; }

    /// <summary>What the engine suggested, kept when a person changes <see cref="Class"/>.</summary>
    public LearningClass SuggestedClass { get; set; }
    public double Confidence { get; set; }
    public ProducedTag Produced { get; set; } = ProducedTag.NothingYet;
    public required string Engine { get; set; }

    /// <summary>For the built-in engine: the rule(s) that fired, so the reader can judge the suggestion.</summary>
    public string? Rule { get; set; }
    public LearningProposalState State { get; set; } = LearningProposalState.Open;
    public ImprovementMetric? Metric { get; set; }

    /// <summary>Playbook entry the promotion would add a version to; null means a new entry.</summary>
    public int? PromotionTargetEntryId { get; set; }

    /// <summary>Title of the new entry when there is no target.</summary>
    public string? PromotionTitle { get; set; }
    public int? ApprovalRequestId { get; set; }
    public int? PromotedEntryId { get; set; }
    public int? PromotedVersionNumber { get; set; }
    public DateTime? PromotedAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>True once a person has edited class, confidence or produced (the numbers are then human, not engine).</summary>
    public bool HumanReviewed { get; set; }
    public List<LearningContradiction> Contradictions { get; set; } = [];
}

/// <summary>A playbook entry the proposal contradicts, shown side by side with it.</summary>
public class LearningContradiction
{
    public int Id { get; set; }
    public int ProposalId { get; set; }
    public int PlaybookEntryId { get; set; }

    /// <summary>The playbook version the proposal was checked against.</summary>
    public int PlaybookVersionNumber { get; set; }
    public required string Reason { get; set; }

    /// <summary>detected (by the rules) or manual (added by a person).</summary>
    public required string Source { get; set; }
}

/// <summary>A playbook entry: a rule the agency works by. Its text lives in versions; none is ever overwritten.</summary>
public class PlaybookEntry
{
    public int Id { get; set; }
    public LearningClass Class { get; set; }
    public required string Title { get; set; }
    public int CurrentVersion { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public List<PlaybookEntryVersion> Versions { get; set; } = [];
}

/// <summary>One version of a playbook entry, with the decision that made it.</summary>
public class PlaybookEntryVersion
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public int Number { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public int? SourceProposalId { get; set; }
    public int? ApprovalRequestId { get; set; }

    /// <summary>The decider's reason (why this version exists).</summary>
    public string? Reason { get; set; }
    public ImprovementMetric? Metric { get; set; }
}
