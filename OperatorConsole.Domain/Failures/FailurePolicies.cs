using System.Globalization;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Domain.Failures;

/// <summary>What the stale rule reads of a lead (one row of the database query, or a lead in memory).</summary>
public sealed record DealActivity(
    int LeadId, string Title, LeadStatus Stage, bool Archived, DateTime CreatedAt, DateTime? LastContactAt,
    string? NextStep = null, DateTime? NextStepDueAt = null, DateTime? NextStepDoneAt = null);

/// <summary>Why an open deal is in the stale bucket.</summary>
public enum StaleSignal
{
    /// <summary>Nothing planned (no open next step) and no touch for more than the stage's threshold.</summary>
    NoNextStep,

    /// <summary>The next step's due time has passed and it is not done.</summary>
    OverdueNextStep,
}

/// <summary>
/// Stale deal ("stale by touch"): only an <b>open deal</b> (New, Qualified, Proposal, not archived, its stage not
/// turned off in Settings) can be stale; a won or lost deal never is, however old its last touch. An open deal is
/// stale when its next step is overdue, or when it has no open next step and no touch (or completed step) for
/// MORE than its stage's threshold (exactly N days is not yet stale; never touched counts from creation). A deal
/// with a next step planned in the future is not stale: the plan is the follow-up.
/// </summary>
public static class StaleByTouchPolicy
{
    public static bool Applies(LeadStatus stage, bool archived, Thresholds thresholds) => !archived && thresholds.StaleTouchWatches(stage);

    /// <summary>The time the quiet period runs from: the last touch (creation if never touched), or a later completed step.</summary>
    public static DateTime CountedFrom(DateTime createdAt, DateTime? lastContactAt, DateTime? nextStepDoneAt)
    {
        var touched = lastContactAt ?? createdAt;
        return nextStepDoneAt is { } done && done > touched ? done : touched;
    }

    /// <summary>A lead whose count starts before this time is stale; the database query uses the same cut-offs.</summary>
    public static DateTime Cutoff(DateTime now, int thresholdDays) => now.AddDays(-thresholdDays);

    /// <summary>The cut-off of every open-deal stage (per-stage overrides applied).</summary>
    public static IReadOnlyDictionary<LeadStatus, DateTime> Cutoffs(DateTime now, Thresholds thresholds) =>
        LeadStatusExtensions.OpenDealStages.ToDictionary(s => s, s => Cutoff(now, thresholds.StaleTouchDaysFor(s)));

    /// <summary>The signal that makes the deal stale now, or null when it is not stale.</summary>
    public static StaleSignal? Signal(DealActivity deal, DateTime now, Thresholds thresholds)
    {
        if (!Applies(deal.Stage, deal.Archived, thresholds))
        {
            return null;
        }

        return NextStepRules.State(deal.NextStepDueAt, deal.NextStepDoneAt, now) switch
        {
            NextStepState.Overdue => StaleSignal.OverdueNextStep,
            NextStepState.Planned => null,
            _ => CountedFrom(deal.CreatedAt, deal.LastContactAt, deal.NextStepDoneAt) < Cutoff(now, thresholds.StaleTouchDaysFor(deal.Stage))
                ? StaleSignal.NoNextStep
                : null,
        };
    }

    public static bool IsStale(DealActivity deal, DateTime now, Thresholds thresholds) => Signal(deal, now, thresholds) is not null;

    /// <summary>The bucket item of a stale deal (call only when <see cref="Signal"/> is not null).</summary>
    public static StaleByTouchItem Item(DealActivity deal, DateTime now, Thresholds thresholds)
    {
        var from = CountedFrom(deal.CreatedAt, deal.LastContactAt, deal.NextStepDoneAt);
        var signal = Signal(deal, now, thresholds) ?? StaleSignal.NoNextStep;
        var overdue = signal == StaleSignal.OverdueNextStep ? FailureDays.Whole(now - deal.NextStepDueAt!.Value) : (int?)null;
        // DaysSinceTouch is the real touch age (what a person reads); QuietDays also counts a completed step (what the rule measures).
        return new StaleByTouchItem(
            deal.LeadId, deal.Title, FailureDays.Whole(now - (deal.LastContactAt ?? deal.CreatedAt)), deal.Stage, deal.LastContactAt, deal.LastContactAt is null,
            thresholds.StaleTouchDaysFor(deal.Stage), FailureKeys.Lead(deal.LeadId), FailureLinks.Lead(deal.LeadId))
        {
            CountedFrom = from,
            QuietDays = FailureDays.Whole(now - from),
            Signal = signal,
            NextStep = signal == StaleSignal.OverdueNextStep ? deal.NextStep : null,
            NextStepDueAt = signal == StaleSignal.OverdueNextStep ? deal.NextStepDueAt : null,
            DaysOverdue = overdue,
        };
    }
}

