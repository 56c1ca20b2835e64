using System.Globalization;
using System.Text.Json.Serialization;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Domain.Failures;

/// <summary>The acknowledgement hiding an item, shown when acknowledged items are listed.</summary>
public sealed record AcknowledgementView(int Id, AcknowledgementKind Kind, DateTime? Until, string Reason, string By, DateTime At);

/// <summary>What every counted item offers the panel, the page and the acknowledgement rules.</summary>
public interface IFailureItem
{
    /// <summary>Unique within its bucket ("lead:42"): what an acknowledgement refers to.</summary>
    string Key { get; }

    /// <summary>Where to fix it: /leads/{id}, /runs/{id}, /integrations, /approvals.</summary>
    string Link { get; }

    AcknowledgementView? Acknowledgement { get; }

    FailureBucket GetBucket();

    /// <summary>One line a person reads (also what search matches).</summary>
    string Describe();

    Badness GetBadness();

    IFailureItem Acknowledged(AcknowledgementView? acknowledgement);
}

public sealed record FailedRunItem(
    int RunId, int? LeadId, string? LeadTitle, string Kind, RunStatus Status, string? Error, DateTime StartedAt, DateTime? FinishedAt,
    string Key, string Link, AcknowledgementView? Acknowledgement = null) : IFailureItem
{
    public FailureBucket GetBucket() => FailureBucket.FailedRuns;

    public string Describe() => $"{Kind} run {Status.ToString().ToLowerInvariant()}{(LeadTitle is null ? "" : " for " + LeadTitle)}: {Error}";

    /// <summary>A recorded run never changes; a newer failure is a new run, hence a new item.</summary>
    public Badness GetBadness() => new("run:" + RunId.ToString(CultureInfo.InvariantCulture), 0, null);

    public IFailureItem Acknowledged(AcknowledgementView? acknowledgement) => this with { Acknowledgement = acknowledgement };
}

public sealed record LastRunStatusItem(int LeadId, string LeadTitle, RunStatus Status, int? RunId, DateTime? StartedAt, DateTime? FinishedAt, string Link);

public sealed record StaleByTouchItem(
    int LeadId, string LeadTitle, int DaysSinceTouch, LeadStatus Stage, DateTime? LastContactAt, bool NeverTouched, int ThresholdDays,
    string Key, string Link, AcknowledgementView? Acknowledgement = null) : IFailureItem
{
    /// <summary>The time the count runs from: the last touch, or the lead's creation when it was never touched.</summary>
    public DateTime CountedFrom { get; init; }

    /// <summary>Whole days since <see cref="CountedFrom"/> (the last touch or a later completed step): what the threshold is measured on.</summary>
    public int QuietDays { get; init; }

    /// <summary>Why it is stale: nothing planned, or a planned next step overdue.</summary>
    public StaleSignal Signal { get; init; }

    /// <summary>The overdue next step (only for <see cref="StaleSignal.OverdueNextStep"/>).</summary>
    public string? NextStep { get; init; }

    public DateTime? NextStepDueAt { get; init; }

    public int? DaysOverdue { get; init; }

    public FailureBucket GetBucket() => FailureBucket.StaleByTouch;

    /// <summary>The touch age stays visible whichever signal made the deal stale.</summary>
    public string Describe() => Signal == StaleSignal.OverdueNextStep
        ? $"{LeadTitle}: next step \"{NextStep}\" overdue by {DaysOverdue} d ({Stage}, {TouchAge})"
        : $"{LeadTitle}: no next step, {TouchAge} ({Stage}, threshold {ThresholdDays} d)";

    private string TouchAge => NeverTouched ? $"no touch logged, created {DaysSinceTouch} d ago" : $"no touch for {DaysSinceTouch} d";

    /// <summary>
    /// An overdue step is one occurrence per due time (re-planning makes a new one) and gets worse with every
    /// further threshold of days overdue; a deal with nothing planned, with every further threshold of quiet.
    /// </summary>
    public Badness GetBadness() => Signal == StaleSignal.OverdueNextStep
        ? new("next:" + Stamp(NextStepDueAt ?? CountedFrom), DaysOverdue ?? 0, ThresholdDays)
        : new(Stamp(CountedFrom), QuietDays, ThresholdDays);

    public IFailureItem Acknowledged(AcknowledgementView? acknowledgement) => this with { Acknowledgement = acknowledgement };

    internal static string Stamp(DateTime at) => at.ToString("O", CultureInfo.InvariantCulture);
}

