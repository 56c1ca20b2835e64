using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Import;

/// <summary>An import job as the page and GET /api/imports/{id} show it.</summary>
public sealed record ImportJobView(
    int Id,
    ImportKind Kind,
    ImportJobStatus Status,
    DuplicateMode DuplicateMode,
    string SourceName,
    int TotalRows,
    int ProcessedRows,
    int CreatedCount,
    int UpdatedCount,
    int SkippedCount,
    int ErrorCount,
    string? Message,
    DateTime CreatedAt,
    DateTime? StartedAt,
    DateTime? FinishedAt,
    string ActorName,
    IReadOnlyList<ImportRowError> Errors,
    int AccountsCreatedCount = 0,
    int AccountsUpdatedCount = 0,
    int TeamMembersCreatedCount = 0,
    int TeamMembersUpdatedCount = 0)
{
    public int PercentDone => TotalRows == 0 ? (Status == ImportJobStatus.Completed ? 100 : 0) : (int)(100L * ProcessedRows / TotalRows);
}

/// <summary>
/// One previewed row: what would be written, or why not. <c>values</c> holds the row's mapped cells as the file has
/// them (field → text), so a refused row shows the values that failed next to the reasons.
/// </summary>
public sealed record PreviewRow(
    int Row,
    string? ExternalId,
    string? Title,
    string? Company,
    LeadStatus? Status,
    decimal? EstimatedValue,
    IReadOnlyList<string> Errors,
    IReadOnlyDictionary<string, string?>? Values = null);

/// <summary>The stage step: every value of the stage column with its row count and the stage it maps to (null: not mapped).</summary>
public sealed record StageValueView(string Value, int Rows, LeadStatus? MappedTo);

/// <summary>The accounts file of the preview: header, mapping, counts, and the first rows refused with why.</summary>
public sealed record AccountsPreview(
    string FileName,
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<string> MappingErrors,
    int TotalRows,
    int InvalidRows,
    IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// The file's header, the mapping used (given, remembered for this header, or guessed — <c>mappingSource</c>), the
/// stage values and their mapping, the first rows mapped, counts over the whole file, and the accounts file if sent.
/// </summary>
public sealed record ImportPreview(
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<string> MappingErrors,
    IReadOnlyList<PreviewRow> Rows,
    int TotalRows,
    int InvalidRows,
    string MappingSource = "guessed",
    IReadOnlyList<StageValueView>? StageValues = null,
    IReadOnlyDictionary<string, LeadStatus>? StageMapping = null,
    AccountsPreview? Accounts = null);