/// <summary>Stale proposal: sent more than N days ago (default 7) with no outcome, for a lead that is still open.</summary>
public static class StaleProposalPolicy
{
    public static bool IsStale(DateTime? sentAt, ProposalOutcome? outcome, LeadStatus leadStatus, bool leadArchived, DateTime now, Thresholds thresholds) =>
        sentAt is { } sent && outcome is null && !leadArchived && leadStatus.IsOpenDeal() && sent < now.AddDays(-thresholds.StaleProposalDays);

    public static StaleProposalItem Item(int proposalId, int leadId, string leadTitle, string proposalTitle, DateTime sentAt, DateTime now, Thresholds thresholds) =>
        new(proposalId, leadId, leadTitle, proposalTitle, sentAt, FailureDays.Whole(now - sentAt), thresholds.StaleProposalDays,
            "proposal:" + proposalId.ToString(CultureInfo.InvariantCulture), FailureLinks.Lead(leadId));
}

/// <summary>
/// Stuck proposal: the lead has been in Proposal for more than N days (default 5) and nothing is out with the
/// client (no sent proposal awaiting an outcome). A sent one that waits too long is a stale proposal instead.
/// </summary>
public static class StuckProposalPolicy
{
    public static bool IsStuck(LeadStatus stage, bool archived, DateTime statusChangedAt, bool hasSentProposalAwaitingOutcome, DateTime now, Thresholds thresholds) =>
        stage == LeadStatus.Proposal && !archived && !hasSentProposalAwaitingOutcome && statusChangedAt < now.AddDays(-thresholds.StuckProposalDays);

    public static StuckProposalItem Item(int leadId, string title, DateTime inProposalSince, int? proposalId, ProposalStatus? proposalStatus, DateTime now, Thresholds thresholds) =>
        new(leadId, title, FailureDays.Whole(now - inProposalSince), inProposalSince, proposalId, proposalStatus, thresholds.StuckProposalDays,
            FailureKeys.Lead(leadId), FailureLinks.Lead(leadId));
}

/// <summary>Failed runs: every fail or partial run that started within the window (default 7 days).</summary>
public static class FailedRunPolicy
{
    public static DateTime Since(DateTime now, Thresholds thresholds) => now.AddDays(-thresholds.FailedRunWindowDays);

    public static bool Counts(RunStatus status, DateTime startedAt, DateTime now, Thresholds thresholds) =>
        status != RunStatus.Success && startedAt >= Since(now, thresholds);

    /// <summary>The error the bucket shows: the first failing step's, or why a run without steps failed.</summary>
    public static string ErrorOf(string? recordedError) => string.IsNullOrWhiteSpace(recordedError) ? "Failed without an error message." : recordedError;

    public static FailedRunItem Item(int runId, int? leadId, string? leadTitle, string kind, RunStatus status, string? error, DateTime startedAt, DateTime? finishedAt) =>
        new(runId, leadId, leadTitle, kind, status, ErrorOf(error), startedAt, finishedAt,
            "run:" + runId.ToString(CultureInfo.InvariantCulture), FailureLinks.Run(runId));
}

public static class FailureDays
{
    /// <summary>Whole days elapsed (9.9 days is 9): "no touch for 9 d" is never more than the truth.</summary>
    public static int Whole(TimeSpan span) => span <= TimeSpan.Zero ? 0 : (int)Math.Floor(span.TotalDays);
}

public static class FailureKeys
{
    public static string Lead(int id) => "lead:" + id.ToString(CultureInfo.InvariantCulture);

    public static string Integration(string name) => "integration:" + name;

    public static string Approval(int id) => "approval:" + id.ToString(CultureInfo.InvariantCulture);
}

public static class FailureLinks
{
    public const string Integrations = "/integrations";
    public const string Approvals = "/approvals";

    public static string Lead(int id) => "/leads/" + id.ToString(CultureInfo.InvariantCulture);

