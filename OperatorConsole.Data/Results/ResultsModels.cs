using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Data.Results;

/// <summary>GET /api/leads/{id}/client-success: the record, its outcomes and proof, and the computed ledger.</summary>
public sealed record ClientSuccessView(
    int LeadId,
    string LeadTitle,
    string? Company,
    LeadStatus LeadStatus,
    TargetView? Target,
    BaselineView? Baseline,
    OutcomeView? Current,
    DeltaView Delta,
    ResultTrack Track,
    string TrackNote,
    decimal? Progress,
    decimal? ExpectedProgress,
    DateTime? LastMeasuredAt,
    int? DaysSinceMeasured,
    IReadOnlyList<ResultFlag> Flags,
    IReadOnlyList<OutcomeView> Outcomes,
    IReadOnlyList<InterventionView> Interventions,
    string? Risks,
    string? ClientFeedback,
    string? WhatWorked,
    string? WhatFailed,
    IReadOnlyList<ProofArtifactView> ProofArtifacts,
    DateTime? UpdatedAt,
    string? UpdatedBy);

public sealed record TargetView(string MetricName, string? Unit, decimal TargetValue, DateTime DueDate, ResultDirection Direction, DateTime? SetAt);

public sealed record BaselineView(decimal Value, DateTime MeasuredAt, string? Source);

public sealed record OutcomeView(int Id, int LeadId, decimal Value, DateTime MeasuredAt, string Source, string? Note, DateTime RecordedAt, string RecordedBy);

/// <summary>The computed delta; <c>note</c> says why a number is missing ("no measurement yet", "% undefined…").</summary>
public sealed record DeltaView(DeltaState State, decimal? Absolute, decimal? Percent, DeltaMovement? Movement, string Note);

public sealed record InterventionView(int Id, string WhatWasDone, DateTime DoneAt, string RecordedBy);

public sealed record ProofArtifactView(
    int Id,
    int? LeadId,
    string Title,
    string? Url,
    string? FileName,
    string? ContentType,
    long? SizeBytes,
    string? Sha256,
    string? DownloadUrl,
    DateTime CreatedAt,
    string CreatedBy);

/// <summary>PUT /api/leads/{id}/client-success body. Target and baseline are replaced (null clears them); interventions, when present, replace the list.</summary>
public sealed record UpdateClientSuccessRequest(
    TargetInput? Target = null,
    BaselineInput? Baseline = null,
    string? Risks = null,
    string? ClientFeedback = null,
    string? WhatWorked = null,
    string? WhatFailed = null,
    IReadOnlyList<InterventionInput>? Interventions = null);

public sealed record TargetInput(string? MetricName, string? Unit, decimal? TargetValue, DateTime? DueDate, ResultDirection? Direction = null);

public sealed record BaselineInput(decimal? Value, DateTime? MeasuredAt, string? Source);

/// <summary>An intervention in a PUT: with an id it edits that one, without it adds a new one.</summary>
public sealed record InterventionInput(int? Id, string? WhatWasDone, DateTime? DoneAt);

/// <summary>POST /api/leads/{id}/outcomes body: a measurement with its source (required).</summary>
public sealed record RecordOutcomeRequest(decimal? Value, string? Source, DateTime? MeasuredAt = null, string? Note = null);

/// <summary>POST /api/leads/{id}/proof-artifacts as JSON: a link to proof kept elsewhere.</summary>
public sealed record AddProofLinkRequest(string? Url, string? Title = null);

/// <summary>
/// One row of GET /api/clients and the /clients page. <see cref="StatusImported"/>: the deal's stage came from an
/// imported file (a CRM's past sale); its flags are kept, but it is not asked for a result target (ADR 221).
/// </summary>
public sealed record ClientRow(
    int LeadId,
    string Title,
    string? Company,
    LeadStatus Status,
    string? MetricName,
    string? Unit,
    ResultDirection? Direction,
    decimal? TargetValue,
    DateTime? DueDate,
    decimal? BaselineValue,
    decimal? CurrentValue,
    DeltaView Delta,
    DateTime? LastMeasuredAt,
    int? DaysSinceMeasured,
    ResultTrack Track,
    string TrackNote,
    IReadOnlyList<ResultFlag> Flags,
    DateTime CreatedAt,
    DateTime StatusChangedAt,
    bool StatusImported = false);

/// <summary>The clients list's filters. <see cref="Imported"/>: true keeps the imported wins, false the agency's own deals (ADR 221).</summary>
public sealed record ClientListQuery(
    LeadStatus? Status = null,
    ResultFlag? Flag = null,
    string? Q = null,
    string? Sort = null,
    int? Page = null,
    int? PageSize = null,
    bool? Imported = null);
