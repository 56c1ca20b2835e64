using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Import;

public enum ImportKind
{
    /// <summary>A leads/deals CSV with a column mapping chosen by the operator.</summary>
    LeadsCsv,

    /// <summary>The Maven CRM sample pipeline (sales_pipeline.csv + products.csv) with the built-in mapping.</summary>
    MavenCrm,
}

public enum ImportJobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>What to do with a row whose lead already exists (same external id, else same company + title).</summary>
public enum DuplicateMode
{
    Skip,
    Update,
}

/// <summary>
/// One import, persisted so it runs in the background, survives the operator navigating away (and a restart:
/// queued and interrupted jobs are picked up again) and keeps its report of bad rows.
/// </summary>
public class ImportJob
{
    public int Id { get; set; }
    public ImportKind Kind { get; set; }
    public ImportJobStatus Status { get; set; } = ImportJobStatus.Queued;
    public DuplicateMode DuplicateMode { get; set; } = DuplicateMode.Skip;

    /// <summary>What the operator picked (file name or Maven folder), shown in the list.</summary>
    public required string SourceName { get; set; }

    /// <summary>Where the rows are read from: the stored upload, or the Maven folder.</summary>
    public required string SourcePath { get; set; }

    /// <summary>Column mapping (JSON: field → CSV column) for <see cref="ImportKind.LeadsCsv"/>.</summary>
    public string? MappingJson { get; set; }

    public int TotalRows { get; set; }
    public int ProcessedRows { get; set; }
    public int CreatedCount { get; set; }
    public int UpdatedCount { get; set; }
    public int SkippedCount { get; set; }
    public int ErrorCount { get; set; }

    /// <summary>JSON array of <see cref="ImportRowError"/> (the first <see cref="ImportRules.MaxReportedErrors"/>).</summary>
    public string? ErrorsJson { get; set; }

    /// <summary>Why the whole job failed (file unreadable…), never set for a bad row.</summary>
    public string? Message { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public ActorKind ActorKind { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
}

/// <summary>A row the import did not write, with the reason. Row numbers count the header as row 1, like a spreadsheet.</summary>
public sealed record ImportRowError(int Row, string? Key, string Message);

public static class ImportRules
{
    /// <summary>The report keeps this many row errors; the count is always exact.</summary>
    public const int MaxReportedErrors = 1000;

    /// <summary>Rows per SaveChanges: big enough to amortise the round trip, small enough for steady progress.</summary>
    public const int BatchSize = 500;
}
