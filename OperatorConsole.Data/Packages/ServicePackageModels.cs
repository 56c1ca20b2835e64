using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Packages;

namespace OperatorConsole.Data.Packages;

/// <summary>A package in the list: its price and how it has sold so far (<paramref name="LeadCount"/> is the track record's deals).</summary>
public sealed record ServicePackageSummary(
    int Id,
    string Name,
    string? PromisedOutcome,
    decimal PriceMin,
    decimal PriceMax,
    string Currency,
    string? TurnaroundTarget,
    int DeliveryStepCount,
    bool IsArchived,
    int LeadCount,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    PackageTrackRecord TrackRecord);

/// <summary>A package as a filter offers it.</summary>
public sealed record PackageOption(int Id, string Name, bool IsArchived);

/// <summary>The full package as the API returns it.</summary>
public sealed record ServicePackageView(
    int Id,
    string Name,
    string? PromisedOutcome,
    string? ScopeIncluded,
    string? Exclusions,
    string? IdealClient,
    IReadOnlyList<string> DeliverySteps,
    string? TurnaroundTarget,
    string? RevisionPolicy,
    decimal PriceMin,
    decimal PriceMax,
    string Currency,
    IReadOnlyList<UpgradeOption> UpgradeOptions,
    bool IsArchived,
    DateTime CreatedAt,
    DateTime UpdatedAt);

/// <summary>One lead sold on the package and where it ended up.</summary>
/// <param name="Result">won, lost or open.</param>
/// <param name="ResultsDelta">Delta from the Results Ledger; null until results are recorded for the lead.</param>
public sealed record PackageLeadResult(
    int LeadId,
    string Title,
    string? Company,
    LeadStatus Status,
    OfferType? OfferType,
    string Result,
    decimal? WonValue,
    decimal? ResultsDelta);

/// <summary>The package's track record: how often it wins and for how much, over every deal sold on it.</summary>
public sealed record PackageTrackRecord(int Leads, int Won, int Lost, decimal WonValue, double? WinRate)
{
    public static readonly PackageTrackRecord None = new(0, 0, 0, 0m, null);

    /// <summary>The record of these deals, each classified won, lost or neither (and the value won).</summary>
    public static PackageTrackRecord Of(IReadOnlyList<(bool Won, bool Lost, decimal WonValue)> deals)
    {
        int won = deals.Count(d => d.Won), lost = deals.Count(d => d.Lost);
        return new(deals.Count, won, lost, deals.Sum(d => d.WonValue), won + lost == 0 ? null : (double)won / (won + lost));
    }
}

/// <summary>One package's sales over a set of deals (one account's, or every deal), and the Leads list of them.</summary>
public sealed record PackageSalesRow(int PackageId, string Name, bool IsArchived, PackageTrackRecord TrackRecord, string LeadsLink);

/// <summary>
/// Revenue by package (GET /api/accounts/{id} "purchases"; the Command Center's revenue card): the packages the deals
/// were sold on, largest won value first, and how many deals name no package (a deal counts under each package it was
/// sold on, so the rows can overlap).
/// </summary>
public sealed record PackageSales(IReadOnlyList<PackageSalesRow> Packages, int DealsWithoutPackage);

/// <summary>
/// GET /api/service-packages/{id}: the package, its track record over every deal sold on it, the
/// <see cref="ServicePackageService.LeadsShown"/> most recently changed of those deals, and where all of them are listed.
/// </summary>
public sealed record ServicePackageDetail(
    ServicePackageView Package,
    PackageTrackRecord TrackRecord,
    IReadOnlyList<PackageLeadResult> Leads,
    bool CanDelete,
    string LeadsLink);

/// <summary>POST /api/service-packages body.</summary>
public sealed record CreateServicePackageRequest(
    string? Name,
    string? PromisedOutcome = null,
    string? ScopeIncluded = null,
    string? Exclusions = null,
    string? IdealClient = null,
    IReadOnlyList<string>? DeliverySteps = null,
    string? TurnaroundTarget = null,
    string? RevisionPolicy = null,
    decimal? PriceMin = null,
    decimal? PriceMax = null,
    string? Currency = null,
    IReadOnlyList<UpgradeOption>? UpgradeOptions = null);

/// <summary>PATCH /api/service-packages/{id} body: only the fields present change; lists are replaced whole.</summary>
public sealed record UpdateServicePackageRequest(
    string? Name = null,
    string? PromisedOutcome = null,
    string? ScopeIncluded = null,
    string? Exclusions = null,
    string? IdealClient = null,
    IReadOnlyList<string>? DeliverySteps = null,
    string? TurnaroundTarget = null,
    string? RevisionPolicy = null,
    decimal? PriceMin = null,
    decimal? PriceMax = null,
    string? Currency = null,
    IReadOnlyList<UpgradeOption>? UpgradeOptions = null);

/// <summary>PUT /api/leads/{id}/service-package body: null unlinks.</summary>
public sealed record LinkServicePackageRequest(int? ServicePackageId);

/// <summary>The package a lead is linked to (if any) and the packages it could be linked to.</summary>
public sealed record LeadPackageLink(int LeadId, ServicePackageSummary? Package, IReadOnlyList<ServicePackageSummary> Available);

/// <summary>The lead page's package card: the linked package (with its track record) and the packages to pick from.</summary>
public sealed record LeadPackageCard(int LeadId, ServicePackageSummary? Package, IReadOnlyList<PackageOption> Available);

public sealed record ServicePackageListQuery(bool IncludeArchived = false, string? Q = null, int? Page = null, int? PageSize = null);
