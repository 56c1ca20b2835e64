namespace OperatorConsole.Domain.Results;

/// <summary>The result a client is promised: a metric, its target value, a due date and which way is better.</summary>
public sealed record ResultTarget(
    string MetricName,
    string? Unit,
    decimal TargetValue,
    DateTime DueDate,
    ResultDirection Direction,
    DateTime? SetAt = null);

/// <summary>A measured value at a time (the baseline or an outcome entry). Order breaks ties of equal times (the id).</summary>
public sealed record Measurement(decimal Value, DateTime MeasuredAt, long Order = 0);

/// <summary>Why a delta is or is not a number. Anything but Computed is said out loud on screen.</summary>
public enum DeltaState
{
    /// <summary>Neither a baseline nor an outcome: nothing has been measured.</summary>
    NoMeasurement,

    /// <summary>A baseline but no outcome: current is unknown.</summary>
    NoOutcome,

    /// <summary>Outcomes but no baseline: there is nothing to compare against.</summary>
    NoBaseline,

    /// <summary>The absolute delta is known; a percentage of a zero baseline is undefined.</summary>
    PercentUndefined,

    Computed,
}

/// <summary>Which way current moved from the baseline, read with the target's direction.</summary>
public enum DeltaMovement
{
    Better,
    Worse,
    Unchanged,
}

public sealed record ResultDelta(DeltaState State, decimal? Absolute, decimal? Percent, DeltaMovement? Movement, string Note);

/// <summary>Where a client's result stands against its target and the calendar.</summary>
public enum ResultTrack
{
    NoTarget,
    AwaitingMeasurement,
    AwaitingBaseline,
    OnTrack,
    TargetMet,
    OffTrack,
}

/// <summary>Flags that put a client on the Failures &amp; Interventions list.</summary>
public enum ResultFlag
{
    NoTarget,
    OffTrack,
    Unmeasured,
}

public sealed record LedgerSnapshot(
    Measurement? Baseline,
    Measurement? Current,
    ResultDelta Delta,
    ResultTrack Track,
    string TrackNote,
    decimal? Progress,
    decimal? ExpectedProgress,
    DateTime? LastMeasuredAt,
    int? DaysSinceMeasured,
    bool IsUnmeasured,
    IReadOnlyList<ResultFlag> Flags)
{
    public bool IsOffTrack => Track == ResultTrack.OffTrack;
}

/// <summary>
/// The Results Ledger arithmetic, pure so every edge is unit-tested. Current is the newest outcome by
/// measuredAt; the delta is computed from the baseline and current and never typed; where a number
/// cannot be computed the snapshot says why instead of inventing one.
/// </summary>
public static class ResultsLedger
{
    /// <summary>
    /// How far progress may lag the calendar and still count as on track (10 percentage points): a
    /// result measured weekly is always a little behind a straight line, and flagging every wobble
    /// would train people to ignore the flag.
    /// </summary>
    public const decimal OnTrackTolerance = 0.10m;

    /// <summary>
    /// The newest outcome by measuredAt, the later recorded on equal times; one pass, because the failures report asks
    /// this for every client on each recomputation and a sort allocated four objects per client to find one row.
    /// </summary>
    public static Measurement? Current(IEnumerable<Measurement> outcomes) => outcomes.MaxBy(o => (o.MeasuredAt, o.Order));

    public static ResultDelta Delta(Measurement? baseline, Measurement? current, ResultDirection direction = ResultDirection.HigherIsBetter)
    {
        if (baseline is null && current is null)
        {
            return new ResultDelta(DeltaState.NoMeasurement, null, null, null, "No measurement yet: record a baseline and an outcome.");
        }

        if (current is null)
        {
            return new ResultDelta(DeltaState.NoOutcome, null, null, null, "No outcome measured yet: current is unknown, so there is no delta.");
        }

        if (baseline is null)
        {
            return new ResultDelta(DeltaState.NoBaseline, null, null, null, "No baseline: the delta cannot be computed until one is recorded.");
        }

        var absolute = current.Value - baseline.Value;
        var movement = Move(absolute, direction);
        if (baseline.Value == 0)
        {
            return new ResultDelta(DeltaState.PercentUndefined, absolute, null, movement, "% undefined: the baseline is 0.");
        }

        var percent = Math.Round(absolute / Math.Abs(baseline.Value) * 100m, 2, MidpointRounding.AwayFromZero);
        return new ResultDelta(DeltaState.Computed, absolute, percent, movement, "");
    }

    private static DeltaMovement Move(decimal absolute, ResultDirection direction) => absolute switch
    {
        0 => DeltaMovement.Unchanged,
        > 0 => direction == ResultDirection.HigherIsBetter ? DeltaMovement.Better : DeltaMovement.Worse,
        _ => direction == ResultDirection.LowerIsBetter ? DeltaMovement.Better : DeltaMovement.Worse,
    };

