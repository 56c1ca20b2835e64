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
    IReadOnlyList<ImportRowError> Errors)
{
    public int PercentDone => TotalRows == 0 ? (Status == ImportJobStatus.Completed ? 100 : 0) : (int)(100L * ProcessedRows / TotalRows);
}

/// <summary>One previewed row: what would be written, or why not.</summary>
public sealed record PreviewRow(int Row, string? ExternalId, string? Title, string? Company, LeadStatus? Status, decimal? EstimatedValue, IReadOnlyList<string> Errors);

/// <summary>The file's header, the guessed (or given) mapping, the first rows mapped, and counts over the whole file.</summary>
public sealed record ImportPreview(
    IReadOnlyList<string> Headers,
    IReadOnlyDictionary<string, string> Mapping,
    IReadOnlyList<string> MappingErrors,
    IReadOnlyList<PreviewRow> Rows,
    int TotalRows,
    int InvalidRows);