public sealed record StaleProposalItem(
    int ProposalId, int LeadId, string LeadTitle, string ProposalTitle, DateTime SentAt, int DaysSinceSent, int ThresholdDays,
    string Key, string Link, AcknowledgementView? Acknowledgement = null) : IFailureItem
{
    public FailureBucket GetBucket() => FailureBucket.StaleProposals;

    public string Describe() => $"{LeadTitle}: proposal sent {DaysSinceSent} d ago, no outcome";

    public Badness GetBadness() => new(StaleByTouchItem.Stamp(SentAt), DaysSinceSent, ThresholdDays);

    public IFailureItem Acknowledged(AcknowledgementView? acknowledgement) => this with { Acknowledgement = acknowledgement };
}

public sealed record StuckProposalItem(
    int LeadId, string LeadTitle, int DaysInProposal, DateTime InProposalSince, int? ProposalId, ProposalStatus? ProposalStatus, int ThresholdDays,
    string Key, string Link, AcknowledgementView? Acknowledgement = null) : IFailureItem
{
    public FailureBucket GetBucket() => FailureBucket.StuckProposals;

    public string Describe() => ProposalId is null
        ? $"{LeadTitle}: {DaysInProposal} d in Proposal, no proposal drafted"
        : $"{LeadTitle}: {DaysInProposal} d in Proposal, proposal not sent ({ProposalStatus})";

    public Badness GetBadness() => new(StaleByTouchItem.Stamp(InProposalSince), DaysInProposal, ThresholdDays);

    public IFailureItem Acknowledged(AcknowledgementView? acknowledgement) => this with { Acknowledgement = acknowledgement };
}

public sealed record BrokenIntegrationItem(
    string Name, DateTime? LastOkAt, string Message, BrokenIntegrationProblem Problem, DateTime? LastReportAt, int? ExpectedIntervalMinutes,
    DateTime Since, string Key, string Link, AcknowledgementView? Acknowledgement = null) : IFailureItem
{
    public FailureBucket GetBucket() => FailureBucket.BrokenIntegrations;

    public string Describe() => $"{Name}: {Message}";

    /// <summary>
    /// An error stays the same occurrence while its message is the same (a flapping job can be snoozed); a new
    /// message is a new occurrence. Silence gets worse with every further interval (at least a day) of quiet.
    /// </summary>
    public Badness GetBadness() => Problem switch
    {
        BrokenIntegrationProblem.Silent or BrokenIntegrationProblem.NeverOk => new(
            $"{Problem}|{StaleByTouchItem.Stamp(Since)}",
            Math.Round((SilenceReference - Since).TotalHours, 2),
            Math.Max(24, (ExpectedIntervalMinutes ?? 0) / 60.0)),
        _ => new($"{Problem}|{Message}", 0, null),
    };

    /// <summary>"Now" as seen when the item was built: set by the report so the level of silence can be measured.</summary>
    [JsonIgnore]
    public DateTime SilenceReference { get; init; }

    /// <summary>Equal as shown: every field but <see cref="SilenceReference"/>, which moves with every computation.</summary>
    public static readonly IEqualityComparer<BrokenIntegrationItem> ShownEqual = EqualityComparer<BrokenIntegrationItem>.Create(
        (x, y) => ReferenceEquals(x, y) || (x is not null && y is not null && x == y with { SilenceReference = x.SilenceReference }),
        item => HashCode.Combine(item.Key, item.Message));

    public IFailureItem Acknowledged(AcknowledgementView? acknowledgement) => this with { Acknowledgement = acknowledgement };
}

public sealed record LowConfidenceFailure(
    string Kind, string Title, double Confidence, string Link, string RecordType, string RecordId, DateTime CreatedAt, int? LeadId, string? Engine,
    string Key, AcknowledgementView? Acknowledgement = null) : IFailureItem
{
    public FailureBucket GetBucket() => FailureBucket.LowConfidence;

    public string Describe() => $"{Title} (confidence {Confidence:0.00})";

    /// <summary>Worse when the confidence drops by another 0.1.</summary>
    public Badness GetBadness() => new(StaleByTouchItem.Stamp(CreatedAt), Math.Round(1 - Confidence, 4), 0.1);

    public IFailureItem Acknowledged(AcknowledgementView? acknowledgement) => this with { Acknowledgement = acknowledgement };

    public static LowConfidenceFailure From(LowConfidenceItem item) => new(
        item.Kind, item.Title, item.Confidence, item.Link, item.RecordType, item.RecordId, item.CreatedAt, item.LeadId, item.Engine,
        $"{item.RecordType}:{item.RecordId}:{item.Kind}");
}

