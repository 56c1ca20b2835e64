using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Failures;

/// <summary>
/// One shared, always-current failures report for every screen and API call of this instance. A change to any
/// relevant topic (via <see cref="ConsoleEvents"/>, so from the API, the UI and other instances alike) or a
/// database failure invalidates it, and time passing does too (a lead goes stale without anything being
/// written): the report is recomputed at least every <see cref="MaxAge"/>. Computations never overlap, and all
/// callers waiting for the same generation share one; so 100 open dashboards cost one set of queries per
/// change, not 100. Screens subscribe here (not to the raw topics) so they reload only after the invalidation.
/// </summary>
public sealed class FailuresReportCache : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);

    private readonly FailuresService _service;
    private readonly TimeProvider _time;
    private readonly ILogger<FailuresReportCache> _logger;
    private readonly IDisposable _eventsSubscription;
    private readonly DatabaseHealthSignal? _databaseSignal;
    private readonly ITimer _timer;
    private readonly SourceMemo _sources;
    private readonly SemaphoreSlim _compute = new(1, 1);
    private readonly Lock _gate = new();
    private List<Func<Task>> _listeners = [];
    private long _generation;
    private Snapshot? _current;
    private string? _lastFingerprint;

    private sealed record Snapshot(long Generation, DateTime ComputedAt, FailuresReport Report)
    {
        public byte[]? Json { get; set; }

        public byte[]? JsonWithAcknowledged { get; set; }
    }

    public FailuresReportCache(
        FailuresService service, ConsoleEvents events, TimeProvider time, ILogger<FailuresReportCache> logger, DatabaseHealthSignal? databaseSignal = null)
    {
        _service = service;
        _time = time;
        _logger = logger;
        Topics = service.Topics;
        _sources = new SourceMemo(service.Sources, time);
        _eventsSubscription = events.Subscribe(Topics, changes =>
        {
            // The sources first: a report computed after this invalidation must not reuse their old answers.
            _sources.Changed(changes);
            InvalidateReport();
            return Task.CompletedTask;
        });
        _databaseSignal = databaseSignal;
        if (_databaseSignal is not null)
        {
            _databaseSignal.Changed += Invalidate;
        }

        _timer = time.CreateTimer(_ => _ = OnTickAsync(), null, MaxAge, MaxAge);
    }

    /// <summary>The topics that invalidate the report.</summary>
    public IReadOnlyCollection<string> Topics { get; }

    /// <summary>How many times the report was computed (benchmarks and tests read it).</summary>
    public long Computations => Interlocked.Read(ref _computations);

    private long _computations;

    /// <summary>The current report (acknowledged items marked; use <see cref="FailuresReport.View"/>).</summary>
    public async Task<FailuresReport> GetAsync(CancellationToken ct = default) => (await GetSnapshotAsync(ct)).Report;

    /// <summary>
    /// The report as the API sends it, serialised once per report and view and shared by every caller: between
    /// changes, a request costs only writing these bytes.
    /// </summary>
    public async Task<byte[]> GetJsonAsync(bool includeAcknowledged, System.Text.Json.JsonSerializerOptions json, CancellationToken ct = default)
    {
        var snapshot = await GetSnapshotAsync(ct);
        var cached = includeAcknowledged ? snapshot.JsonWithAcknowledged : snapshot.Json;
        if (cached is not null)
        {
            return cached;
        }

        var bytes = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(snapshot.Report.View(includeAcknowledged), json);
        if (includeAcknowledged)
        {
            snapshot.JsonWithAcknowledged = bytes;
        }
        else
        {
            snapshot.Json = bytes;
        }

        return bytes;
    }

    private async Task<Snapshot> GetSnapshotAsync(CancellationToken ct)
    {
        // A caller is served by any report whose computation started at or after the generation it saw: that
        // report already includes every change the caller was told about. So callers who queue behind a running
        // computation take the next one instead of each starting their own.
        var wanted = Interlocked.Read(ref _generation);
        if (TryCurrent(wanted) is { } fresh)
        {
            return fresh;
        }

        await _compute.WaitAsync(ct);
        try
        {
            if (TryCurrent(wanted) is { } computedMeanwhile)
            {
                return computedMeanwhile;
            }

            // Read the generation before querying: a change saved during the queries bumps it, so the next
            // caller computes again instead of trusting a report that may have missed that change.
            var generation = Interlocked.Read(ref _generation);
            var report = await _service.GetReportAsync(_sources, CancellationToken.None);
            Interlocked.Increment(ref _computations);
            var snapshot = new Snapshot(generation, _time.GetUtcNow().UtcDateTime, report);
            Volatile.Write(ref _current, snapshot);
            return snapshot;
        }
        finally
        {
            _compute.Release();
        }
    }

    private Snapshot? TryCurrent(long wanted)
    {
        var snapshot = Volatile.Read(ref _current);
        if (snapshot is null || snapshot.Generation < wanted)
        {
            return null;
        }

        return _time.GetUtcNow().UtcDateTime - snapshot.ComputedAt < MaxAge ? snapshot : null;
    }

    /// <summary>
    /// How long a burst of changes is gathered before screens are told. One API call often saves twice (a run,
    /// then its lead and integration); without this, every screen would reload twice and the report be computed
    /// twice. Wall-clock on purpose: it is scheduling, not business time.
    /// </summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(25);

    private int _notifyScheduled;
    private long _burstStartedAt;

    /// <summary>
    /// When the oldest change of the burst the screens are being told about was heard
    /// (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>): screens measure how late they are from it.
    /// </summary>
    public long LastChangeHeardAt => Interlocked.Read(ref _burstStartedAt);

    /// <summary>
    /// Drops the current report and every source's remembered answer at once, and tells every subscribed screen to
    /// reload (bursts coalesced).
    /// </summary>
    public void Invalidate()
    {
        _sources.Changed([]);
        InvalidateReport();
    }

    private void InvalidateReport()
    {
        Interlocked.Increment(ref _generation);
        if (Interlocked.Exchange(ref _notifyScheduled, 1) == 1)
        {
            return;
        }

        Interlocked.Exchange(ref _burstStartedAt, System.Diagnostics.Stopwatch.GetTimestamp());

        _ = Task.Run(async () =>
        {
            await Task.Delay(CoalesceWindow);
            Interlocked.Exchange(ref _notifyScheduled, 0);
            Notify();
        });
    }

    /// <summary>Calls <paramref name="onChange"/> whenever the report may have changed; dispose to stop.</summary>
    public IDisposable Subscribe(Func<Task> onChange)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, onChange];
        }

        return new Unsubscriber(this, onChange);
    }

    public int SubscriberCount => Volatile.Read(ref _listeners).Count;

    private void Notify()
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            _ = InvokeAsync(listener);
        }
    }

    private async Task InvokeAsync(Func<Task> listener)
    {
        try
        {
            await listener();
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "A failures report subscriber failed");
        }
    }

    /// <summary>
    /// Time alone can make a lead stale or end a snooze. With screens open, recompute and push only if the
    /// report really changed; with none, just let the next reader recompute.
    /// </summary>
    private async Task OnTickAsync()
    {
        try
        {
            Interlocked.Increment(ref _generation);
            if (SubscriberCount == 0)
            {
                return;
            }

            var report = await GetAsync();
            var fingerprint = Fingerprint(report);
            if (fingerprint != _lastFingerprint)
            {
                _lastFingerprint = fingerprint;
                Interlocked.Exchange(ref _burstStartedAt, System.Diagnostics.Stopwatch.GetTimestamp());
                Notify();
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Recomputing the failures report on the minute failed");
        }
    }

    /// <summary>Everything a screen shows except the generation time.</summary>
    private static string Fingerprint(FailuresReport report) =>
        System.Text.Json.JsonSerializer.Serialize(report with { GeneratedAt = default });

    private void Remove(Func<Task> listener)
    {
        lock (_gate)
        {
            _listeners = _listeners.Where(l => l != listener).ToList();
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _eventsSubscription.Dispose();
        if (_databaseSignal is not null)
        {
            _databaseSignal.Changed -= Invalidate;
        }

        _compute.Dispose();
    }

    /// <summary>
    /// Each source's last answer, reused until a change to one of its topics (or a setting) or until
    /// <see cref="SourceMaxAge"/>, as answers depend on "now" too. A failed run then does not re-read every
    /// client's results ledger.
    /// </summary>
    private sealed class SourceMemo(IReadOnlyList<(object Source, IReadOnlyCollection<string> Topics)> sources, TimeProvider time) : IFailureSourceMemo
    {
        private readonly Dictionary<object, (HashSet<string> Topics, Box State)> _sources = sources.ToDictionary(
            s => s.Source, s => (new HashSet<string>(s.Topics.Append(nameof(OperatorConsole.Data.Settings.ConsoleSetting)), StringComparer.Ordinal), new Box()),
            ReferenceEqualityComparer.Instance);

        public void Changed(IReadOnlyList<OperatorConsole.Data.Live.ConsoleChange> changes)
        {
            foreach (var (topics, state) in _sources.Values)
            {
                if (changes.Count == 0 || changes.Any(c => topics.Contains(c.Topic)))
                {
                    Interlocked.Increment(ref state.Generation);
                }
            }
        }

        public async Task<IReadOnlyList<T>> GetAsync<T>(object source, Func<Task<IReadOnlyList<T>>> read)
        {
            if (!_sources.TryGetValue(source, out var entry))
            {
                return await read();
            }

            var state = entry.State;
            var generation = Interlocked.Read(ref state.Generation);
            if (Volatile.Read(ref state.Answer) is { } answer && answer.Generation == generation
                && time.GetUtcNow().UtcDateTime - answer.At < SourceMaxAge && answer.Items is IReadOnlyList<T> items)
            {
                return items;
            }

            var fresh = await read();
            Volatile.Write(ref state.Answer, new Answer(generation, time.GetUtcNow().UtcDateTime, fresh));
            return fresh;
        }

        private sealed record Answer(long Generation, DateTime At, object Items);

        private sealed class Box
        {
            public long Generation;
            public Answer? Answer;
        }
    }

    /// <summary>How long a source's answer is reused when nothing it reads has changed.</summary>
    public static readonly TimeSpan SourceMaxAge = TimeSpan.FromSeconds(30);

    private sealed class Unsubscriber(FailuresReportCache owner, Func<Task> listener) : IDisposable
    {
        public void Dispose() => owner.Remove(listener);
    }
}
