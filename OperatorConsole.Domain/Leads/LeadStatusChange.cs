using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Leads;

/// <summary>One entry of a lead's status history: kept forever, it drives stage timings and the constraint.</summary>
public class LeadStatusChange
{
    public int Id { get; set; }
    public int LeadId { get; set; }

    /// <summary>Null for the entry that records the lead's creation.</summary>
    public LeadStatus? FromStatus { get; set; }
    public LeadStatus ToStatus { get; set; }
    public DateTime ChangedAt { get; set; }
    public ActorKind ActorKind { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Reason { get; set; }

    /// <summary>
    /// The change was read from an imported file (a CRM's stage or its history), not made in the console. A won deal
    /// whose Approved came from an import is a past sale, not a project the agency has on (ADR 221).
    /// </summary>
    public bool Imported { get; set; }
}
