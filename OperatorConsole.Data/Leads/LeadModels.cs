using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Leads;

/// <summary>The lead as the API and the lists show it.</summary>
public sealed record LeadView(
    int Id,
    string Title,
    string? Company,
    string? ContactName,
    string? ContactEmail,
    string? Source,
    decimal? EstimatedValue,
    string? ExternalId,
    LeadStatus Status,
    OfferType? OfferType,
    bool IsArchived,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime StatusChangedAt,
    DateTime? LastContactAt,
    RunStatus? LastRunStatus,
    int? LastRunId,
    DateTime? LastRunStartedAt,
    string? NextStep = null,
    DateTime? NextStepDueAt = null,
    DateTime? NextStepDoneAt = null,
    int? AccountId = null,
    string? AccountName = null,
    string? Owner = null,
    bool CreatedAtEstimated = false,
    decimal? WonValue = null,
    DateOnly? ExpectedCloseOn = null);

/// <summary>POST /api/leads body. The company names the account (matched or created by name); or give accountId.</summary>
public sealed record CreateLeadRequest(
    string? Title,
    string? Company = null,
    string? ContactName = null,
    string? ContactEmail = null,
    string? Source = null,
    decimal? EstimatedValue = null,
    LeadStatus? Status = null,
    OfferType? OfferType = null,
    string? ExternalId = null,
    int? AccountId = null,
    string? Owner = null,
    DateOnly? ExpectedCloseOn = null);

/// <summary>PATCH /api/leads/{id} body: only the fields present change.</summary>
public sealed record UpdateLeadRequest(
    string? Title = null,
    string? Company = null,
    string? ContactName = null,
    string? ContactEmail = null,
    string? Source = null,
    decimal? EstimatedValue = null,
    OfferType? OfferType = null,
    bool? IsArchived = null,
    int? AccountId = null,
    string? Owner = null);

/// <summary>PUT /api/leads/{id}/expected-close body: the day the deal is expected to close; null clears it.</summary>
public sealed record SetExpectedCloseRequest(DateOnly? ExpectedCloseOn);

/// <summary>
/// One window of the open deals' expected close dates: how many, their estimates added up, and its days (null:
/// open-ended). <c>Weighted</c>: the estimates at their stages' win rates (ADR 248), null when no rates were given;
/// <c>Unweighted</c>: the window's deals in a stage without a rate, left out of it.
/// </summary>
public sealed record CloseWindowRow(CloseWindow Window, int Deals, decimal Estimated, DateOnly? First, DateOnly? Last, decimal? Weighted = null, int Unweighted = 0);

/// <summary>A deal with the day it is expected to close (<see cref="OpenDealQueries.SoonestFirst"/>).</summary>
public sealed record DatedDeal(int Id, string Title, string? Company, DateOnly On, decimal? Estimate);

/// <summary>The open deals by when they are expected to close, at <c>Today</c>, and the next few to close, soonest first.</summary>
public sealed record ExpectedCloseOutlook(DateOnly Today, int OpenDeals, IReadOnlyList<CloseWindowRow> Windows, IReadOnlyList<DatedDeal> Next)
{
    public int Dated => OpenDeals - Windows.Where(w => w.Window == CloseWindow.NoDate).Sum(w => w.Deals);
}

/// <summary>POST /api/leads/{id}/status body.</summary>
public sealed record ChangeLeadStatusRequest(LeadStatus? Status, string? Reason = null);

/// <summary>Which optional fields any deal fills (<see cref="LeadService.FieldsInUseAsync"/>): the list's optional columns.</summary>
public sealed record LeadFieldsInUse(bool Owner, bool OfferType, bool LastRun, bool NextStep = false, bool ExpectedClose = false);

public sealed record LeadListQuery(
    StageFilter? Status = null,
    OfferType? OfferType = null,
    string? Q = null,
    bool IncludeArchived = false,
    string? Sort = null,
    int? Page = null,
    int? PageSize = null,
    int? AccountId = null,
    string? Owner = null,
    string? Source = null,
    decimal? MinValue = null,
    decimal? MaxValue = null,
    int? PackageId = null,
    NextStepState? NextStep = null,
    string? Office = null,
    string? Manager = null,
    DateOnly? ExpectedCloseFrom = null,
    DateOnly? ExpectedCloseTo = null,
    ExpectedCloseState? ExpectedClose = null);

/// <summary>
/// The deals a list's filters keep, added up (<see cref="LeadService.SummaryAsync"/>): how many; how many carry an
/// estimate and what those add up to; how many were won and for how much, by the rule every won figure uses (its won
/// proposals' values, else its estimate). Amounts in the console's one currency.
/// </summary>
public sealed record LeadListSummary(int Deals, int Estimated, decimal EstimatedValue, int Won, decimal WonValue);

public sealed record StatusChangeView(
    int Id, LeadStatus? FromStatus, LeadStatus ToStatus, DateTime ChangedAt, string ActorName, string ActorKind, string? Reason);

public sealed record TouchView(
    int Id, int LeadId, TouchChannel Channel, TouchDirection Direction, string? Summary, DateTime OccurredAt, DateTime RecordedAt, string ActorName);

/// <summary>POST /api/leads/{id}/touches body.</summary>
public sealed record RecordTouchRequest(TouchChannel? Channel, TouchDirection? Direction, string? Summary = null, DateTime? OccurredAt = null);

/// <summary>One line of a lead's timeline: touches, runs, status changes and proposals in one stream.</summary>
/// <summary>One entry of a lead's timeline. <paramref name="Undated"/>: <paramref name="At"/> is a stand-in (an import gave no date), for order only.</summary>
public sealed record TimelineItem(DateTime At, string Kind, string Title, string? Detail, string? Link, string? Status, bool Undated = false);

/// <summary>A lead and what it was won for (null when it was not won), as SQL reads it: <see cref="LeadService.WithWonValue"/>.</summary>
public sealed class LeadWithWonValue
{
    public required Lead Lead { get; init; }

    public decimal? WonValue { get; init; }
}
