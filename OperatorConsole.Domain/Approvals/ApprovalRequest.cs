using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Approvals;

/// <summary>The human gates of axiom 3.</summary>
public enum ApprovalSubject
{
    ProposalSend,
    BuildStart,
    HighRiskChange,
    Deploy,
    PlaybookPromotion,
}

public enum ApprovalState
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>A request for a human decision. Decided only by a signed-in operator, with a reason.</summary>
public class ApprovalRequest
{
    public int Id { get; set; }
    public ApprovalSubject Subject { get; set; }

    /// <summary>Kind of record the request is about (proposal, build_task, agent_job, learning_proposal).</summary>
    public required string SubjectType { get; set; }
    public required string SubjectId { get; set; }
    public int? LeadId { get; set; }
    public required string Title { get; set; }

    /// <summary>What the decider needs to see: proposal text, files and risk, playbook diff.</summary>
    public string? Context { get; set; }
    public ApprovalState State { get; set; } = ApprovalState.Pending;
    public DateTime RequestedAt { get; set; }
    public ActorKind RequestedByKind { get; set; }
    public required string RequestedById { get; set; }
    public required string RequestedByName { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecidedById { get; set; }
    public string? DecidedByName { get; set; }
    public string? DecisionNote { get; set; }
}