    /// <summary>True when <paramref name="value"/> reaches the target in the target's direction.</summary>
    public static bool Meets(ResultTarget target, decimal value) =>
        target.Direction == ResultDirection.HigherIsBetter ? value >= target.TargetValue : value <= target.TargetValue;

    public static LedgerSnapshot Compute(
        ResultTarget? target,
        Measurement? baseline,
        IEnumerable<Measurement> outcomes,
        DateTime now,
        int unmeasuredDays)
    {
        var current = Current(outcomes);
        var delta = Delta(baseline, current, target?.Direction ?? ResultDirection.HigherIsBetter);
        var lastMeasuredAt = Max(current?.MeasuredAt, baseline?.MeasuredAt);

        if (target is null)
        {
            var noTargetDays = lastMeasuredAt is { } at ? DaysBetween(at, now) : (int?)null;
            return new LedgerSnapshot(baseline, current, delta, ResultTrack.NoTarget, "No result target set.", null, null,
                lastMeasuredAt, noTargetDays, false, [ResultFlag.NoTarget]);
        }

        // Unmeasured: counted from the newest measurement, or from when the target was set if nothing was measured.
        var measuredSince = lastMeasuredAt ?? target.SetAt;
        int? daysSince = measuredSince is { } since ? DaysBetween(since, now) : null;
        var unmeasured = daysSince is null || daysSince >= unmeasuredDays;

        var (track, note, progress, expected) = Judge(target, baseline, current, now);
        var flags = new List<ResultFlag>();
        if (track == ResultTrack.OffTrack)
        {
            flags.Add(ResultFlag.OffTrack);
        }

        if (unmeasured)
        {
            flags.Add(ResultFlag.Unmeasured);
        }

        return new LedgerSnapshot(baseline, current, delta, track, note, progress, expected, lastMeasuredAt, daysSince, unmeasured, flags);
    }

    private static (ResultTrack Track, string Note, decimal? Progress, decimal? Expected) Judge(
        ResultTarget target, Measurement? baseline, Measurement? current, DateTime now)
    {
        var pastDue = now >= target.DueDate;
        if (current is null)
        {
            return pastDue
                ? (ResultTrack.OffTrack, "The due date passed with no outcome measured.", null, null)
                : (ResultTrack.AwaitingMeasurement, "No outcome measured yet.", null, null);
        }

        if (Meets(target, current.Value))
        {
            return (ResultTrack.TargetMet, "Target met.", ProgressOf(target, baseline, current), 1m);
        }

        if (pastDue)
        {
            return (ResultTrack.OffTrack, "The due date passed without reaching the target.", ProgressOf(target, baseline, current), 1m);
        }

        if (baseline is null)
        {
            return (ResultTrack.AwaitingBaseline, "No baseline: progress toward the target cannot be judged.", null, null);
        }

        var progress = ProgressOf(target, baseline, current);
        if (progress is null)
        {
            return (ResultTrack.OffTrack, "The target is no better than the baseline; check the target and its direction.", null, null);
        }

        // Time used runs from the baseline to the due date: progress is measured from the baseline, so the
        // calendar is too (a target typed in later for an engagement already under way must not reset the clock).
        var start = baseline.MeasuredAt;
        var expected = start >= target.DueDate
            ? 1m
            : Math.Clamp((decimal)((now - start).TotalSeconds / (target.DueDate - start).TotalSeconds), 0m, 1m);
        var onTrack = progress.Value >= expected - OnTrackTolerance;
        var note = $"{Percent(progress.Value)} of the way with {Percent(expected)} of the time used.";
        return (onTrack ? ResultTrack.OnTrack : ResultTrack.OffTrack, note, progress, Math.Round(expected, 4));
    }

    /// <summary>Share of the way from baseline to target (0 = at baseline, 1 = at target, negative = worse).</summary>
    public static decimal? ProgressOf(ResultTarget target, Measurement? baseline, Measurement current)
    {
        if (baseline is null)
        {
            return null;
        }

        var sign = target.Direction == ResultDirection.HigherIsBetter ? 1 : -1;
        var needed = sign * (target.TargetValue - baseline.Value);
        if (needed <= 0)
        {
            return null;
        }

        return Math.Round(sign * (current.Value - baseline.Value) / needed, 4);
    }

    private static string Percent(decimal fraction) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Math.Round(fraction * 100m, 0, MidpointRounding.AwayFromZero):0}%");

    private static int DaysBetween(DateTime from, DateTime to) => Math.Max(0, (int)Math.Floor((to - from).TotalDays));

    private static DateTime? Max(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
