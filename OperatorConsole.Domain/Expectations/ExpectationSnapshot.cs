using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Expectations;

/// <summary>How the client's ask compares with what the work can honestly deliver.</summary>
public enum AskCalibration
{
    UnderAsking,
    Aligned,
    OverAsking,
}

/// <summary>
/// What the client expects versus what is realistic, at one moment. Never updated in place: every save adds a
/// new snapshot, so the history shows how expectations moved (and who moved them). Human-entered only.
/// </summary>
public class ExpectationSnapshot
{
    public int Id { get; set; }
    public int LeadId { get; set; }

    /// <summary>Set when the snapshot is about one proposal rather than the lead in general.</summary>
    public int? ProposalId { get; set; }

    /// <summary>1, 2, 3… per lead, in the order they were saved.</summary>
    public int Number { get; set; }
    public string? RequestedOutcome { get; set; }
    public string? RealisticOutcomeRange { get; set; }

    /// <summary>Tags from the configurable list (settings key "expectation_risk_flags").</summary>
    public List<string> RiskFlags { get; set; } = [];

    /// <summary>Risks in the operator's own words, beyond the tags.</summary>
    public string? RiskNotes { get; set; }
    public AskCalibration? AskCalibration { get; set; }
    public string? ActualNeed { get; set; }

    /// <summary>Talking points for resetting expectations with the client, one per line.</summary>
    public string? ResetScript { get; set; }
    public DateTime CreatedAt { get; set; }
    public ActorKind CreatedByKind { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
}
