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

    /// <summary>Open-deal stages whose stale nudge is turned off (a stage the agency does not chase).</summary>
    public List<LeadStatus> StaleTouchOffStages { get; init; } = [];

    /// <summary>Notices turned off per stage or offer type (e.g. "no result target" for Fast-cash DFY clients).</summary>
    public List<NoticeRule> NoticesOff { get; init; } = [];
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

    /// <summary>Whether the stale nudge watches this stage: open deals only, and only the stages not turned off.</summary>
    public bool StaleTouchWatches(LeadStatus stage) => stage.IsOpenDeal() && !StaleTouchOffStages.Contains(stage);

    /// <summary>Whether a notice of this kind is turned off for a lead in this stage with this offer type.</summary>
    public bool NoticeOff(string kind, LeadStatus? stage, OfferType? offerType) =>
        NoticesOff.Any(r => r.Covers(kind, stage, offerType));

    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Common.ValidationErrors()
            .Range("staleTouchDays", StaleTouchDays, 1, 365)
            .Range("staleProposalDays", StaleProposalDays, 1, 365)
            .Range("stuckProposalDays", StuckProposalDays, 1, 365)
            .Range("failedRunWindowDays", FailedRunWindowDays, 1, 365)
            .Range("lowConfidenceFloor", (decimal)LowConfidenceFloor, 0, 1)
            .Range("resultUnmeasuredDays", ResultUnmeasuredDays, 1, 365)
            .Range("constraintPeriodDays", ConstraintPeriodDays, 1, 365)
            .Range("stuckInStageDays", StuckInStageDays, 1, 365);
        foreach (var (stage, days) in StaleTouchDaysByStage)
        {
            errors.Range($"staleTouchDaysByStage.{stage}", days, 1, 365);
        }

        foreach (var stage in StaleTouchOffStages.Where(s => !s.IsOpenDeal()))
        {
            errors.Add("staleTouchOffStages", $"{stage} is not an open deal stage; only New, Qualified and Proposal can go stale.");
        }

        for (var i = 0; i < NoticesOff.Count; i++)
        {
            NoticesOff[i].Validate(errors, $"noticesOff[{i}]");
        }

        return errors.ToDictionary();
    }
}

/// <summary>
/// Turns a class of notice off: <see cref="Kind"/> for leads in <see cref="Stage"/> and/or with
/// <see cref="OfferType"/>; a rule with neither turns the kind off everywhere.
/// </summary>
public sealed record NoticeRule(string Kind, LeadStatus? Stage = null, OfferType? OfferType = null)
{
    public bool Covers(string kind, LeadStatus? stage, OfferType? offerType) =>
        string.Equals(Kind, kind, StringComparison.Ordinal)
        && (Stage is null || Stage == stage)
        && (OfferType is null || OfferType == offerType);

    internal void Validate(Common.ValidationErrors errors, string field)
    {
        if (!NoticeKinds.Switchable.ContainsKey(Kind ?? ""))
        {
            errors.Add(field + ".kind", $"'{Kind}' is not a notice that can be turned off: {string.Join(", ", NoticeKinds.Switchable.Keys)}.");
        }

        if (Stage is { } s && !Enum.IsDefined(s))
        {
            errors.Add(field + ".stage", "'stage' has an unknown value.");
        }

        if (OfferType is { } o && !Enum.IsDefined(o))
        {
            errors.Add(field + ".offerType", "'offerType' has an unknown value.");
        }
    }
}

/// <summary>The notices (intervention kinds) an operator may turn off per stage or offer type, with what a person reads.</summary>
public static class NoticeKinds
{
    public const string NoResultTarget = "client_without_result_target";
    public const string MissingReusableAsset = "missing_reusable_asset";

    public static readonly IReadOnlyDictionary<string, string> Switchable = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [NoResultTarget] = "No result target",
        [MissingReusableAsset] = "No reusable-asset entry",
    };
}
