namespace OperatorConsole.Domain.Failures;

/// <summary>
/// The three triage groups of Failures &amp; Interventions. A real CRM import produces thousands of nudges; keeping
/// them apart from real breakage and pending decisions is what lets the badge, alerts and the wall stay a signal.
/// </summary>
public enum FailureGroup
{
    /// <summary>Something is broken: failed or partial runs, broken integrations, deploy/agent failures.</summary>
    Broken,

    /// <summary>A person has to decide: approvals waiting.</summary>
    NeedsDecision,

    /// <summary>Worth a look, nothing is broken: stale, stuck, low confidence, interventions.</summary>
    Nudges,
}

public static class FailureGroupExtensions
{
    /// <summary>The one rule that puts a bucket in a group; the badge, alerts and screens all use it.</summary>
    public static FailureGroup Group(this FailureBucket bucket) => bucket switch
    {
        FailureBucket.FailedRuns or FailureBucket.BrokenIntegrations => FailureGroup.Broken,
        FailureBucket.NeedsApproval => FailureGroup.NeedsDecision,
        _ => FailureGroup.Nudges,
    };

    /// <summary>Whether the app-bar badge (and alerting by default) counts the group: breakage and decisions, not nudges.</summary>
    public static bool IsUrgent(this FailureGroup group) => group is FailureGroup.Broken or FailureGroup.NeedsDecision;

    public static string Label(this FailureGroup group) => group switch
    {
        FailureGroup.Broken => "Broken",
        FailureGroup.NeedsDecision => "Needs a decision",
        FailureGroup.Nudges => "Nudges",
        _ => group.ToString(),
    };

    public static string Code(this FailureGroup group) => group switch
    {
        FailureGroup.Broken => "broken",
        FailureGroup.NeedsDecision => "needs_decision",
        FailureGroup.Nudges => "nudges",
        _ => group.ToString(),
    };

    public static FailureGroup? FromCode(string? code) =>
        Enum.GetValues<FailureGroup>().Select(g => (FailureGroup?)g)
            .FirstOrDefault(g => string.Equals(g!.Value.Code(), code?.Trim(), StringComparison.Ordinal));

    public static IEnumerable<FailureBucket> Buckets(this FailureGroup group) =>
        Enum.GetValues<FailureBucket>().Where(b => b.Group() == group);
}
