using OperatorConsole.Domain.Results;

namespace OperatorConsole.Tests.Domain.Results;

public sealed class ResultsLedgerTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private static Measurement At(decimal value, double daysAgo, long order = 0) => new(value, Now.AddDays(-daysAgo), order);

    private static ResultTarget Target(decimal value, double dueInDays, ResultDirection direction = ResultDirection.HigherIsBetter, double? setDaysAgo = null) =>
        new("Bookings per week", "bookings", value, Now.AddDays(dueInDays), direction, setDaysAgo is { } d ? Now.AddDays(-d) : null);

    [Fact]
    public void Delta_WithNeitherBaselineNorOutcome_SaysNoMeasurementYet()
    {
        var delta = ResultsLedger.Delta(null, null);

        delta.State.Should().Be(DeltaState.NoMeasurement);
        delta.Absolute.Should().BeNull();
        delta.Percent.Should().BeNull();
        delta.Note.Should().Contain("No measurement yet");
    }

    [Fact]
    public void Delta_WithBaselineButNoOutcome_HasNoNumberAndSaysCurrentIsUnknown()
    {
        var delta = ResultsLedger.Delta(At(10, 30), null);

        delta.State.Should().Be(DeltaState.NoOutcome);
        delta.Absolute.Should().BeNull();
        delta.Percent.Should().BeNull();
        delta.Note.Should().Contain("No outcome measured yet");
    }

    [Fact]
    public void Delta_WithOutcomeButNoBaseline_HasNoNumberAndSaysSo()
    {
        var delta = ResultsLedger.Delta(null, At(12, 1));

        delta.State.Should().Be(DeltaState.NoBaseline);
        delta.Absolute.Should().BeNull();
        delta.Percent.Should().BeNull();
        delta.Note.Should().Contain("No baseline");
    }

    [Fact]
    public void Delta_WithZeroBaseline_GivesAbsoluteButPercentIsUndefined()
    {
        var delta = ResultsLedger.Delta(At(0, 30), At(24, 1));

        delta.State.Should().Be(DeltaState.PercentUndefined);
        delta.Absolute.Should().Be(24);
        delta.Percent.Should().BeNull();
        delta.Note.Should().Contain("% undefined");
        delta.Movement.Should().Be(DeltaMovement.Better);
    }

    [Fact]
    public void Delta_Increase_IsAbsoluteAndPercentOfBaseline()
    {
        var delta = ResultsLedger.Delta(At(120, 30), At(150, 1));

        delta.State.Should().Be(DeltaState.Computed);
        delta.Absolute.Should().Be(30);
        delta.Percent.Should().Be(25m);
        delta.Movement.Should().Be(DeltaMovement.Better);
    }

    [Fact]
    public void Delta_Negative_IsNegativeAndWorseWhenHigherIsBetter()
    {
        var delta = ResultsLedger.Delta(At(40, 30), At(30, 1));

        delta.Absolute.Should().Be(-10);
        delta.Percent.Should().Be(-25m);
        delta.Movement.Should().Be(DeltaMovement.Worse);
    }

    [Fact]
    public void Delta_Negative_IsBetterWhenLowerIsBetter()
    {
        var delta = ResultsLedger.Delta(At(14, 30), At(7, 1), ResultDirection.LowerIsBetter);

        delta.Absolute.Should().Be(-7);
        delta.Percent.Should().Be(-50m);
        delta.Movement.Should().Be(DeltaMovement.Better);
    }

    [Fact]
    public void Delta_OfNegativeBaseline_UsesItsMagnitudeForThePercentage()
    {
        // Margin from -20 to -10 is an improvement of half the baseline's size, not "-50%".
        var delta = ResultsLedger.Delta(At(-20, 30), At(-10, 1));

        delta.Absolute.Should().Be(10);
        delta.Percent.Should().Be(50m);
    }

    [Fact]
    public void Delta_Unchanged_IsZeroAndUnchanged()
    {
        var delta = ResultsLedger.Delta(At(5, 30), At(5, 1));

        delta.Absolute.Should().Be(0);
        delta.Percent.Should().Be(0);
        delta.Movement.Should().Be(DeltaMovement.Unchanged);
    }

    [Fact]
    public void Delta_Percent_IsRoundedToTwoDecimals()
    {
        ResultsLedger.Delta(At(3, 30), At(4, 1)).Percent.Should().Be(33.33m);
    }

    [Fact]
    public void Current_IsTheNewestByMeasuredAt_NotTheLastRecorded()
    {
        // Recorded out of order: a back-filled older measurement must not become current.
        var outcomes = new[] { At(9, 2, order: 1), At(5, 10, order: 2) };

        ResultsLedger.Current(outcomes)!.Value.Should().Be(9);
    }

    [Fact]
    public void Current_WithEqualTimes_IsTheLaterRecorded()
    {
        var outcomes = new[] { At(9, 2, order: 1), At(11, 2, order: 2) };

        ResultsLedger.Current(outcomes)!.Value.Should().Be(11);
    }

    [Fact]
    public void Current_WithEqualTimesAndOrder_IsTheFirstGiven()
    {
        // What the sort it replaced gave (a stable sort keeps the given order among equals).
        var outcomes = new[] { At(9, 2, order: 3), At(11, 2, order: 3), At(7, 5, order: 4) };

        ResultsLedger.Current(outcomes)!.Value.Should().Be(9);
    }

    [Fact]
    public void Current_WithNoOutcomes_IsNull()
    {
        ResultsLedger.Current([]).Should().BeNull();
    }

    [Fact]
    public void Compute_WithoutTarget_IsNoTargetAndFlaggedSo()
    {
        var snapshot = ResultsLedger.Compute(null, At(3, 10), [At(5, 1)], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.NoTarget);
        snapshot.Flags.Should().Equal(ResultFlag.NoTarget);
        snapshot.Delta.Absolute.Should().Be(2);
    }

    [Fact]
    public void Compute_AheadOfTheCalendar_IsOnTrack()
    {
        // Half the time used, 60% of the way from 100 to 200.
        var snapshot = ResultsLedger.Compute(Target(200, 30), At(100, 30), [At(160, 1)], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.OnTrack);
        snapshot.Progress.Should().Be(0.6m);
        snapshot.ExpectedProgress.Should().Be(0.5m);
        snapshot.Flags.Should().BeEmpty();
    }

    [Fact]
    public void Compute_BehindTheCalendar_IsOffTrack()
    {
        // 80% of the time used, 20% of the way.
        var snapshot = ResultsLedger.Compute(Target(200, 10), At(100, 40), [At(120, 1)], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.OffTrack);
        snapshot.Flags.Should().Contain(ResultFlag.OffTrack);
        snapshot.TrackNote.Should().Be("20% of the way with 80% of the time used.");
    }

    [Fact]
    public void Compute_SlightlyBehind_WithinTolerance_IsStillOnTrack()
    {
        // 50% of the time used, 45% of the way: within the 10-point tolerance.
        var snapshot = ResultsLedger.Compute(Target(200, 30), At(100, 30), [At(145, 1)], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.OnTrack);
    }

    [Fact]
    public void Compute_LowerIsBetter_ReadsProgressDownwards()
    {
        // 14 → 6 minutes; now 8: 75% of the way with 50% of the time used.
        var onTrack = ResultsLedger.Compute(Target(6, 30, ResultDirection.LowerIsBetter), At(14, 30), [At(8, 1)], Now, 30);
        // Moving up when lower is better is negative progress.
        var offTrack = ResultsLedger.Compute(Target(6, 30, ResultDirection.LowerIsBetter), At(14, 30), [At(15, 1)], Now, 30);

        onTrack.Track.Should().Be(ResultTrack.OnTrack);
        onTrack.Progress.Should().Be(0.75m);
        offTrack.Track.Should().Be(ResultTrack.OffTrack);
        offTrack.Progress.Should().BeNegative();
        offTrack.Delta.Movement.Should().Be(DeltaMovement.Worse);
    }

    [Fact]
    public void Compute_TargetReached_IsTargetMetEvenPastDue()
    {
        var snapshot = ResultsLedger.Compute(Target(20, -10), At(0, 90), [At(24, 6)], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.TargetMet);
        snapshot.Flags.Should().BeEmpty();
        snapshot.Delta.State.Should().Be(DeltaState.PercentUndefined);
    }

    [Fact]
    public void Compute_PastDueWithoutReachingTarget_IsOffTrack()
    {
        var snapshot = ResultsLedger.Compute(Target(200, -1), At(100, 40), [At(190, 2)], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.OffTrack);
        snapshot.TrackNote.Should().Contain("due date passed");
    }

    [Fact]
    public void Compute_WithTargetAndBaselineButNoOutcome_AwaitsMeasurementWithNoDelta()
    {
        var snapshot = ResultsLedger.Compute(Target(5, 50), At(3, 12), [], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.AwaitingMeasurement);
        snapshot.Current.Should().BeNull();
        snapshot.Delta.State.Should().Be(DeltaState.NoOutcome);
        snapshot.LastMeasuredAt.Should().Be(Now.AddDays(-12));
        snapshot.IsUnmeasured.Should().BeFalse();
    }

    [Fact]
    public void Compute_WithOutcomeButNoBaseline_CannotJudgeProgress()
    {
        var snapshot = ResultsLedger.Compute(Target(5, 50, ResultDirection.HigherIsBetter, setDaysAgo: 5), null, [At(3, 1)], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.AwaitingBaseline);
        snapshot.Progress.Should().BeNull();
        snapshot.Delta.State.Should().Be(DeltaState.NoBaseline);
    }

    [Fact]
    public void Compute_LastMeasuredNDaysAgo_IsUnmeasured_AndOneDayLessIsNot()
    {
        var stale = ResultsLedger.Compute(Target(300, 60), At(120, 80), [At(240, 30)], Now, 30);
        var fresh = ResultsLedger.Compute(Target(300, 60), At(120, 80), [At(240, 29)], Now, 30);

        stale.IsUnmeasured.Should().BeTrue();
        stale.DaysSinceMeasured.Should().Be(30);
        stale.Flags.Should().Contain(ResultFlag.Unmeasured);
        fresh.IsUnmeasured.Should().BeFalse();
        fresh.Flags.Should().NotContain(ResultFlag.Unmeasured);
    }

    [Fact]
    public void Compute_NothingMeasured_CountsFromWhenTheTargetWasSet()
    {
        var recent = ResultsLedger.Compute(Target(3, 90, ResultDirection.LowerIsBetter, setDaysAgo: 3), null, [], Now, 30);
        var old = ResultsLedger.Compute(Target(3, 90, ResultDirection.LowerIsBetter, setDaysAgo: 45), null, [], Now, 30);

        recent.IsUnmeasured.Should().BeFalse();
        recent.Delta.State.Should().Be(DeltaState.NoMeasurement);
        old.IsUnmeasured.Should().BeTrue();
        old.DaysSinceMeasured.Should().Be(45);
    }

    [Fact]
    public void Compute_TargetNotBetterThanBaseline_IsOffTrackWithAnExplanation()
    {
        var snapshot = ResultsLedger.Compute(Target(8, 30), At(10, 30), [At(7, 1)], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.OffTrack);
        snapshot.TrackNote.Should().Contain("no better than the baseline");
    }

    [Fact]
    public void Compute_TargetTypedInLate_DoesNotResetTheCalendar()
    {
        // Baseline 60 days ago, target entered today, due in 5 days, 5% of the way: off track.
        var snapshot = ResultsLedger.Compute(Target(200, 5, ResultDirection.HigherIsBetter, setDaysAgo: 0), At(100, 60), [At(105, 1)], Now, 30);

        snapshot.Track.Should().Be(ResultTrack.OffTrack);
        snapshot.ExpectedProgress.Should().BeGreaterThan(0.9m);
    }
}
