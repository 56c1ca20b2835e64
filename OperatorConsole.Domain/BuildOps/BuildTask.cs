namespace OperatorConsole.Domain.BuildOps;

public enum BusinessImpact
{
    Acquire,
    Deliver,
    Improve,
}

public enum BuildTaskStatus
{
    Queued,
    InProgress,
    Review,
    Approved,
    Done,
    Rejected,
}

public enum RiskLevel
{
    Low,
    Medium,
    High,
}

/// <summary>A Build Ops queue item. Starting and approving it are human acts (axiom 2).</summary>
public class BuildTask
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public BusinessImpact Impact { get; set; }
    public int? LeadId { get; set; }
    public BuildTaskStatus Status { get; set; } = BuildTaskStatus.Queued;
    public string? PrSummary { get; set; }
    public RiskLevel RiskLevel { get; set; } = RiskLevel.Medium;
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the task entered its current status, and the reason given (the full trail is in the audit log).</summary>
    public DateTime StatusChangedAt { get; set; }
    public string? StatusReason { get; set; }
    public string? CreatedByName { get; set; }

    /// <summary>
    /// The recorded operator approval (who, when, why) and the risk level it was given at. A task whose risk was raised
    /// to high after approval needs approving again before it is done.
    /// </summary>
    public DateTime? ApprovedAt { get; set; }
    public string? ApprovedById { get; set; }
    public string? ApprovedByName { get; set; }
    public string? ApprovalReason { get; set; }
    public RiskLevel? ApprovedRiskLevel { get; set; }
}
