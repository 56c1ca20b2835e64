using OperatorConsole.Domain.BuildOps;

namespace OperatorConsole.Data.BuildOps;

/// <summary>POST /api/build-tasks body. New tasks always start queued.</summary>
public sealed record CreateBuildTaskRequest(
    string? Title,
    BusinessImpact? Impact,
    string? Description = null,
    int? LeadId = null,
    string? PrSummary = null,
    RiskLevel? RiskLevel = null);

/// <summary>PATCH /api/build-tasks/{id} body: only the fields present change. An API key may send only prSummary.</summary>
public sealed record UpdateBuildTaskRequest(
    string? Title = null,
    string? Description = null,
    BusinessImpact? Impact = null,
    int? LeadId = null,
    string? PrSummary = null,
    RiskLevel? RiskLevel = null,
    string? Reason = null);

/// <summary>POST /api/build-tasks/{id}/transition body.</summary>
public sealed record TransitionBuildTaskRequest(BuildTaskStatus? To, string? Reason = null);

public sealed record BuildTaskView(
    int Id,
    string Title,
    string? Description,
    BusinessImpact Impact,
    int? LeadId,
    string? LeadTitle,
    BuildTaskStatus Status,
    string? PrSummary,
    RiskLevel RiskLevel,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime StatusChangedAt,
    string? StatusReason,
    string? CreatedBy,
    DateTime? ApprovedAt,
    string? ApprovedBy,
    string? ApprovalReason,
    RiskLevel? ApprovedRiskLevel,
    int AgentJobCount,
    int UnapprovedHighRiskJobs)
{
    /// <summary>Where the task may go next (the buttons on the board).</summary>
    public IReadOnlyList<BuildTaskStatus> AllowedTransitions => BuildTaskWorkflow.NextFrom(Status);
}

public sealed record BuildTaskListQuery(
    BuildTaskStatus? Status = null,
    BusinessImpact? Impact = null,
    RiskLevel? RiskLevel = null,
    int? LeadId = null,
    string? Q = null,
    int? Page = null,
    int? PageSize = null);