public sealed record NeedsApprovalItem(
    int ApprovalId, ApprovalSubject Subject, string Title, int? LeadId, string? LeadTitle, DateTime RequestedAt, string RequestedBy, double DaysWaiting,
    string Key, string Link, AcknowledgementView? Acknowledgement = null) : IFailureItem
{
    /// <summary>A snoozed approval comes back after every further week of waiting.</summary>
    public const double WorseAfterDays = 7;

    public FailureBucket GetBucket() => FailureBucket.NeedsApproval;

    public string Describe() => $"{Title} (waiting {DaysWaiting:0.#} d, requested by {RequestedBy})";

    public Badness GetBadness() => new(StaleByTouchItem.Stamp(RequestedAt), DaysWaiting, WorseAfterDays);

    public IFailureItem Acknowledged(AcknowledgementView? acknowledgement) => this with { Acknowledgement = acknowledgement };
}

public sealed record InterventionItem(
    string Kind, string Title, string Link, string RecordType, string RecordId, DateTime Since, int Severity, int? LeadId, string? Detail,
    string Key, AcknowledgementView? Acknowledgement = null) : IFailureItem
{
    public FailureBucket GetBucket() => FailureBucket.Interventions;

    public string Describe() => Detail is null ? Title : $"{Title}: {Detail}";

    /// <summary>Worse when its severity rises.</summary>
    public Badness GetBadness() => new(StaleByTouchItem.Stamp(Since), Severity, 1);

    public IFailureItem Acknowledged(AcknowledgementView? acknowledgement) => this with { Acknowledgement = acknowledgement };

    public static InterventionItem From(Intervention i) => new(
        i.Kind, i.Title, i.Link, i.RecordType, i.RecordId, i.Since, Math.Clamp(i.Severity, 1, 3), i.LeadId, i.Detail,
        $"{i.Kind}:{i.RecordType}:{i.RecordId}");
}

/// <summary>Counts per bucket; <see cref="Total"/> is their sum (API.md).</summary>
public sealed record FailureCounts(
    int FailedRuns, int StaleByTouch, int StaleProposals, int StuckProposals, int BrokenIntegrations, int LowConfidence, int NeedsApproval, int Interventions)
{
    public int Total => FailedRuns + StaleByTouch + StaleProposals + StuckProposals + BrokenIntegrations + LowConfidence + NeedsApproval + Interventions;

    /// <summary>Failed runs and broken integrations (<see cref="FailureGroup.Broken"/>).</summary>
    [JsonIgnore]
    public int Broken => For(FailureGroup.Broken);

    /// <summary>Approvals waiting (<see cref="FailureGroup.NeedsDecision"/>).</summary>
    [JsonIgnore]
    public int NeedsDecision => For(FailureGroup.NeedsDecision);

    /// <summary>Stale, stuck, low confidence and interventions (<see cref="FailureGroup.Nudges"/>).</summary>
    [JsonIgnore]
    public int Nudges => For(FailureGroup.Nudges);

    /// <summary>What the app-bar badge shows: breakage and decisions, never nudges.</summary>
    [JsonIgnore]
    public int Urgent => Enum.GetValues<FailureGroup>().Where(g => g.IsUrgent()).Sum(For);

    public int For(FailureGroup group) => group.Buckets().Sum(For);

    public int For(FailureBucket bucket) => bucket switch
    {
        FailureBucket.FailedRuns => FailedRuns,
        FailureBucket.StaleByTouch => StaleByTouch,
        FailureBucket.StaleProposals => StaleProposals,
        FailureBucket.StuckProposals => StuckProposals,
        FailureBucket.BrokenIntegrations => BrokenIntegrations,
        FailureBucket.LowConfidence => LowConfidence,
        FailureBucket.NeedsApproval => NeedsApproval,
        FailureBucket.Interventions => Interventions,
        _ => 0,
    };
}

/// <summary>The report's counts per triage group; <see cref="Urgent"/> = Broken + NeedsDecision (the badge).</summary>
public sealed record FailureGroupCounts(int Broken, int NeedsDecision, int Nudges, int Urgent);

