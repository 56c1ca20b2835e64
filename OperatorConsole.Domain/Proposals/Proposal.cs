using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Proposals;

/// <summary>Where a proposal is on its way to the client. Only a person moves it to Sent (axiom 1).</summary>
public enum ProposalStatus
{
    Draft,
    SendRequested,
    SendApproved,
    SendRejected,
    Sent,
    Closed,
}

public enum ProposalOutcome
{
    Won,
    Lost,
    NoResponse,
}

/// <summary>A proposal for a lead. The system drafts; a human requests, an operator approves and marks it sent.</summary>
public class Proposal
{
    public int Id { get; set; }
    public int LeadId { get; set; }
    public required string Title { get; set; }
    public string Body { get; set; } = "";
    public ProposalStatus Status { get; set; } = ProposalStatus.Draft;
    public int? ServicePackageId { get; set; }
    public decimal? Amount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? SentById { get; set; }
    public string? SentByName { get; set; }
    public ProposalOutcome? Outcome { get; set; }
    public DateTime? OutcomeAt { get; set; }
    public decimal? OutcomeValue { get; set; }
    public string? OutcomeReason { get; set; }
    public ActorKind CreatedByKind { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public List<ProposalVersion> Versions { get; set; } = [];
}

/// <summary>Every saved draft is kept, so what was approved is exactly what was sent.</summary>
public class ProposalVersion
{
    public int Id { get; set; }
    public int ProposalId { get; set; }
    public int Number { get; set; }
    public string Body { get; set; } = "";

    /// <summary>manual, service_package or azure_openai: which engine wrote the draft.</summary>
    public required string Origin { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
}
