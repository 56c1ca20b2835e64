using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Results;

/// <summary>Which way a metric should move for the client to be better off.</summary>
public enum ResultDirection
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>
/// The client-success record of one lead (at most one per lead): the result target, the baseline it is
/// measured against, and what the team learned. Current and delta are never stored: they are computed
/// from the outcome entries by <see cref="ResultsLedger"/>.
/// </summary>
public class ClientSuccess
{
    public int Id { get; set; }
    public int LeadId { get; set; }

    // Result target. All null means "no target yet" (which is itself an intervention for a client).
    public string? MetricName { get; set; }
    public string? Unit { get; set; }
    public decimal? TargetValue { get; set; }
    public DateTime? DueDate { get; set; }
    public ResultDirection Direction { get; set; } = ResultDirection.HigherIsBetter;

    /// <summary>When the target was first set: "unmeasured for N days" counts from here while nothing has been measured.</summary>
    public DateTime? TargetSetAt { get; set; }

    // Baseline: the value before the work, with when and where it was measured.
    public decimal? BaselineValue { get; set; }
    public DateTime? BaselineMeasuredAt { get; set; }
    public string? BaselineSource { get; set; }

    public string? Risks { get; set; }
    public string? ClientFeedback { get; set; }
    public string? WhatWorked { get; set; }
    public string? WhatFailed { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string UpdatedByName { get; set; }

    public bool HasTarget => MetricName is not null && TargetValue is not null && DueDate is not null;
}

/// <summary>
/// One measurement of the target metric (axiom 4: a result is a measurement with a source). Recorded by a
/// person or by a machine holding the outcomes:write scope; never edited afterwards, only added.
/// </summary>
public class OutcomeEntry
{
    public int Id { get; set; }
    public int LeadId { get; set; }
    public decimal Value { get; set; }
    public DateTime MeasuredAt { get; set; }
    public required string Source { get; set; }
    public string? Note { get; set; }
    public DateTime RecordedAt { get; set; }
    public ActorKind RecordedByKind { get; set; }
    public required string RecordedById { get; set; }
    public required string RecordedByName { get; set; }
}

/// <summary>Something the team did to move the result (a fix, a training session, a new automation), and when.</summary>
public class ClientIntervention
{
    public int Id { get; set; }
    public int LeadId { get; set; }
    public required string WhatWasDone { get; set; }
    public DateTime DoneAt { get; set; }
    public DateTime RecordedAt { get; set; }
    public required string RecordedByName { get; set; }
}
