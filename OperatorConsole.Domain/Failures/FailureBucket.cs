namespace OperatorConsole.Domain.Failures;

/// <summary>
/// The buckets of Failures &amp; Interventions (PRODUCT.md 1.1). "Last run status per lead" is shown with them but is
/// not a bucket: it lists successes too, so it is neither counted nor acknowledged.
/// </summary>
public enum FailureBucket
{
    FailedRuns,
    StaleByTouch,
    StaleProposals,
    StuckProposals,
    BrokenIntegrations,
    LowConfidence,
    NeedsApproval,
    Interventions,
}

/// <summary>Acknowledge: "seen, I own it" (no end); snooze: "not now" until a time.</summary>
public enum AcknowledgementKind
{
    Ack,
    Snooze,
}

/// <summary>Why an integration shows as broken.</summary>
public enum BrokenIntegrationProblem
{
    /// <summary>Its last report (heartbeat or run of its kind) was an error.</summary>
    LastReportFailed,

    /// <summary>Registered, but no ok report within its expected interval since.</summary>
    NeverOk,

    /// <summary>It reported ok before, then went quiet for longer than its expected interval.</summary>
    Silent,

    /// <summary>Known only in memory (e.g. the database refusing writes).</summary>
    Runtime,

    /// <summary>A feature's failure source itself failed, so its bucket may be incomplete.</summary>
    SourceFailed,
}

public static class FailureBucketExtensions
{
    /// <summary>What a person reads for the bucket.</summary>
    public static string Label(this FailureBucket bucket) => bucket switch
    {
        FailureBucket.FailedRuns => "Failed runs",
        FailureBucket.StaleByTouch => "Stale by touch",
        FailureBucket.StaleProposals => "Stale proposals",
        FailureBucket.StuckProposals => "Stuck proposals",
        FailureBucket.BrokenIntegrations => "Broken integrations",
        FailureBucket.LowConfidence => "Low confidence",
        FailureBucket.NeedsApproval => "Approval queue",
        FailureBucket.Interventions => "Interventions",
        _ => bucket.ToString(),
    };

    /// <summary>The JSON spelling (snake_case), also used in query strings.</summary>
    public static string Code(this FailureBucket bucket) => bucket switch
    {
        FailureBucket.FailedRuns => "failed_runs",
        FailureBucket.StaleByTouch => "stale_by_touch",
        FailureBucket.StaleProposals => "stale_proposals",
        FailureBucket.StuckProposals => "stuck_proposals",
        FailureBucket.BrokenIntegrations => "broken_integrations",
        FailureBucket.LowConfidence => "low_confidence",
        FailureBucket.NeedsApproval => "needs_approval",
        FailureBucket.Interventions => "interventions",
        _ => bucket.ToString(),
    };

    public static FailureBucket? FromCode(string? code) =>
        Enum.GetValues<FailureBucket>().Select(b => (FailureBucket?)b).FirstOrDefault(b => string.Equals(b!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