    public static string Run(int id) => "/runs/" + id.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Worst first, bucket by bucket, and across buckets for the Command Center card.</summary>
public static class FailureOrdering
{
    /// <summary>Fail before partial, then the newest (a failure happening now matters most).</summary>
    public static IEnumerable<FailedRunItem> Order(IEnumerable<FailedRunItem> items) =>
        items.OrderBy(i => i.Status == RunStatus.Fail ? 0 : 1).ThenByDescending(i => i.StartedAt).ThenByDescending(i => i.RunId);

    /// <summary>
    /// A missed next step first (a promise broken), longest overdue first; then deals with nothing planned, most
    /// overdue against each lead's own threshold.
    /// </summary>
    public static IEnumerable<StaleByTouchItem> Order(IEnumerable<StaleByTouchItem> items) =>
        items.OrderBy(i => i.Signal == StaleSignal.OverdueNextStep ? 0 : 1).ThenByDescending(i => i.DaysOverdue ?? 0)
            .ThenByDescending(i => i.QuietDays - i.ThresholdDays).ThenByDescending(i => i.DaysSinceTouch).ThenBy(i => i.LeadId);

    public static IEnumerable<StaleProposalItem> Order(IEnumerable<StaleProposalItem> items) =>
        items.OrderBy(i => i.SentAt).ThenBy(i => i.ProposalId);

    public static IEnumerable<StuckProposalItem> Order(IEnumerable<StuckProposalItem> items) =>
        items.OrderBy(i => i.InProposalSince).ThenBy(i => i.LeadId);

    /// <summary>Errors first (something is failing now), then silence, then the longest broken.</summary>
    public static IEnumerable<BrokenIntegrationItem> Order(IEnumerable<BrokenIntegrationItem> items) =>
        items.OrderBy(i => i.Problem switch
        {
            BrokenIntegrationProblem.Runtime => 0,
            BrokenIntegrationProblem.LastReportFailed => 1,
            BrokenIntegrationProblem.SourceFailed => 2,
            BrokenIntegrationProblem.Silent => 3,
            _ => 4,
        }).ThenBy(i => i.Since).ThenBy(i => i.Name, StringComparer.Ordinal);

    public static IEnumerable<LowConfidenceFailure> Order(IEnumerable<LowConfidenceFailure> items) =>
        items.OrderBy(i => i.Confidence).ThenBy(i => i.CreatedAt).ThenBy(i => i.Key, StringComparer.Ordinal);

    /// <summary>The approval queue is oldest first (API.md): the longest wait is the worst.</summary>
    public static IEnumerable<NeedsApprovalItem> Order(IEnumerable<NeedsApprovalItem> items) =>
        items.OrderBy(i => i.RequestedAt).ThenBy(i => i.ApprovalId);

    public static IEnumerable<InterventionItem> Order(IEnumerable<InterventionItem> items) =>
        items.OrderByDescending(i => i.Severity).ThenBy(i => i.Since).ThenBy(i => i.Key, StringComparer.Ordinal);

    /// <summary>Fail, partial, success; then the newest run.</summary>
    public static IEnumerable<LastRunStatusItem> Order(IEnumerable<LastRunStatusItem> items) =>
        items.OrderBy(i => i.Status switch { RunStatus.Fail => 0, RunStatus.Partial => 1, _ => 2 }).ThenByDescending(i => i.StartedAt).ThenBy(i => i.LeadId);

    /// <summary>
    /// How the buckets rank against each other on the Command Center: a person waiting on a decision first, then
    /// things failing now, then money going cold, then housekeeping.
    /// </summary>
    public static readonly IReadOnlyList<FailureBucket> BucketRank =
    [
        FailureBucket.NeedsApproval,
        FailureBucket.FailedRuns,
        FailureBucket.BrokenIntegrations,
        FailureBucket.StaleProposals,
        FailureBucket.StuckProposals,
        FailureBucket.Interventions,
        FailureBucket.StaleByTouch,
        FailureBucket.LowConfidence,
    ];

