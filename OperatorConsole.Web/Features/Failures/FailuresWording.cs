using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Web.Features.Failures;

/// <summary>What /failures says about each group and bucket: the plain-words explanation under its heading.</summary>
public static class FailuresWording
{
    public static string Group(FailureGroup group) => group switch
    {
        FailureGroup.Broken => "Something failed or went quiet: fix it.",
        FailureGroup.NeedsDecision => "A person is waiting on a decision.",
        _ => "Worth a look; nothing is broken. Not in the badge.",
    };

    public static string Bucket(FailureBucket bucket) => bucket switch
    {
        FailureBucket.NeedsApproval => "Every pending approval request, oldest first: a person is waiting on a decision.",
        FailureBucket.FailedRuns => "Failed and partial runs in the window (Settings → Thresholds), with the failing step's error.",
        FailureBucket.BrokenIntegrations => "The last report was an error, or no ok report came within the expected interval.",
        FailureBucket.StaleProposals => "Sent more than the threshold ago and still no outcome.",
        FailureBucket.StuckProposals => "In Proposal longer than the threshold with nothing sent.",
        FailureBucket.StaleByTouch => "Open deals (New, Qualified, Proposal) whose next step is overdue, or with no next step and no touch for longer than their stage's threshold. Won and lost deals are never stale.",
        FailureBucket.LowConfidence => "Suggestions the system made with a confidence below the floor.",
        FailureBucket.Interventions => "Things features know need a person (e.g. a shipped client with no reusable asset logged). Some can be turned off per stage or offer type in Settings.",
        _ => "",
    };
}
