using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Results;

/// <summary>Field rules for client-success edits and outcome entries, shared by the API and the UI forms.</summary>
public static class ClientSuccessRules
{
    public const int MetricMax = 200;
    public const int UnitMax = 40;
    public const int SourceMax = 500;
    public const int NoteMax = 2000;
    public const int TextMax = 4000;
    public const int InterventionMax = 1000;
    public const int MaxInterventions = 200;
    public const decimal ValueLimit = 1_000_000_000_000m;

    private static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// An outcome is a measurement with a source (axiom 4): value, when it was measured (not in the future)
    /// and where the number came from are all required.
    /// </summary>
    public static ValidationErrors ValidateOutcome(decimal? value, DateTime? measuredAt, string? source, string? note, DateTime now)
    {
        var errors = new ValidationErrors();
        if (value is null)
        {
            errors.Add("value", "'value' is required: the measured number.");
        }

        errors.Range("value", value, -ValueLimit, ValueLimit);
        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add("source", "'source' is required: say where the number comes from (a report, a dashboard, a proof artifact).");
        }

        errors.MaxLength("source", source, SourceMax).MaxLength("note", note, NoteMax);
        MeasuredTime(errors, "measuredAt", measuredAt, now, required: false);
        return errors;
    }

    /// <summary>
    /// A target is all-or-nothing: a metric name, a target value and a due date (unit optional). A baseline
    /// needs its value, when it was measured and its source. When both are given the target must be better
    /// than the baseline in the chosen direction, or progress could never be measured.
    /// </summary>
    public static ValidationErrors ValidateEdit(
        string? metricName,
        string? unit,
        decimal? targetValue,
        DateTime? dueDate,
        ResultDirection? direction,
        decimal? baselineValue,
        DateTime? baselineMeasuredAt,
        string? baselineSource,
        DateTime now)
    {
        var errors = new ValidationErrors();
        Target(errors, metricName, unit, targetValue, dueDate, direction);
        Baseline(errors, baselineValue, baselineMeasuredAt, baselineSource, now);
        if (targetValue is { } target && baselineValue is { } baseline)
        {
            var higherIsBetter = (direction ?? ResultDirection.HigherIsBetter) == ResultDirection.HigherIsBetter;
            if (higherIsBetter ? target <= baseline : target >= baseline)
            {
                errors.Add("target.targetValue", higherIsBetter
                    ? "Higher is better: the target must be above the baseline."
                    : "Lower is better: the target must be below the baseline.");
            }
        }

        return errors;
    }

    /// <summary>The target on its own: all of it or none of it (unit optional), each value in range.</summary>
    private static void Target(ValidationErrors errors, string? metricName, string? unit, decimal? targetValue, DateTime? dueDate, ResultDirection? direction)
    {
        var anyTarget = !string.IsNullOrWhiteSpace(metricName) || targetValue is not null || dueDate is not null || !string.IsNullOrWhiteSpace(unit);
        if (anyTarget)
        {
            errors.Required("target.metricName", metricName, MetricMax);
            if (targetValue is null)
            {
                errors.Add("target.targetValue", "'target.targetValue' is required when a target is set.");
            }

            if (dueDate is null)
            {
                errors.Add("target.dueDate", "'target.dueDate' is required when a target is set.");
            }
            else if (dueDate < Earliest)
            {
                errors.Add("target.dueDate", "'target.dueDate' is before 2000.");
            }
        }

        errors.MaxLength("target.unit", unit, UnitMax).Range("target.targetValue", targetValue, -ValueLimit, ValueLimit);
        errors.Defined("target.direction", direction);
    }

    /// <summary>The baseline on its own: a value, when it was measured and where it comes from, or none of them.</summary>
    private static void Baseline(ValidationErrors errors, decimal? baselineValue, DateTime? baselineMeasuredAt, string? baselineSource, DateTime now)
    {
        var anyBaseline = baselineValue is not null || baselineMeasuredAt is not null || !string.IsNullOrWhiteSpace(baselineSource);
        if (anyBaseline)
        {
            if (baselineValue is null)
            {
                errors.Add("baseline.value", "'baseline.value' is required when a baseline is recorded.");
            }

            if (baselineMeasuredAt is null)
            {
                errors.Add("baseline.measuredAt", "'baseline.measuredAt' is required when a baseline is recorded.");
            }

            if (string.IsNullOrWhiteSpace(baselineSource))
            {
                errors.Add("baseline.source", "'baseline.source' is required: say where the baseline number comes from.");
            }
        }

        errors.Range("baseline.value", baselineValue, -ValueLimit, ValueLimit).MaxLength("baseline.source", baselineSource, SourceMax);
        MeasuredTime(errors, "baseline.measuredAt", baselineMeasuredAt, now, required: false);
    }

    public static ValidationErrors ValidateIntervention(ValidationErrors errors, int index, string? whatWasDone, DateTime? doneAt, DateTime now)
    {
        var field = $"interventions[{index}]";
        errors.Required($"{field}.whatWasDone", whatWasDone, InterventionMax);
        MeasuredTime(errors, $"{field}.doneAt", doneAt, now, required: true);
        return errors;
    }

    private static void MeasuredTime(ValidationErrors errors, string field, DateTime? at, DateTime now, bool required)
    {
        if (at is null)
        {
            if (required)
            {
                errors.Add(field, $"'{field}' is required.");
            }

            return;
        }

        var utc = at.Value.ToUniversalTime();
        if (utc > now.AddMinutes(5))
        {
            errors.Add(field, $"'{field}' cannot be in the future.");
        }

        if (utc < Earliest)
        {
            errors.Add(field, $"'{field}' is before 2000; send the real time.");
        }
    }
}
