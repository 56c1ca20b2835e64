using OperatorConsole.Domain.Approvals;

namespace OperatorConsole.Data.Approvals;

/// <summary>An approval request as the inbox and the API show it.</summary>
public sealed record ApprovalView(
    int Id,
    ApprovalSubject Subject,
    string SubjectType,
    string SubjectId,
    int? LeadId,
    string Title,
    string? Context,
    ApprovalState State,
    DateTime RequestedAt,
    string RequestedByName,
    string RequestedById,
    DateTime? DecidedAt,
    string? DecidedByName,
    string? DecisionNote,
    string? Link);

/// <summary>POST /api/approvals/{id}/decision body.</summary>
public sealed record DecideApprovalRequest(bool? Approve, string? Reason);

public sealed record ApprovalListQuery(ApprovalState? State = null, ApprovalSubject? Subject = null, int? Page = null, int? PageSize = null);
