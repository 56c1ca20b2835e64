using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Domain.Import;

/// <summary>One stage the lead entered, and when. The first step is the lead's creation.</summary>
public sealed record ImportedStatusStep(LeadStatus Status, DateTime At);

/// <summary>A decided deal: recorded as a closed proposal so the scorecard and win rate can read it.</summary>
/// <param name="Reason">Why a lost deal was lost, as the file says it (a CRM's lost reason); null when it says nothing.</param>
public sealed record ImportedOutcome(ProposalOutcome Outcome, DateTime At, decimal? Value, decimal? Amount, string? Reason = null);

/// <summary>The service package a deal was sold on (a CRM's product), found by name or made at its price.</summary>
public sealed record ImportedPackage(string Name, decimal Price);

/// <summary>A CSV row after mapping and validation: everything needed to write the lead, nothing left to parse.</summary>
public sealed record ImportedLead(
    string? ExternalId,
    string Title,
    string? Company,
    string? ContactName,
    string? ContactEmail,
    string? Source,
    decimal? EstimatedValue,
    OfferType? OfferType,
    IReadOnlyList<ImportedStatusStep> History,
    ImportedOutcome? Outcome,
    string? Owner = null,
    bool CreatedAtEstimated = false,
    ImportedPackage? Package = null,
    DateOnly? ExpectedCloseOn = null)
{
    public LeadStatus Status => History[^1].Status;

    public DateTime CreatedAt => History[0].At;

    public DateTime StatusChangedAt => History[^1].At;
}

/// <summary>A mapped row: the lead, or the reasons it cannot be imported.</summary>
public sealed record RowMapResult(ImportedLead? Lead, IReadOnlyList<string> Errors)
{
    public bool IsValid => Lead is not null && Errors.Count == 0;

    public static RowMapResult Ok(ImportedLead lead) => new(lead, []);

    public static RowMapResult Invalid(IReadOnlyList<string> errors) => new(null, errors);
}

/// <summary>How an existing lead is recognised: by external id, else by company + title (case and spacing ignored).</summary>
public static class DuplicateKeys
{
    public static string? External(string? externalId) =>
        string.IsNullOrWhiteSpace(externalId) ? null : externalId.Trim();

    public static string Natural(string? company, string title) =>
        Normalize(company) + "\u001f" + Normalize(title);

    private static string Normalize(string? value) =>
        string.Join(' ', (value ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
}