    /// <summary>
    /// The worst <paramref name="count"/> open items across buckets: the worst of each bucket in rank order
    /// first, then the second of each, and so on, so one huge bucket cannot hide the others.
    /// </summary>
    public static IReadOnlyList<IFailureItem> Worst(FailuresReport report, int count)
    {
        // Walks each bucket only as far as needed (a bucket can hold thousands of items; every open screen calls
        // this after every change), skipping acknowledged items.
        var cursors = BucketRank.Select(b => report.Items(b).Where(i => i.Acknowledgement is null).GetEnumerator()).ToArray();
        var live = cursors.Select(_ => true).ToArray();
        var result = new List<IFailureItem>(count);
        while (result.Count < count && live.Any(l => l))
        {
            for (var b = 0; b < cursors.Length && result.Count < count; b++)
            {
                if (live[b] && cursors[b].MoveNext())
                {
                    result.Add(cursors[b].Current);
                }
                else
                {
                    live[b] = false;
                }
            }
        }

        foreach (var cursor in cursors)
        {
            cursor.Dispose();
        }

        return result;
    }
}

/// <summary>Puts a report together: orders every bucket, applies acknowledgements, counts what is left.</summary>
public static class FailuresReportBuilder
{
    public static FailuresReport Build(
        DateTime now,
        DateTime failedRunsSince,
        IEnumerable<FailedRunItem> failedRuns,
        IEnumerable<LastRunStatusItem> lastRunStatusByLead,
        IEnumerable<StaleByTouchItem> staleByTouch,
        IEnumerable<StaleProposalItem> staleProposals,
        IEnumerable<StuckProposalItem> stuckProposals,
        IEnumerable<BrokenIntegrationItem> brokenIntegrations,
        IEnumerable<LowConfidenceFailure> lowConfidence,
        IEnumerable<NeedsApprovalItem> needsApproval,
        IEnumerable<InterventionItem> interventions,
        IReadOnlyCollection<FailureAcknowledgement> acknowledgements)
    {
        var acks = acknowledgements
            .Where(a => a.ReopenedAt is null)
            .GroupBy(a => (a.Bucket, a.RecordKey))
            .ToDictionary(g => g.Key, g => g.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).ToList());

        List<T> Apply<T>(IEnumerable<T> items)
            where T : IFailureItem => Acknowledge(items, acks, now);

        var runs = Apply(FailureOrdering.Order(failedRuns));
        var stale = Apply(FailureOrdering.Order(staleByTouch));
        var staleP = Apply(FailureOrdering.Order(staleProposals));
        var stuck = Apply(FailureOrdering.Order(stuckProposals));
        var broken = Apply(FailureOrdering.Order(brokenIntegrations));
        var low = Apply(FailureOrdering.Order(lowConfidence));
        var approvals = Apply(FailureOrdering.Order(needsApproval));
        var interv = Apply(FailureOrdering.Order(interventions));

        static int Open<T>(List<T> l) where T : IFailureItem => l.Count(i => i.Acknowledgement is null);
        static int Acked<T>(List<T> l) where T : IFailureItem => l.Count(i => i.Acknowledgement is not null);

        return new FailuresReport(
            now,
            new FailureCounts(Open(runs), Open(stale), Open(staleP), Open(stuck), Open(broken), Open(low), Open(approvals), Open(interv)),
            runs,
            FailureOrdering.Order(lastRunStatusByLead).ToList(),
            stale,
            staleP,
            stuck,
            broken,
            low,
            approvals,
            interv,
            new FailureCounts(Acked(runs), Acked(stale), Acked(staleP), Acked(stuck), Acked(broken), Acked(low), Acked(approvals), Acked(interv)),
            IncludesAcknowledged: true,
            failedRunsSince);
    }

    /// <summary>Each item as it is, or marked with the newest acknowledgement that still covers it (<see cref="AcknowledgementPolicy.Covers"/>).</summary>
    private static List<T> Acknowledge<T>(IEnumerable<T> items, Dictionary<(FailureBucket, string), List<FailureAcknowledgement>> acks, DateTime now)
        where T : IFailureItem
    {
        var list = new List<T>();
        foreach (var item in items)
        {
            var covering = acks.TryGetValue((item.GetBucket(), item.Key), out var candidates)
                ? candidates.FirstOrDefault(a => AcknowledgementPolicy.Covers(a, item.GetBadness(), now))
                : null;
            list.Add(covering is null ? item : (T)item.Acknowledged(new AcknowledgementView(
                covering.Id, covering.Kind, covering.Until, covering.Reason, covering.CreatedByName, covering.CreatedAt)));
        }

        return list;
    }
}
