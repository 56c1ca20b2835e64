using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Proposals;

/// <summary>A proposal in lists: where it is, and what can happen next.</summary>
public sealed record ProposalSummary(
    int Id,
    int LeadId,
    string Title,
    ProposalStatus Status,
    decimal? Amount,
    int CurrentVersion,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? SentAt,
    string? SentByName,
    ProposalOutcome? Outcome,
    DateTime? OutcomeAt,
    decimal? OutcomeValue,
    string? OutcomeReason,
    int? ApprovedVersionNumber,
    string CreatedByName);

public sealed record ProposalVersionView(int Number, string Title, string Body, decimal? Amount, string Origin, DateTime CreatedAt, string CreatedByName);

public sealed record ProposalStepView(
    int Id, string Step, ProposalStatus? FromStatus, ProposalStatus ToStatus, int? VersionNumber, DateTime ChangedAt, string ActorName, string ActorKind, string? Reason);

/// <summary>GET /api/proposals/{id}: the proposal with its body, every version and its status history.</summary>
public sealed record ProposalDetail(
    int Id,
    int LeadId,
    string LeadTitle,
    string? ContactName,
    string? ContactEmail,
    string Title,
    string Body,
    ProposalStatus Status,
    decimal? Amount,
    int? ServicePackageId,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? SentAt,
    string? SentByName,
    ProposalOutcome? Outcome,
    DateTime? OutcomeAt,
    decimal? OutcomeValue,
    string? OutcomeReason,
    int? ApprovedVersionNumber,
    string CreatedByName,

    /// <summary>The latest send approval request (pending or decided), with its decision.</summary>
    ApprovalSummary? SendApproval,
    IReadOnlyList<ProposalAction> AllowedActions,
    IReadOnlyList<ProposalVersionView> Versions,
    IReadOnlyList<ProposalStepView> History);

/// <summary>POST /api/leads/{id}/proposals body.</summary>
public sealed record CreateProposalRequest(string? Title, string? Body, decimal? Amount = null, string? Origin = null, int? ServicePackageId = null);

/// <summary>PATCH /api/proposals/{id} body: fields present change, and the save becomes a new version.</summary>
public sealed record UpdateProposalRequest(string? Title = null, string? Body = null, decimal? Amount = null, string? Origin = null);

/// <summary>POST /api/proposals/{id}/request-send body.</summary>
public sealed record RequestSendRequest(string? Note = null);

/// <summary>POST /api/proposals/{id}/mark-sent body: how the operator sent it (email, copy…), for the record.</summary>
public sealed record MarkSentRequest(string? Via = null, string? Note = null);

/// <summary>POST /api/proposals/{id}/outcome body.</summary>
public sealed record RecordOutcomeRequest(ProposalOutcome? Outcome, decimal? Value = null, string? Reason = null);

/// <summary>The send approval as the proposal console shows it.</summary>
public sealed record ApprovalSummary(int Id, OperatorConsole.Domain.Approvals.ApprovalState State, DateTime RequestedAt, string RequestedByName, DateTime? DecidedAt, string? DecidedByName, string? DecisionNote);
