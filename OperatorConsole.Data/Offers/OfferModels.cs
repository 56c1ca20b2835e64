using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Offers;

/// <summary>A lead's rung on the offer ladder and the reasoning behind it.</summary>
public sealed record LeadOfferView(
    int LeadId,
    OfferType? OfferType,
    string? WhyChosen,
    string? UpgradePath,
    int? RepeatabilityScore,
    DateTime? UpdatedAt,
    string? UpdatedByName);

/// <summary>PUT /api/leads/{id}/offer body.</summary>
public sealed record SetLeadOfferRequest(
    OfferType? OfferType,
    string? WhyChosen = null,
    string? UpgradePath = null,
    int? RepeatabilityScore = null);

/// <summary>GET /api/offers/performance: revenue and win rate per offer type.</summary>
public sealed record OfferPerformanceReport(DateTime GeneratedAt, IReadOnlyList<Domain.Offers.OfferPerformanceRow> Rows);
