using OperatorConsole.Domain.Assets;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Assets;

/// <summary>A log entry as the API, the card and the library show it (with the project it came from).</summary>
public sealed record ReusableAssetView(
    int Id,
    int LeadId,
    string LeadTitle,
    string? Company,
    LeadStatus LeadStatus,
    bool Extracted,
    string? NotExtractedReason,
    AssetType? Type,
    string? Label,
    string? StoredAt,
    ReuseConfidence? ReuseConfidence,
    string? Notes,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string CreatedByName,
    string? UpdatedByName);

/// <summary>POST /api/leads/{id}/reusable-assets body. "extracted" is the first question and decides which fields apply.</summary>
public sealed record CreateReusableAssetRequest(
    bool? Extracted,
    string? NotExtractedReason = null,
    AssetType? Type = null,
    string? Label = null,
    string? StoredAt = null,
    ReuseConfidence? ReuseConfidence = null,
    string? Notes = null);

/// <summary>
/// PATCH /api/reusable-assets/{id} body: only the fields present change; the merged entry is validated as a
/// whole. Switching "extracted" clears the fields that no longer apply.
/// </summary>
public sealed record UpdateReusableAssetRequest(
    bool? Extracted = null,
    string? NotExtractedReason = null,
    AssetType? Type = null,
    string? Label = null,
    string? StoredAt = null,
    ReuseConfidence? ReuseConfidence = null,
    string? Notes = null);

public sealed record ReusableAssetQuery(
    AssetType? Type = null,
    ReuseConfidence? ReuseConfidence = null,
    string? Q = null,
    bool? Extracted = null,
    int? LeadId = null,
    int? Page = null,
    int? PageSize = null);
