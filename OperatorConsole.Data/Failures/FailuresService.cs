using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using OperatorConsole.Data.Clock;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Data.Failures;

/// <summary>
/// Computes the Failures &amp; Interventions report. Each bucket is one set-based query that returns only the
/// rows that are failures (never every lead); the rules are the pure policies in Domain/Failures, and the same
/// cut-offs are computed once from "now" and passed to the database as parameters.
/// Callers that serve many screens should use the web layer's cache, which shares one computation.
/// </summary>
public sealed class FailuresService(
    IDbContextFactory<ConsoleDbContext> dbFactory,
    TimeProvider time,
    DataClockService clock,
    SettingsService settings,
    IEnumerable<IInterventionSource> interventionSources,
    IEnumerable<ILowConfidenceSource> lowConfidenceSources,
    IEnumerable<IRuntimeHealthSignals> runtimeSignals,
    ILogger<FailuresService> logger)
{
    private static readonly string[] CoreTopics =
    [
        nameof(Lead), Lead.ActivityTopic, nameof(Touch), nameof(PipelineRun), nameof(Proposal), nameof(ApprovalRequest), nameof(IntegrationHealth),
        nameof(FailureAcknowledgement), nameof(ConsoleSetting),
    ];

    private readonly IInterventionSource[] _interventionSources = interventionSources.ToArray();
    private readonly ILowConfidenceSource[] _lowConfidenceSources = lowConfidenceSources.ToArray();
    private readonly IRuntimeHealthSignals[] _runtimeSignals = runtimeSignals.ToArray();

    /// <summary>
    /// Every low-confidence and intervention source with the topics it reads, in a fixed order: a caller that knows
    /// which topics changed (the web layer's live report) reads each with <see cref="ReadSourceAsync(int, CancellationToken)"/>,
    /// reuses answers whose topics did not change, and hands them to <see cref="GetReportAsync(IReadOnlyList{FailureSourceAnswer}?, CancellationToken)"/>.
    /// </summary>
    public IReadOnlyList<FailureSourceInfo> Sources =>
        _lowConfidenceSources.Select(s => (Type: s.GetType(), s.Topics)).Concat(_interventionSources.Select(s => (Type: s.GetType(), s.Topics)))
            .Select((s, i) => new FailureSourceInfo(i, s.Type.Name, s.Topics)).ToList();

    /// <summary>Entity type names whose changes can change the report: the core ones and every source's.</summary>
    public IReadOnlyCollection<string> Topics =>
        CoreTopics.Concat(_interventionSources.SelectMany(s => s.Topics)).Concat(_lowConfidenceSources.SelectMany(s => s.Topics))
            .Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The full report with acknowledged items marked (use <see cref="FailuresReport.View"/> to hide them).</summary>
    public Task<FailuresReport> GetReportAsync(CancellationToken ct = default) => GetReportAsync(ClockMode.Data, null, ct);

    /// <summary>The full report with deal ages counted to the reference time of <paramref name="mode"/>.</summary>
    public Task<FailuresReport> GetReportAsync(ClockMode mode, CancellationToken ct = default) => GetReportAsync(mode, null, ct);

    /// <summary>The report following the data's clock (see the overload taking a <see cref="ClockMode"/>).</summary>
    public Task<FailuresReport> GetReportAsync(IReadOnlyList<FailureSourceAnswer>? sourceAnswers, CancellationToken ct = default) =>
        GetReportAsync(ClockMode.Data, sourceAnswers, ct);

    /// <summary>
    /// The report. <paramref name="sourceAnswers"/> (one per <see cref="Sources"/>, in order) are what the caller
    /// already holds for the sources; without them every source is read now.
    /// </summary>
    public async Task<FailuresReport> GetReportAsync(ClockMode mode, IReadOnlyList<FailureSourceAnswer>? sourceAnswers, CancellationToken ct = default) =>
        await GetReportAsync(await clock.ResolveAsync(mode, ct), sourceAnswers, ct);

    /// <summary>The report at a reference time the caller already resolved (a screen's shared clock).</summary>
    public Task<FailuresReport> GetReportAsync(ReferenceTime at, IReadOnlyList<FailureSourceAnswer>? sourceAnswers, CancellationToken ct = default) =>
        GetReportAsync(at, new FailureParts { Sources = sourceAnswers }, ct);

    /// <summary>
    /// The report, with the <paramref name="parts"/> the caller keeps up to date itself (the web layer's live report
    /// holds each as a child answer, so a failed run does not re-read proposals or approvals); a part left null is
    /// read now.
    /// </summary>
    public async Task<FailuresReport> GetReportAsync(ReferenceTime at, FailureParts parts, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var timings = StepTimings.For(logger);
        var thresholds = await settings.GetThresholdsAsync(ct);
        // Deal ages (stale by touch, stale and stuck proposals) are counted to the screen's reference time: by default
        // the data's, so an imported history is triaged as of its last day, not as "3,694 d ago"; a viewer who chose
        // "now" sees them against today, like every other card of that screen. Failed runs, integrations, approvals
        // and snoozes are the console's own machinery and keep the wall clock: the anchor never hides them.
        var dealNow = at.At;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        timings?.Lap("settings");

        var failedSince = FailedRunPolicy.Since(now, thresholds);
        // A kept answer may have been read with an earlier window start: runs only ever leave the window as time
        // passes (a new one arrives as a change), so filtering it again gives what a read now would.
        var failedRuns = parts.FailedRuns is { } keptRuns
            ? keptRuns.Where(r => r.StartedAt >= failedSince).ToList()
            : await FailedRunsAsync(db, failedSince, ct);
        timings?.Lap("failedRuns");
        var lastRuns = parts.LastRuns ?? await LastRunStatusAsync(db, null, ct);
        timings?.Lap("lastRunStatus");
        var stale = await StaleByTouchAsync(db, dealNow, thresholds, ct);
        timings?.Lap("staleByTouch");
        var proposals = parts.Proposals is { } kept && CountedCloseEnough(kept.At, at) ? kept : await ProposalBucketsAsync(db, dealNow, thresholds, ct);
        timings?.Lap("proposals");
        // A copy of the kept part: the sources' failures and the runtime signals are added to this list below.
        var broken = parts.Integrations is { } keptBroken ? keptBroken.ToList() : await BrokenIntegrationsAsync(db, now, ct);
        timings?.Lap("integrations");
        var approvals = parts.Approvals ?? await NeedsApprovalAsync(db, now, ct);
        timings?.Lap("approvals");
        var acks = await db.Set<FailureAcknowledgement>().AsNoTracking()
            .Where(a => a.ReopenedAt == null && (a.Until == null || a.Until > now))
            .ToListAsync(ct);
        timings?.Lap("acknowledgements");

        var sourceAnswers = parts.Sources ?? await ReadSourcesAsync(now, thresholds, ct);
        var lowConfidence = sourceAnswers.SelectMany(a => a.LowConfidence).ToList();
        var interventions = sourceAnswers.SelectMany(a => a.Interventions).ToList();
        broken.AddRange(sourceAnswers.Select(a => a.Failure).OfType<BrokenIntegrationItem>());
        interventions = await WithoutNoticesTurnedOffAsync(db, interventions, thresholds, ct);

        broken.AddRange(RuntimeProblems(now));
        timings?.Lap("sources");
        var report = FailuresReportBuilder.Build(
            now, failedSince, failedRuns, lastRuns, stale, proposals.Stale, proposals.Stuck, broken,
            DistinctByKey(lowConfidence), approvals, DistinctByKey(interventions), acks) with { Clock = at };
        timings?.Lap("build");
        timings?.Log(logger);
        return report;
    }

    /// <summary>Every failure source read now, in order: the low-confidence ones, then the interventions.</summary>
    private async Task<IReadOnlyList<FailureSourceAnswer>> ReadSourcesAsync(DateTime now, Thresholds thresholds, CancellationToken ct)
    {
        var read = new List<FailureSourceAnswer>();
        for (var i = 0; i < _lowConfidenceSources.Length + _interventionSources.Length; i++)
        {
            read.Add(await ReadSourceAsync(i, now, thresholds, ct));
        }

        return read;
    }

    /// <summary>What the runtime signals (today the database's health) report as broken right now.</summary>
    private IEnumerable<BrokenIntegrationItem> RuntimeProblems(DateTime now) =>
        _runtimeSignals.SelectMany(signal => signal.Current(now)).Select(p => new BrokenIntegrationItem(
            p.Name, p.LastOkAt, p.Message, BrokenIntegrationProblem.Runtime, p.At, null, p.At,
            FailureKeys.Integration(p.Name), FailureLinks.Integrations) { SilenceReference = now });

    /// <summary>Each step's time of one report, kept only when debug logging is on (the report is on the live path).</summary>
    private sealed class StepTimings
    {
        private readonly long _started = System.Diagnostics.Stopwatch.GetTimestamp();
        private readonly List<string> _steps = [];
        private long _lap;

        private StepTimings() => _lap = _started;

        public static StepTimings? For(ILogger logger) => logger.IsEnabled(LogLevel.Debug) ? new StepTimings() : null;

        public void Lap(string step)
        {
            var at = System.Diagnostics.Stopwatch.GetTimestamp();
            _steps.Add($"{step} {System.Diagnostics.Stopwatch.GetElapsedTime(_lap, at).TotalMilliseconds:0.0}");
            _lap = at;
        }

        public void Log(ILogger logger) => logger.LogDebug("Failures report computed in {Total:0.0} ms ({Steps})",
            System.Diagnostics.Stopwatch.GetElapsedTime(_started).TotalMilliseconds, string.Join(", ", _steps));
    }

    /// <summary>
    /// How far behind the report's reference time kept proposal buckets may be counted when that time is the wall
    /// clock ("now", or data that is current): ages are whole days, and a proposal crossing its threshold between
    /// changes is already noticed only when the report ages out, after a minute.
    /// </summary>
    public static readonly TimeSpan KeptClockSlack = TimeSpan.FromMinutes(1);

    private static bool CountedCloseEnough(DateTime keptAt, ReferenceTime at) =>
        keptAt == at.At || (!at.IsDataAsOf && keptAt <= at.At && at.At - keptAt < KeptClockSlack);

    /// <summary>The topics whose changes can change <see cref="FailedRunsAsync(CancellationToken)"/> (a lead's title is in each item).</summary>
    public static readonly IReadOnlyCollection<string> FailedRunTopics = [nameof(PipelineRun), nameof(Lead), nameof(ConsoleSetting)];

    /// <summary>The topics of <see cref="ProposalBucketsAsync(ReferenceTime, CancellationToken)"/> (its reference time aside).</summary>
    public static readonly IReadOnlyCollection<string> ProposalTopics = [nameof(Proposal), nameof(Lead), nameof(ConsoleSetting)];

    /// <summary>The topics of <see cref="NeedsApprovalAsync(CancellationToken)"/>.</summary>
    public static readonly IReadOnlyCollection<string> ApprovalTopics = [nameof(ApprovalRequest), nameof(Lead)];

    /// <summary>The topics of <see cref="BrokenIntegrationsAsync(CancellationToken)"/> (silence also comes with time).</summary>
    public static readonly IReadOnlyCollection<string> IntegrationTopics = [nameof(IntegrationHealth)];

    /// <summary>Failed and partial runs inside the failed-runs window as of now (the report's "failed runs" bucket).</summary>
    public async Task<IReadOnlyList<FailedRunItem>> FailedRunsAsync(CancellationToken ct = default)
    {
        var since = FailedRunPolicy.Since(time.GetUtcNow().UtcDateTime, await settings.GetThresholdsAsync(ct));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await FailedRunsAsync(db, since, ct);
    }

    /// <summary>
    /// <paramref name="previous"/> brought up to date from <paramref name="changes"/>: when they are all recorded
    /// runs, only those runs are read (a failed run is one row, not the window's thousands) and runs that left the
    /// window are dropped; any other change (a lead's title, the window's setting) reads the window whole.
    /// </summary>
    public async Task<IReadOnlyList<FailedRunItem>> FailedRunsAsync(
        IReadOnlyList<FailedRunItem> previous, IReadOnlyCollection<Live.ConsoleChange> changes, CancellationToken ct = default)
    {
        var runIds = new HashSet<int>();
        foreach (var change in changes)
        {
            if (change.Topic != nameof(PipelineRun) || !int.TryParse(change.RecordId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
            {
                return await FailedRunsAsync(ct);
            }

            runIds.Add(id);
        }

        var since = FailedRunPolicy.Since(time.GetUtcNow().UtcDateTime, await settings.GetThresholdsAsync(ct));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changed = await FailedRunsAsync(db, since, ct, runIds);
        return previous.Where(r => r.StartedAt >= since && !runIds.Contains(r.RunId)).Concat(changed).ToList();
    }

    /// <summary>Stale and stuck proposals with deal ages counted to <paramref name="at"/>.</summary>
    public async Task<ProposalBuckets> ProposalBucketsAsync(ReferenceTime at, CancellationToken ct = default)
    {
        var thresholds = await settings.GetThresholdsAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ProposalBucketsAsync(db, at.At, thresholds, ct);
    }

    /// <summary>Approval requests waiting for a decision, with how long each has waited as of now.</summary>
    public async Task<IReadOnlyList<NeedsApprovalItem>> NeedsApprovalAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await NeedsApprovalAsync(db, time.GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>Integrations the health rules call broken or silent as of now.</summary>
    public async Task<IReadOnlyList<BrokenIntegrationItem>> BrokenIntegrationsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await BrokenIntegrationsAsync(db, time.GetUtcNow().UtcDateTime, ct);
    }

    private static async Task<ProposalBuckets> ProposalBucketsAsync(ConsoleDbContext db, DateTime dealNow, Thresholds thresholds, CancellationToken ct) =>
        new(dealNow, await StaleProposalsAsync(db, dealNow, thresholds, ct), await StuckProposalsAsync(db, dealNow, thresholds, ct));

    /// <summary>Reads source <paramref name="index"/> of <see cref="Sources"/> now, with the current thresholds.</summary>
    public async Task<FailureSourceAnswer> ReadSourceAsync(int index, CancellationToken ct = default) =>
        await ReadSourceAsync(index, time.GetUtcNow().UtcDateTime, await settings.GetThresholdsAsync(ct), ct);

    /// <summary>A source that throws must not blank the whole report; it shows up as a broken integration instead.</summary>
    private async Task<FailureSourceAnswer> ReadSourceAsync(int index, DateTime now, Thresholds thresholds, CancellationToken ct)
    {
        object source = index < _lowConfidenceSources.Length ? _lowConfidenceSources[index] : _interventionSources[index - _lowConfidenceSources.Length];
        try
        {
            if (source is ILowConfidenceSource low)
            {
                var items = await low.GetAsync(now, thresholds.LowConfidenceFloor, ct);
                return new FailureSourceAnswer(items.Where(i => i.Confidence < thresholds.LowConfidenceFloor).Select(LowConfidenceFailure.From).ToList(), [], null);
            }

            var interventions = await ((IInterventionSource)source).GetAsync(now, thresholds, ct);
            return new FailureSourceAnswer([], interventions.Select(InterventionItem.From).ToList(), null);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var name = "failures-source:" + source.GetType().Name;
            logger.LogError(ex, "Failure source {Source} failed", source.GetType().Name);
            return new FailureSourceAnswer([], [], new BrokenIntegrationItem(
                name, null, $"Could not read this source, so its items are missing: {ex.GetBaseException().Message}",
                BrokenIntegrationProblem.SourceFailed, null, null, now, FailureKeys.Integration(name), FailureLinks.Integrations) { SilenceReference = now });
        }
    }

    /// <summary>
    /// Drops the notices an operator turned off for the lead's stage or offer type (Settings → Thresholds → Notices).
    /// Applied here, once, rather than in every source, so a new source's notices can be turned off the same way.
    /// </summary>
    private static async Task<List<InterventionItem>> WithoutNoticesTurnedOffAsync(
        ConsoleDbContext db, List<InterventionItem> interventions, Thresholds thresholds, CancellationToken ct)
    {
        if (thresholds.NoticesOff.Count == 0 || interventions.Count == 0)
        {
            return interventions;
        }

        var kinds = thresholds.NoticesOff.Select(r => r.Kind).ToHashSet(StringComparer.Ordinal);
        var everywhere = thresholds.NoticesOff.Where(r => r.Stage is null && r.OfferType is null).Select(r => r.Kind).ToHashSet(StringComparer.Ordinal);
        var leads = interventions.Any(i => kinds.Contains(i.Kind) && !everywhere.Contains(i.Kind) && i.LeadId is not null)
            ? await db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).Select(l => new { l.Id, l.Status, l.OfferType }).ToDictionaryAsync(l => l.Id, ct)
            : null;
        return interventions.Where(i =>
        {
            if (!kinds.Contains(i.Kind))
            {
                return true;
            }

            var lead = i.LeadId is { } id && leads is not null && leads.TryGetValue(id, out var l) ? l : null;
            return !thresholds.NoticeOff(i.Kind, lead?.Status, lead?.OfferType);
        }).ToList();
    }

    private static IEnumerable<T> DistinctByKey<T>(IEnumerable<T> items)
        where T : IFailureItem => items.DistinctBy(i => i.Key, StringComparer.Ordinal);

    /// <summary>The window's failed and partial runs; with <paramref name="runIds"/>, only those of them.</summary>
    private static async Task<List<FailedRunItem>> FailedRunsAsync(ConsoleDbContext db, DateTime since, CancellationToken ct, IReadOnlyCollection<int>? runIds = null)
    {
        var runs = db.Set<PipelineRun>().AsNoTracking();
        if (runIds is not null)
        {
            runs = runs.Where(r => runIds.Contains(r.Id));
        }

        var rows = await (
            from r in runs
            where (r.Status == RunStatus.Fail || r.Status == RunStatus.Partial) && r.StartedAt >= since
            join l in db.Set<Lead>() on r.LeadId equals l.Id into leads
            from l in leads.DefaultIfEmpty()
            select new { r.Id, r.LeadId, LeadTitle = l == null ? null : l.Title, r.Kind, r.Status, r.Error, r.StartedAt, r.FinishedAt })
            .ToListAsync(ct);
        return rows.Select(r => FailedRunPolicy.Item(r.Id, r.LeadId, r.LeadTitle, r.Kind, r.Status, r.Error, r.StartedAt, r.FinishedAt)).ToList();
    }

    /// <summary>
    /// The topics whose changes (each naming its lead) can change <see cref="LastRunsAsync(CancellationToken)"/>: a
    /// lead's run columns are its activity, and a stage, archive or title change is the lead's own.
    /// </summary>
    public static readonly IReadOnlyCollection<string> LastRunTopics = [nameof(Lead), Lead.ActivityTopic];

    /// <summary>Every open lead's last run (the report's "last run status by lead"), unordered.</summary>
    public async Task<IReadOnlyList<LastRunStatusItem>> LastRunsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await LastRunStatusAsync(db, null, ct);
    }

    /// <summary>
    /// <paramref name="previous"/> brought up to date for the leads in <paramref name="leadIds"/> (re-read; gone when no
    /// longer open or without a run): what <see cref="LastRunsAsync(CancellationToken)"/> would read now, when only
    /// those leads changed since — one row per changed lead instead of every open lead.
    /// </summary>
    public async Task<IReadOnlyList<LastRunStatusItem>> LastRunsAsync(
        IReadOnlyList<LastRunStatusItem> previous, IReadOnlyCollection<int> leadIds, CancellationToken ct = default)
    {
        if (leadIds.Count == 0)
        {
            return previous;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var fresh = await LastRunStatusAsync(db, leadIds, ct);
        var changed = leadIds.ToHashSet();
        return previous.Where(i => !changed.Contains(i.LeadId)).Concat(fresh).ToList();
    }

    /// <summary>Open leads with a run: the lead keeps its latest run's status and times, so this is one read of leads.</summary>
    private static async Task<List<LastRunStatusItem>> LastRunStatusAsync(ConsoleDbContext db, IReadOnlyCollection<int>? leadIds, CancellationToken ct)
    {
        var leads = db.Set<Lead>().AsNoTracking();
        if (leadIds is not null)
        {
            leads = leads.Where(l => leadIds.Contains(l.Id));
        }

        // Shaped into the item as it is read (EF makes the link in memory): every open lead with a run is a row, so an
        // intermediate row object per lead and a second list were thousands of allocations per cold report.
        return await leads
            .Where(l => l.LastRunStatus != null && !l.IsArchived && l.Status != LeadStatus.Lost)
            .Select(l => new LastRunStatusItem(l.Id, l.Title, l.LastRunStatus!.Value, l.LastRunId, l.LastRunStartedAt, l.LastRunFinishedAt, FailureLinks.Lead(l.Id)))
            .ToListAsync(ct);
    }

    private static async Task<List<StaleByTouchItem>> StaleByTouchAsync(ConsoleDbContext db, DateTime now, Thresholds thresholds, CancellationToken ct)
    {
        // Open deals only (won and lost deals are never stale). One cut-off and one on/off flag per open-deal stage,
        // sent as parameters so the SQL text and its cached query plan never change. Written out stage by stage (not
        // built as an expression tree) so EF's query cache recognises it; FailurePolicyTests fails if an open-deal
        // stage is added and not covered here. A deal is selected when its next step is overdue, or when it has no
        // open next step and its quiet period (last touch or creation, or a later completed step) began before the cut-off.
        var cutoffs = StaleByTouchPolicy.Cutoffs(now, thresholds);
        var cNew = cutoffs[LeadStatus.New];
        var cQualified = cutoffs[LeadStatus.Qualified];
        var cProposal = cutoffs[LeadStatus.Proposal];
        var onNew = thresholds.StaleTouchWatches(LeadStatus.New);
        var onQualified = thresholds.StaleTouchWatches(LeadStatus.Qualified);
        var onProposal = thresholds.StaleTouchWatches(LeadStatus.Proposal);
        var rows = await db.Set<Lead>().AsNoTracking()
            .Where(l => !l.IsArchived && (
                (onNew && l.Status == LeadStatus.New) || (onQualified && l.Status == LeadStatus.Qualified) || (onProposal && l.Status == LeadStatus.Proposal)))
            .Where(l => (l.NextStepDueAt != null && l.NextStepDoneAt == null && l.NextStepDueAt < now)
                || ((l.NextStepDueAt == null || l.NextStepDoneAt != null) && (
                    (l.Status == LeadStatus.New && (l.LastContactAt ?? l.CreatedAt) < cNew && (l.NextStepDoneAt == null || l.NextStepDoneAt < cNew))
                    || (l.Status == LeadStatus.Qualified && (l.LastContactAt ?? l.CreatedAt) < cQualified && (l.NextStepDoneAt == null || l.NextStepDoneAt < cQualified))
                    || (l.Status == LeadStatus.Proposal && (l.LastContactAt ?? l.CreatedAt) < cProposal && (l.NextStepDoneAt == null || l.NextStepDoneAt < cProposal)))))
            .Select(l => new DealActivity(l.Id, l.Title, l.Status, l.IsArchived, l.CreatedAt, l.LastContactAt, l.NextStep, l.NextStepDueAt, l.NextStepDoneAt))
            .ToListAsync(ct);
        return rows.Select(d => StaleByTouchPolicy.Item(d, now, thresholds)).ToList();
    }

    /// <summary>The stages the stale-by-touch query covers; must equal every open-deal stage.</summary>
    public static readonly IReadOnlyList<LeadStatus> StaleQueryStages = [LeadStatus.New, LeadStatus.Qualified, LeadStatus.Proposal];

    private static async Task<List<StaleProposalItem>> StaleProposalsAsync(ConsoleDbContext db, DateTime now, Thresholds thresholds, CancellationToken ct)
    {
        var cutoff = now.AddDays(-thresholds.StaleProposalDays);
        var rows = await (
            from p in db.Set<Proposal>().AsNoTracking()
            where p.SentAt != null && p.Outcome == null && p.SentAt < cutoff
            join l in db.Set<Lead>() on p.LeadId equals l.Id
            where !l.IsArchived && l.Status <= LeadStatus.Proposal
            select new { p.Id, p.LeadId, LeadTitle = l.Title, p.Title, SentAt = p.SentAt!.Value })
            .ToListAsync(ct);
        return rows.Select(r => StaleProposalPolicy.Item(r.Id, r.LeadId, r.LeadTitle, r.Title, r.SentAt, now, thresholds)).ToList();
    }

    private static async Task<List<StuckProposalItem>> StuckProposalsAsync(ConsoleDbContext db, DateTime now, Thresholds thresholds, CancellationToken ct)
    {
        var cutoff = now.AddDays(-thresholds.StuckProposalDays);
        var proposals = db.Set<Proposal>();
        // The latest proposal is read with two correlated lookups on (LeadId, CreatedAt) for the few stuck leads,
        // not a window over every proposal.
        var rows = await db.Set<Lead>().AsNoTracking()
            .Where(l => l.Status == LeadStatus.Proposal && !l.IsArchived && l.StatusChangedAt < cutoff)
            .Where(l => !proposals.Any(p => p.LeadId == l.Id && p.SentAt != null && p.Outcome == null))
            .Select(l => new
            {
                l.Id,
                l.Title,
                l.StatusChangedAt,
                LatestId = proposals.Where(p => p.LeadId == l.Id).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                    .Select(p => (int?)p.Id).FirstOrDefault(),
                LatestStatus = proposals.Where(p => p.LeadId == l.Id).OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                    .Select(p => (ProposalStatus?)p.Status).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return rows.Select(r => StuckProposalPolicy.Item(r.Id, r.Title, r.StatusChangedAt, r.LatestId, r.LatestStatus, now, thresholds)).ToList();
    }

    /// <summary>
    /// Integrations are few (one row per named job), so every row is read and judged by
    /// <see cref="IntegrationHealthPolicy"/>: the silence rule needs each row's own interval.
    /// </summary>
    private static async Task<List<BrokenIntegrationItem>> BrokenIntegrationsAsync(ConsoleDbContext db, DateTime now, CancellationToken ct)
    {
        var all = await db.Set<IntegrationHealth>().AsNoTracking().ToListAsync(ct);
        var result = new List<BrokenIntegrationItem>();
        foreach (var integration in all)
        {
            var problem = IntegrationHealthPolicy.Assess(integration, now);
            if (problem == IntegrationProblem.None)
            {
                continue;
            }

            var (kind, since) = problem switch
            {
                IntegrationProblem.LastReportFailed => (BrokenIntegrationProblem.LastReportFailed, integration.LastErrorAt ?? integration.LastReportAt ?? now),
                IntegrationProblem.NeverOk => (BrokenIntegrationProblem.NeverOk, integration.CreatedAt),
                _ => (BrokenIntegrationProblem.Silent, integration.LastOkAt ?? integration.CreatedAt),
            };
            result.Add(new BrokenIntegrationItem(
                integration.Name, integration.LastOkAt, IntegrationHealthPolicy.Describe(integration, problem, now), kind, integration.LastReportAt,
                integration.ExpectedIntervalMinutes, since, FailureKeys.Integration(integration.Name), FailureLinks.Integrations)
            { SilenceReference = now });
        }

        return result;
    }

    private static async Task<List<NeedsApprovalItem>> NeedsApprovalAsync(ConsoleDbContext db, DateTime now, CancellationToken ct)
    {
        var rows = await (
            from a in db.Set<ApprovalRequest>().AsNoTracking()
            where a.State == ApprovalState.Pending
            join l in db.Set<Lead>() on a.LeadId equals l.Id into leads
            from l in leads.DefaultIfEmpty()
            orderby a.RequestedAt, a.Id
            select new { a.Id, a.Subject, a.Title, a.LeadId, LeadTitle = l == null ? null : l.Title, a.RequestedAt, a.RequestedByName })
            .ToListAsync(ct);
        return rows.Select(a => new NeedsApprovalItem(
            a.Id, a.Subject, a.Title, a.LeadId, a.LeadTitle, a.RequestedAt, a.RequestedByName,
            Math.Round(Math.Max(0, (now - a.RequestedAt).TotalDays), 1), FailureKeys.Approval(a.Id), FailureLinks.Approvals)).ToList();
    }
}
