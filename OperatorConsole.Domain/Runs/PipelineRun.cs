using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Runs;

public enum RunStatus
{
    Success,
    Partial,
    Fail,
}

/// <summary>An automated run (research, enrich, score, draft, knowledge-ingest…), for a lead or system-wide.</summary>
public class PipelineRun
{
    public int Id { get; set; }
    public int? LeadId { get; set; }
    public required string Kind { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }

    /// <summary>Computed from the steps by <see cref="RunStatusPolicy"/>; a client never sends it.</summary>
    public RunStatus Status { get; set; }

    /// <summary>The first failing step's error, kept on the run so the failures report needs no join.</summary>
    public string? Error { get; set; }
    public DateTime RecordedAt { get; set; }
    public ActorKind ActorKind { get; set; }
    public required string ActorId { get; set; }
    public required string ActorName { get; set; }
    public List<PipelineRunStep> Steps { get; set; } = [];
}

public class PipelineRunStep
{
    public int Id { get; set; }
    public int PipelineRunId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public bool Success { get; set; }
    public string? Error { get; set; }
    public int? DurationMs { get; set; }
}
