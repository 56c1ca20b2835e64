using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Domain.Settings;

/// <summary>
/// Operator-tunable thresholds, persisted in the database and edited in Settings. Defaults follow
/// PRODUCT.md (stale by touch 7 d, stale proposal 7 d, stuck proposal 5 d).
/// </summary>
public sealed record Thresholds
{
    public int StaleTouchDays { get; init; } = 7;

    /// <summary>Per-stage overrides of <see cref="StaleTouchDays"/>, e.g. Proposal 3, New 14.</summary>
    public Dictionary<LeadStatus, int> StaleTouchDaysByStage { get; init; } = [];
    public int StaleProposalDays { get; init; } = 7;
    public int StuckProposalDays { get; init; } = 5;

    /// <summary>How far back failed and partial runs are listed in Failures &amp; Interventions.</summary>
    public int FailedRunWindowDays { get; init; } = 7;
    public double LowConfidenceFloor { get; init; } = 0.6;
    public int ResultUnmeasuredDays { get; init; } = 30;
    public int ConstraintPeriodDays { get; init; } = 14;
    public int StuckInStageDays { get; init; } = 7;
    public bool RequireSecondOperator { get; init; }

    public int StaleTouchDaysFor(LeadStatus stage) =>
        StaleTouchDaysByStage.TryGetValue(stage, out var days) ? days : StaleTouchDays;

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Common.ValidationErrors()
            .Range("staleTouchDays", StaleTouchDays, 1, 365)
            .Range("staleProposalDays", StaleProposalDays, 1, 365)
            .Range("stuckProposalDays", StuckProposalDays, 1, 365)
            .Range("failedRunWindowDays", FailedRunWindowDays, 1, 365)
            // Checked as a double: a value like 1e308 does not fit a decimal, and must be a 422, not an overflow.
            .Range("lowConfidenceFloor", LowConfidenceFloor is >= 0 and <= 1 ? (decimal)LowConfidenceFloor : -1, 0, 1)
            .Range("resultUnmeasuredDays", ResultUnmeasuredDays, 1, 365)
            .Range("constraintPeriodDays", ConstraintPeriodDays, 1, 365)
            .Range("stuckInStageDays", StuckInStageDays, 1, 365);
        foreach (var (stage, days) in StaleTouchDaysByStage)
        {
            errors.Range($"staleTouchDaysByStage.{stage}", days, 1, 365);
        }

        return errors.ToDictionary();
    }
}
