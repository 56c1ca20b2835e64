using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Data.Learning;

/// <summary>An ingested learning as lists show it (the full text is kept but not repeated in lists).</summary>
public sealed record LearningView(
    int Id,
    string Title,
    LearningSourceKind SourceKind,
    string? FileName,
    int? LeadId,
    string Engine,
    string? EngineNote,
    DateTime CreatedAt,
    string CreatedByName,
    int ProposalCount);

/// <summary>What an ingest produced: the learning, its proposals, and which engine made them (and why).</summary>
public sealed record IngestResult(LearningView Learning, IReadOnlyList<LearningProposalView> Proposals);

/// <summary>A contradicted playbook entry, carried whole so the UI can put both texts side by side.</summary>
public sealed record ContradictionView(
    int PlaybookEntryId,
    string EntryTitle,
    LearningClass EntryClass,
    int CheckedVersion,
    int CurrentVersion,
    string PlaybookText,
    string Reason,
    string Source);

public sealed record LearningProposalView(
    int Id,
    int LearningId,
    string LearningTitle,
    string Text,
    string? Evidence,
    LearningClass Class,
    LearningClass SuggestedClass,
    double Confidence,
    bool LowConfidence,
    ProducedTag Produced,
    string Engine,
    string? Rule,
    LearningProposalState State,
    bool HumanReviewed,
    ImprovementMetric? Metric,
    int? PromotionTargetEntryId,
    int? ApprovalRequestId,
    int? PromotedEntryId,
    int? PromotedVersionNumber,
    DateTime? PromotedAt,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<ContradictionView> Contradictions,
    MetricComparison? Impact);

/// <summary>POST /api/learning/ingest (JSON). Uploads send the same fields as form fields plus "file".</summary>
public sealed record IngestLearningRequest(string? Text, string? Title = null, LearningSourceKind? SourceKind = null, int? LeadId = null);

/// <summary>One contradiction as a person sets it: the entry, and optionally why.</summary>
public sealed record ContradictionInput(int? PlaybookEntryId, string? Reason = null);

/// <summary>PATCH /api/learning/proposals/{id}: only the fields present change. "contradictions" replaces the list.</summary>
public sealed record UpdateLearningProposalRequest(
    LearningClass? Class = null,
    double? Confidence = null,
    ProducedTag? Produced = null,
    IReadOnlyList<ContradictionInput>? Contradictions = null,
    string? Text = null);

/// <summary>POST /api/learning/proposals/{id}/promote: asks for the human decision; promotes nothing by itself.</summary>
public sealed record RequestPromotionRequest(ImprovementMetric? Metric, int? TargetEntryId = null, string? Title = null, string? Note = null);

/// <summary>POST /api/learning/proposals/{id}/promotion-decision.</summary>
public sealed record PromotionDecisionRequest(bool? Approve, string? Reason);

public sealed record PlaybookVersionView(
    int Id,
    int Number,
    string Text,
    DateTime CreatedAt,
    string CreatedByName,
    int? SourceProposalId,
    int? ApprovalRequestId,
    string? Reason,
    ImprovementMetric? Metric);

public sealed record PlaybookEntryView(
    int Id,
    LearningClass Class,
    string Title,
    int CurrentVersion,
    string CurrentText,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    IReadOnlyList<PlaybookVersionView> Versions);

public sealed record PromotionRequestResult(int ApprovalRequestId, LearningProposalView Proposal);

public sealed record PromotionDecisionResult(int ApprovalRequestId, ApprovalState State, string DecidedBy, DateTime DecidedAt, string Reason, LearningProposalView Proposal, PlaybookEntryView? Entry);

public sealed record LearningProposalQuery(
    LearningClass? Class = null,
    string? Engine = null,
    ProducedTag? Produced = null,
    bool? Promoted = null,
    LearningProposalState? State = null,
    int? LearningId = null,
    string? Q = null,
    int? Page = null,
    int? PageSize = null);

/// <summary>
/// An AI engine for learnings, implemented in the web layer over <c>IChatClient</c> (Azure OpenAI). The data
/// layer only knows this contract, so the built-in extractor works with no AI packages configured.
/// </summary>
public interface ILearningAiEngine
{
    /// <summary>False when the chat client is not configured; the built-in extractor is used then.</summary>
    bool IsConfigured { get; }

    /// <summary>Asks the model for proposals as JSON and validates them; a refused answer comes back as Ok=false with the reason.</summary>
    Task<AiParseResult> ExtractAsync(string text, IReadOnlyList<PlaybookStatement> playbook, CancellationToken ct);
}
