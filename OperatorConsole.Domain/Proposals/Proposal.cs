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

    /// <summary>Version number an operator approved for sending; an edit after approval clears it.</summary>
    public int? ApprovedVersionNumber { get; set; }
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
    public string Title { get; set; } = "";
    public string Body { get; set; } = "";
    public decimal? Amount { get; set; }

    /// <summary>manual, service_package, azure_openai or api_key: who or what wrote the draft (see <see cref="ProposalOrigins"/>).</summary>
    public required string Origin { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
}

/// <summary>
/// One step of a proposal's life (drafted, edited, send requested, approved, rejected, sent, outcome):
/// the proposal's status history, shown on the lead's timeline.
/// </summary>
public class ProposalStatusChange
{
    public int Id { get; set; }
    public int ProposalId { get; set; }
    public int LeadId { get; set; }
    public ProposalStatus? FromStatus { get; set; }
    public ProposalStatus ToStatus { get; set; }

    /// <summary>What happened, as a product word: drafted, edited, send_requested, send_approved…</summary>
    public required string Step { get; set; }
    public int? VersionNumber { get; set; }
    public DateTime ChangedAt { get; set; }
    public ActorKind ActorKind { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public string? Reason { get; set; }
}

/// <summary>Which engine wrote a draft version.</summary>
public static class ProposalOrigins
{
    public const string Manual = "manual";
    public const string ServicePackage = "service_package";
    public const string AzureOpenAi = "azure_openai";
    public const string ApiKey = "api_key";

    public static readonly IReadOnlyList<string> All = [Manual, ServicePackage, AzureOpenAi, ApiKey];
}