/// <summary>
/// The Failures &amp; Interventions report (API.md "Failures report"), extended with interventions, the counts of
/// acknowledged items, and the window of failed runs. Lists are worst first; the approval queue oldest first.
/// </summary>
public sealed record FailuresReport(
    DateTime GeneratedAt,
    FailureCounts Counts,
    IReadOnlyList<FailedRunItem> FailedRuns,
    IReadOnlyList<LastRunStatusItem> LastRunStatusByLead,
    IReadOnlyList<StaleByTouchItem> StaleByTouch,
    IReadOnlyList<StaleProposalItem> StaleProposals,
    IReadOnlyList<StuckProposalItem> StuckProposals,
    IReadOnlyList<BrokenIntegrationItem> BrokenIntegrations,
    IReadOnlyList<LowConfidenceFailure> LowConfidence,
    IReadOnlyList<NeedsApprovalItem> NeedsApproval,
    IReadOnlyList<InterventionItem> Interventions,
    FailureCounts AcknowledgedCounts,
    bool IncludesAcknowledged,
    DateTime FailedRunsSince)
{
    /// <summary>
    /// Set when each list holds only its first rows (<c>/api/failures?limit=</c>): the counts stay full, and
    /// <c>/api/failures/buckets/{bucket}?offset=</c> serves the rest. Null: every item is listed.
    /// </summary>
    public int? PageLimit { get; init; }

    /// <summary>
    /// The data's reference time that deal ages (stale by touch, stale and stuck proposals) are counted to; failed
    /// runs, integrations, approvals and snoozes use the wall clock (its Now).
    /// </summary>
    public OperatorConsole.Domain.Clock.ReferenceTime Clock { get; init; } = default!;

    /// <summary>Counts per triage group (<see cref="FailureGroup"/>); <c>urgent</c> is what the app-bar badge shows.</summary>
    public FailureGroupCounts Groups => new(Counts.Broken, Counts.NeedsDecision, Counts.Nudges, Counts.Urgent);

    /// <summary>How many leads <see cref="LastRunStatusByLead"/> holds before any cut (it has no count of its own).</summary>
    public int? LastRunStatusTotal { get; init; }

    /// <summary>Every counted item of one bucket, in the bucket's order.</summary>
    public IReadOnlyList<IFailureItem> Items(FailureBucket bucket) => bucket switch
    {
        FailureBucket.FailedRuns => FailedRuns,
        FailureBucket.StaleByTouch => StaleByTouch,
        FailureBucket.StaleProposals => StaleProposals,
        FailureBucket.StuckProposals => StuckProposals,
        FailureBucket.BrokenIntegrations => BrokenIntegrations,
        FailureBucket.LowConfidence => LowConfidence,
        FailureBucket.NeedsApproval => NeedsApproval,
        FailureBucket.Interventions => Interventions,
        _ => [],
    };

    /// <summary>
    /// Whether two reports show the same: the same counts and the same items, in the same order. What only says when
    /// a report was computed is left out (its generated-at time, the clock's "now", the start of the failed-run window
    /// and an integration's silence reference), so a recomputation that found nothing new keeps the screens' version.
    /// Item by item, stopping at the first difference: a change usually differs at the top of a list.
    /// </summary>
    public static bool SameContent(FailuresReport a, FailuresReport b) =>
        ReferenceEquals(a, b) || (
            a.Counts == b.Counts && a.AcknowledgedCounts == b.AcknowledgedCounts && a.IncludesAcknowledged == b.IncludesAcknowledged
            && a.PageLimit == b.PageLimit && a.LastRunStatusTotal == b.LastRunStatusTotal
            && (a.Clock is null ? b.Clock is null : b.Clock is not null && a.Clock with { Now = default } == b.Clock with { Now = default })
            && a.FailedRuns.SequenceEqual(b.FailedRuns) && a.StaleByTouch.SequenceEqual(b.StaleByTouch)
            && a.StaleProposals.SequenceEqual(b.StaleProposals) && a.StuckProposals.SequenceEqual(b.StuckProposals)
            && a.BrokenIntegrations.SequenceEqual(b.BrokenIntegrations, BrokenIntegrationItem.ShownEqual)
            && a.LowConfidence.SequenceEqual(b.LowConfidence) && a.NeedsApproval.SequenceEqual(b.NeedsApproval)
            && a.Interventions.SequenceEqual(b.Interventions) && a.LastRunStatusByLead.SequenceEqual(b.LastRunStatusByLead));

    /// <summary>
    /// The report as shown: without acknowledged items unless asked for. Counts never include acknowledged
    /// items (they are in <see cref="AcknowledgedCounts"/>), so listing them does not change the total.
    /// </summary>
    public FailuresReport View(bool includeAcknowledged)
    {
        if (includeAcknowledged || AcknowledgedCounts.Total == 0)
        {
            return this with { IncludesAcknowledged = includeAcknowledged };
        }

        return this with
        {
            IncludesAcknowledged = false,
            FailedRuns = Open(FailedRuns),
            StaleByTouch = Open(StaleByTouch),
            StaleProposals = Open(StaleProposals),
            StuckProposals = Open(StuckProposals),
            BrokenIntegrations = Open(BrokenIntegrations),
            LowConfidence = Open(LowConfidence),
            NeedsApproval = Open(NeedsApproval),
            Interventions = Open(Interventions),
        };
    }

    private static List<T> Open<T>(IReadOnlyList<T> items)
        where T : IFailureItem => items.Where(i => i.Acknowledgement is null).ToList();
}
