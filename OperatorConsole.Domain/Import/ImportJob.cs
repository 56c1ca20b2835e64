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

    /// <summary>
    /// What the operator chose for <see cref="ImportKind.LeadsCsv"/>, as JSON: a <see cref="LeadCsvImportSpec"/>
    /// (columns, stage values, accounts columns); jobs queued before stage mapping hold a plain field → column object.
    /// </summary>
    public string? MappingJson { get; set; }

    /// <summary>The stored accounts file imported before the deals (optional), or null.</summary>
    public string? AccountsPath { get; set; }

    public int AccountsCreatedCount { get; set; }
    public int AccountsUpdatedCount { get; set; }

    /// <summary>The deal owners' teams read with the deals (Maven's sales_teams.csv): members added and changed.</summary>
    public int TeamMembersCreatedCount { get; set; }
    public int TeamMembersUpdatedCount { get; set; }

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

/// <summary>
/// A mapping remembered for the next file with the same header (<see cref="HeaderKey"/>): the operator maps a CRM's
/// export once, and its next export previews with the same columns and stage values.
/// </summary>
public class ImportMappingMemory
{
    public int Id { get; set; }

    /// <summary><see cref="LeadCsvMapping.HeaderKey"/> of the deals file's header.</summary>
    public required string HeaderKey { get; set; }

    /// <summary>The header as read, for people looking at the table.</summary>
    public required string Header { get; set; }

    /// <summary>JSON <see cref="LeadCsvImportSpec"/> without the accounts part (that belongs to another file).</summary>
    public required string SpecJson { get; set; }

    public DateTime UpdatedAt { get; set; }
    public required string UpdatedByName { get; set; }
}
