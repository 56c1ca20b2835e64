using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Runs;

public sealed record RecordRunStep(string? Name, bool? Success, string? Error = null, int? DurationMs = null);

/// <summary>POST /api/pipeline-runs body. The status is computed from the steps, never sent.</summary>
public sealed record RecordRunRequest(
    int? LeadId, string? Kind, DateTime? StartedAt, DateTime? FinishedAt = null, IReadOnlyList<RecordRunStep>? Steps = null);

public sealed record RunStepView(int Position, string Name, bool Success, string? Error, int? DurationMs);

public sealed record RunView(
    int Id,
    int? LeadId,
    string? LeadTitle,
    string Kind,
    RunStatus Status,
    string? Error,
    DateTime StartedAt,
    DateTime? FinishedAt,
    DateTime RecordedAt,
    string RecordedBy,
    IReadOnlyList<RunStepView> Steps);

public sealed record RunListQuery(int? LeadId = null, RunStatus? Status = null, string? Kind = null, int? Page = null, int? PageSize = null);
