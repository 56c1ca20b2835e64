using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Features.Clock;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Failures;

/// <summary>
/// The failures report as a live query (<see cref="Query"/>, in <see cref="LiveQueries"/> like every shared screen
/// answer): one report for every screen and API call of this instance, recomputed once per relevant change, at least
/// every <see cref="MaxAge"/> (a lead goes stale without anything being written), and when the database's health
/// changes. Its parts are child queries: each source's answer, the failed runs, the proposal buckets, approvals and
/// integrations are reused until a change to one of that part's topics (or a setting) or <see cref="SourceMaxAge"/>,
/// so a failed run does not re-read every client's ledger or every proposal.
/// Screens bind to <see cref="Query"/> (see <see cref="FailuresComponentBase"/>) and re-render only when the
/// report, apart from its "generated at" time, differs.
/// </summary>
public sealed class FailuresReportCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    /// <summary>How long a source's answer is reused when nothing it reads has changed.</summary>
    public static readonly TimeSpan SourceMaxAge = TimeSpan.FromSeconds(30);

    /// <summary>How long the last runs are patched from changes before they are read whole again (a safety net).</summary>
    public static readonly TimeSpan LastRunsMaxAge = LiveQuery.TimelessMaxAge;

    private readonly LiveQueries _queries;
    private readonly DatabaseHealthSignal? _databaseSignal;
    private readonly SourceQueries _sources;
    private readonly ClockedQuery<FailuresReport> _reports;

    /// <summary>
    /// Every open lead's last run, a child query kept up to date from the changes' lead ids: a recorded run re-reads
    /// its one lead, not the thousands of open leads (12 % of a change's server time on 10,000 leads when it did).
    /// Loaded whole at first, once <see cref="LastRunsMaxAge"/> old, and after a change that named no lead.
    /// </summary>
    private static readonly LiveQuery<IReadOnlyList<LastRunStatusItem>> LastRuns = new(
        "failures.last-runs", FailuresService.LastRunTopics, (sp, ct) => sp.GetRequiredService<FailuresService>().LastRunsAsync(ct), LastRunsMaxAge)
    {
        Update = (sp, previous, changes, ct) =>
            sp.GetRequiredService<FailuresService>().LastRunsAsync(previous, changes.Ids([.. FailuresService.LastRunTopics]), ct),
        // Only the report reads the parts, and it reads them whole: comparing thousands of rows as JSON after each
        // change to move a version no screen watches was pure cost.
        Same = ReferenceEquals,
    };

    /// <summary>
    /// The failed-runs bucket, patched from the runs the changes name: a recorded run reads that run, not the window's
    /// thousands of failed runs (7 of a change's 26 ms of report on 50,000 runs when it did).
    /// </summary>
    private static readonly LiveQuery<IReadOnlyList<FailedRunItem>> FailedRuns = new(
        "failures.failed-runs", FailuresService.FailedRunTopics, (sp, ct) => sp.GetRequiredService<FailuresService>().FailedRunsAsync(ct), SourceMaxAge)
    {
        Update = (sp, previous, changes, ct) => sp.GetRequiredService<FailuresService>().FailedRunsAsync(previous, changes.All, ct),
        Same = ReferenceEquals,
    };

    /// <summary>Waiting approvals: read again on an approval's or a lead's change, not on every recorded run.</summary>
    private static readonly LiveQuery<IReadOnlyList<NeedsApprovalItem>> Approvals = new(
        "failures.approvals", FailuresService.ApprovalTopics, (sp, ct) => sp.GetRequiredService<FailuresService>().NeedsApprovalAsync(ct), SourceMaxAge)
    {
        Same = ReferenceEquals,
    };

    /// <summary>Broken and silent integrations; silence comes with time, so the answer is at most <see cref="SourceMaxAge"/> old.</summary>
    private static readonly LiveQuery<IReadOnlyList<BrokenIntegrationItem>> Integrations = new(
        "failures.integrations", FailuresService.IntegrationTopics, (sp, ct) => sp.GetRequiredService<FailuresService>().BrokenIntegrationsAsync(ct), SourceMaxAge)
    {
        Same = ReferenceEquals,
    };

    /// <summary>Stale and stuck proposals, per clock mode like the report (their ages are counted to its reference time).</summary>
    private readonly ClockedQuery<ProposalBuckets> _proposals;

    public FailuresReportCache(FailuresService service, LiveQueries queries, DatabaseHealthSignal? databaseSignal = null)
    {
        _queries = queries;
        _sources = new SourceQueries(service, queries);
        _proposals = new ClockedQuery<ProposalBuckets>(
            "failures.proposals", FailuresService.ProposalTopics, (_, at, ct) => service.ProposalBucketsAsync(at, ct), SourceMaxAge, ReferenceEquals);
        Topics = service.Topics;
        // One report per clock mode, like every clocked card: the reference time comes from the shared clock query,
        // and what moves the clock invalidates the report too.
        _reports = new ClockedQuery<FailuresReport>(
            "failures.report", Topics, async (_, at, ct) => await service.GetReportAsync(at, await PartsAsync(at.Mode, ct), ct), MaxAge,
            FailuresReport.SameContent);
        _databaseSignal = databaseSignal;
        if (_databaseSignal is not null)
        {
            _databaseSignal.Changed += Invalidate;
        }
    }

    /// <summary>
    /// The report's live query following the data's clock: what the badge, alerts, the API by default and every screen
    /// of a viewer who did not switch to "now" bind to.
    /// </summary>
    public LiveQuery<FailuresReport> Query => _reports.For(ClockMode.Data);

    /// <summary>
    /// The report at a viewer's clock. "Now" is a second shared report (computed only while someone reads it), so a
    /// screen switched to today shows deal ages against today, like its other cards; the sources are shared by both.
    /// </summary>
    public LiveQuery<FailuresReport> QueryFor(ClockMode mode) => _reports.For(mode);

    /// <summary>The topics that invalidate the report.</summary>
    public IReadOnlyCollection<string> Topics { get; }

    /// <summary>How many times the report was computed (benchmarks and tests read it).</summary>
    public long Computations => _queries.Computations(Query);

    /// <summary>The current report (acknowledged items marked; use <see cref="FailuresReport.View"/>).</summary>
    public Task<FailuresReport> GetAsync(CancellationToken ct = default) => GetAsync(ClockMode.Data, ct);

    /// <summary>The current report at <paramref name="mode"/>'s reference time.</summary>
    public async Task<FailuresReport> GetAsync(ClockMode mode, CancellationToken ct = default) => (await _queries.GetAsync(QueryFor(mode), ct)).Value;

    /// <summary>
    /// The report's first page as the API sends it (<see cref="FailurePaging.FirstPage"/>), serialised once per report,
    /// view and limit (a derived value of the answer) and shared by every caller: between changes, a request costs
    /// only writing these bytes.
    /// </summary>
    public async Task<byte[]> GetFirstPageJsonAsync(
        ClockMode mode, bool includeAcknowledged, int limit, System.Text.Json.JsonSerializerOptions json, CancellationToken ct = default)
    {
        var report = await _queries.GetAsync(QueryFor(mode), ct);
        return report.Derived($"json:{(includeAcknowledged ? "acknowledged" : "open")}:{limit}",
            r => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(FailurePaging.FirstPage(r.View(includeAcknowledged), limit), json));
    }

    /// <summary>Calls <paramref name="onChange"/> each time the report changed (after the new one exists); dispose to stop.</summary>
    public IDisposable Subscribe(Func<Task> onChange) => _queries.Watch(Query, _ => onChange());

    /// <summary>Drops the report and every part's answer (the database's health changed, or a test says so).</summary>
    public void Invalidate()
    {
        _sources.InvalidateAll();
        _queries.Invalidate(LastRuns);
        _queries.Invalidate(FailedRuns);
        _queries.Invalidate(Approvals);
        _queries.Invalidate(Integrations);
        _queries.Invalidate(_proposals.For(ClockMode.Data));
        _queries.Invalidate(_proposals.For(ClockMode.Now));
        _queries.Invalidate(_reports.For(ClockMode.Data));
        _queries.Invalidate(_reports.For(ClockMode.Now));
    }

    /// <summary>Every part's current answer, each recomputed only when its own topics changed (or it aged out).</summary>
    private async Task<FailureParts> PartsAsync(ClockMode mode, CancellationToken ct) => new()
    {
        Sources = await _sources.AnswersAsync(ct),
        LastRuns = (await _queries.GetAsync(LastRuns, ct)).Value,
        FailedRuns = (await _queries.GetAsync(FailedRuns, ct)).Value,
        Proposals = (await _queries.GetAsync(_proposals.For(mode), ct)).Value,
        Approvals = (await _queries.GetAsync(Approvals, ct)).Value,
        Integrations = (await _queries.GetAsync(Integrations, ct)).Value,
    };

    public void Dispose()
    {
        if (_databaseSignal is not null)
        {
            _databaseSignal.Changed -= Invalidate;
        }
    }

    /// <summary>
    /// Each failure source as a child live query, invalidated by its own topics and settings. The report reads them
    /// here and hands their answers to the service, so the data layer never calls back into this one.
    /// </summary>
    private sealed class SourceQueries(FailuresService service, LiveQueries queries)
    {
        private readonly List<LiveQuery<FailureSourceAnswer>> _queries = service.Sources
            .Select(s => new LiveQuery<FailureSourceAnswer>(
                $"failures.source.{s.Index}.{s.Name}",
                s.Topics.Append(nameof(OperatorConsole.Data.Settings.ConsoleSetting)).Distinct().ToList(),
                (_, ct) => service.ReadSourceAsync(s.Index, ct),
                SourceMaxAge) { Same = ReferenceEquals })
            .ToList();

        public async Task<IReadOnlyList<FailureSourceAnswer>> AnswersAsync(CancellationToken ct)
        {
            var answers = await queries.GetAllAsync(_queries, ct);
            for (var i = 0; i < answers.Count; i++)
            {
                if (answers[i].Failure is not null)
                {
                    queries.Invalidate(_queries[i]); // a source that failed is asked again next time, not remembered failing
                }
            }

            return answers;
        }

        public void InvalidateAll()
        {
            foreach (var query in _queries)
            {
                queries.Invalidate(query);
            }
        }
    }
}
