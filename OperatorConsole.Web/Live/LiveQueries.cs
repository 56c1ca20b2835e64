using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;

namespace OperatorConsole.Web.Live;

/// <summary>
/// The one place where "a value computed once per change, shared, pushed to the screens showing it" lives.
/// For each <see cref="LiveQuery{T}"/> (keyed by what it is): a change to one of its topics invalidates the answer
/// first; if screens are watching, the answer is recomputed once (never twice at once — callers that wait for a
/// running computation take it if it started after the change they heard of) and the watchers are told only if
/// the answer differs from the one they were last told of: it really changed, or is an equal answer in a new instance
/// (a query with its own comparison: screens load it without re-rendering, so none keeps an old one alive). Whoever
/// computed it — the refresh, or a reader that needed it first — the watchers hear of it (ADR 209). So a screen is
/// never told before the new answer exists (it cannot re-read the old one), 100 open screens cost one computation per
/// change, and a change that does not alter what a screen shows costs that screen no render. Time: a watched answer
/// older than its max age is recomputed the same way (a lead goes stale without anything being written); an unwatched
/// one is recomputed by its next reader, and if it is watched after all, the next tick tells its watchers.
/// <para>Large answers are kept in parts: a screen answer may read child queries (the brief's lines, the failures
/// report's sources and last runs), each invalidated by its own topics, so a change re-reads only what it touched;
/// and a query with an <see cref="LiveQuery{T}.Update"/> is patched from the record ids of the changes since its
/// previous answer instead of loaded whole (ADR 200).</para>
/// <para>Watched answers are recomputed with a leading-edge throttle (<see cref="RefreshInterval"/>): the first
/// change after a quiet spell recomputes at once, so a lone change is never delayed; further changes within the
/// interval fold into one recomputation at its end, so sustained writes (agent ingest commits many batches a
/// second) cannot keep a core busy recomputing the same report back to back. Readers are not throttled.</para>
/// </summary>
public sealed class LiveQueries : IDisposable
{
    /// <summary>How often watched answers are checked against their max age.</summary>
    public static readonly TimeSpan TickInterval = TimeSpan.FromSeconds(5);

    /// <summary>The default <see cref="RefreshInterval"/>.</summary>
    public static readonly TimeSpan DefaultRefreshInterval = TimeSpan.FromMilliseconds(150);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly IServiceProvider _services;
    private readonly TimeProvider _time;
    private readonly ILogger<LiveQueries> _logger;
    private readonly Lock _create = new();
    private readonly ITimer _ticker;
    private readonly IDisposable _subscription;

    public LiveQueries(ConsoleEvents events, IServiceProvider services, TimeProvider time, ILogger<LiveQueries> logger)
    {
        _services = services;
        _time = time;
        _logger = logger;
        _ticker = time.CreateTimer(_ => RefreshExpired(), null, TickInterval, TickInterval);
        _subscription = events.Subscribe([], changes =>
        {
            OnChanges(changes);
            return Task.CompletedTask;
        });
    }

    /// <summary>The least time between the starts of two recomputations of one watched answer after changes.</summary>
    public TimeSpan RefreshInterval { get; init; } = DefaultRefreshInterval;

    /// <summary>
    /// Every query a change touches is invalidated before any is recomputed or any screen told, so a report
    /// recomputed after a change never reuses a child query's answer from before it.
    /// </summary>
    private void OnChanges(IReadOnlyList<Data.Live.ConsoleChange> changes)
    {
        var touched = _entries.Values.Where(e => changes.Any(c => e.Topics.Contains(c.Topic))).ToList();
        var heardAt = ConsoleEvents.DeliveryStartedAt;
        foreach (var entry in touched)
        {
            if (entry.Incremental)
            {
                entry.Heard(changes.Where(c => entry.Topics.Contains(c.Topic)));
            }

            Interlocked.CompareExchange(ref entry.ChangeHeardAt, heardAt, 0);
            Interlocked.Increment(ref entry.Generation);
        }

        foreach (var entry in touched.Where(e => !e.Watchers.IsEmpty))
        {
            entry.CausedBy(heardAt);
            _ = RefreshAsync(entry);
        }
    }

    /// <summary>How many times <paramref name="query"/> was computed (tests and benchmarks read it).</summary>
    public long Computations(ILiveQuery query) => Computations(query.Key);

    /// <summary>The same by key, for a query declared privately (a report's child part, a brief line).</summary>
    public long Computations(string key) => _entries.TryGetValue(key, out var entry) ? Interlocked.Read(ref entry.Computations) : 0;

    /// <summary>How many computations ran, all queries together.</summary>
    public long TotalComputations => _entries.Values.Sum(e => Interlocked.Read(ref e.Computations));

    /// <summary>The current answer: cached unless a relevant change or its max age made it stale.</summary>
    public Task<LiveValue<T>> GetAsync<T>(LiveQuery<T> query, CancellationToken ct = default) => GetAsync(query, null, ct);

    /// <summary>
    /// The current answers of <paramref name="parts"/>, in order: how an answer made of parts (the brief's lines, the
    /// failures report's sources) reads them, each reused until its own topics change.
    /// </summary>
    public async Task<IReadOnlyList<T>> GetAllAsync<T>(IReadOnlyList<LiveQuery<T>> parts, CancellationToken ct = default)
    {
        var answers = new T[parts.Count];
        for (var i = 0; i < parts.Count; i++)
        {
            answers[i] = (await GetAsync(parts[i], ct)).Value;
        }

        return answers;
    }

    /// <summary>
    /// As <see cref="GetAsync{T}(LiveQuery{T}, CancellationToken)"/>, computing with <paramref name="load"/> when the
    /// answer must be computed: for a child query whose parent knows how to read it (a failures source).
    /// </summary>
    public async Task<LiveValue<T>> GetAsync<T>(LiveQuery<T> query, Func<CancellationToken, Task<T>>? load, CancellationToken ct = default)
    {
        var entry = EntryFor(query);
        return (LiveValue<T>)(await entry.GetAsync(_time, load, ct)).Value;
    }

    /// <summary>The version of the answer readers would get now without computing, or null when it is stale.</summary>
    public long? FreshVersion(ILiveQuery query) =>
        _entries.TryGetValue(query.Key, out var entry) && entry.Fresh(Interlocked.Read(ref entry.Generation), _time) is { } snapshot ? snapshot.Version : null;

    /// <summary>
    /// Calls <paramref name="onChanged"/> (with when the change was heard, <see cref="Stopwatch.GetTimestamp"/>) each
    /// time <paramref name="query"/>'s answer changed — after the new answer is computed. Dispose to stop.
    /// </summary>
    public IDisposable Watch<T>(LiveQuery<T> query, Func<long, Task> onChanged)
    {
        var entry = EntryFor(query);
        var watcher = new Watcher(entry, onChanged);
        entry.AddWatcher(watcher);
        return watcher;
    }

    /// <summary>Marks <paramref name="query"/> stale (something outside the topics changed, e.g. the database health).</summary>
    public void Invalidate(ILiveQuery query)
    {
        if (_entries.TryGetValue(query.Key, out var entry))
        {
            Invalidate(entry, Stopwatch.GetTimestamp());
        }
    }

    /// <param name="cause">When the invalidation was heard: what the watchers are told, and what the round answers.</param>
    private void Invalidate(Entry entry, long cause)
    {
        entry.LoadWhole(); // not a change naming its records: an incremental answer cannot be patched for it
        Interlocked.Increment(ref entry.Generation);
        if (!entry.Watchers.IsEmpty)
        {
            entry.Due(cause);
            _ = RefreshAsync(entry);
        }
    }

    private Entry EntryFor<T>(LiveQuery<T> query)
    {
        if (_entries.TryGetValue(query.Key, out var existing))
        {
            return existing;
        }

        // Created under a lock so exactly one entry (one answer, one computation at a time) exists per query.
        lock (_create)
        {
            return _entries.GetOrAdd(query.Key, _ => new Entry(query, Compute(query)));
        }
    }

    private Func<Snapshot?, Delegate?, LiveChanges?, CancellationToken, Task<(object Value, long Version, byte[]? Fingerprint)>> Compute<T>(LiveQuery<T> query) => async (previous, load, changes, ct) =>
    {
        var started = Stopwatch.GetTimestamp();
        var value = load is Func<CancellationToken, Task<T>> given ? await given(ct)
            : changes is not null && previous is not null && query.Update is { } update ? await update(_services, ((LiveValue<T>)previous.Value).Value, changes, ct)
            : await query.Load(_services, ct);
        LiveMetrics.RecordSharedQuery(started, query.Key);
        if (previous is not null && query.Same is { } same && same(((LiveValue<T>)previous.Value).Value, value))
        {
            // Shows the same: the version stays (no screen re-renders, nobody is told), and the answer is the new one,
            // so the times it carries are the latest computation's (the failures report's generatedAt in the API).
            return (new LiveValue<T>(value, previous.Version), previous.Version, null);
        }

        var fingerprint = query.Fingerprint(value);
        if (previous is not null && fingerprint is not null && previous.Fingerprint is { } before && before.AsSpan().SequenceEqual(fingerprint))
        {
            return (previous.Value, previous.Version, fingerprint); // the same answer: keep the version (and the instance screens hold)
        }

        var version = (previous?.Version ?? 0) + 1;
        return (new LiveValue<T>(value, version), version, fingerprint);
    };

    /// <summary>
    /// Recomputes a watched answer after an invalidation; bursts coalesce (one running, one more queued), and a
    /// recomputation starts at least <see cref="RefreshInterval"/> after the previous one (leading edge: the first
    /// after a quiet spell starts at once).
    /// </summary>
    private async Task RefreshAsync(Entry entry)
    {
        if (Interlocked.Increment(ref entry.RefreshRequests) > 1)
        {
            return;
        }

        // Set before yielding: a screen told of another answer of the same change must see this one coming.
        var round = entry.StartRound();

        // Never on the thread that delivered the change (often the request or writer that saved it).
        await Task.Yield();
        while (true)
        {
            if (Volatile.Read(ref entry.LastRefreshAt) is var last and not 0
                && RefreshInterval - Stopwatch.GetElapsedTime(last) is { Ticks: > 0 } wait)
            {
                await Task.Delay(wait);
            }

            // Read after the wait: every change heard until now is answered by this one computation.
            var seen = Volatile.Read(ref entry.RefreshRequests);
            Volatile.Write(ref entry.LastRefreshAt, Stopwatch.GetTimestamp());
            var heardAt = Interlocked.Exchange(ref entry.ChangeHeardAt, 0);
            try
            {
                var after = await entry.GetAsync(_time, null, CancellationToken.None);
                // Compared with what the watchers were last told of, not with the answer before this round: a reader may
                // have computed the new answer meanwhile (ADR 209). An equal answer in a new instance (a query with its own
                // comparison) is told too, so no circuit keeps an old instance alive; the version did not move, so no
                // screen re-renders (ADR 208).
                if (entry.Publish(after))
                {
                    entry.Notify(heardAt == 0 ? Stopwatch.GetTimestamp() : heardAt, _logger);
                }
            }
            catch (Exception ex)
            {
                _logger.LogWarning(ex, "Recomputing live query {Query} failed; its watchers keep the last answer", entry.Key);
            }

            // After the watchers were told, so a screen waiting for this round has its request in by then.
            round.TrySetResult();
            if (Interlocked.CompareExchange(ref entry.RefreshRequests, 0, seen) == seen)
            {
                return;
            }

            round = entry.StartRound();
        }
    }

    /// <summary>
    /// Completes when every recomputation of a watched answer running or queued now, for one of
    /// <paramref name="causes"/> (when its change or max age was heard, as watchers are told; null: for any cause), has
    /// finished and told its watchers (not those started later). A screen told of one answer waits for this so the
    /// other answers of the same change reach it in the same pass (<see cref="CircuitRefresh"/>), and is not held by an
    /// answer recomputed for something else, such as a slow report that reached its max age (ADR 210).
    /// </summary>
    public Task RecomputingAsync(IReadOnlySet<long>? causes = null)
    {
        List<Task>? running = null;
        foreach (var entry in _entries.Values)
        {
            if (entry.RunningFor(causes) is { } round)
            {
                (running ??= []).Add(round);
            }
        }

        return running is null ? Task.CompletedTask : Task.WhenAll(running);
    }

    private void RefreshExpired()
    {
        // One cause for the whole tick: the screens told of its answers take them in one pass.
        var tick = Stopwatch.GetTimestamp();
        foreach (var entry in _entries.Values)
        {
            if (entry.Watchers.IsEmpty || Volatile.Read(ref entry.Current) is not { } current)
            {
                continue;
            }

            if (_time.GetUtcNow() - current.ComputedAt >= entry.MaxAge)
            {
                Invalidate(entry, tick);
            }
            else if (entry.Unpublished)
            {
                // A reader recomputed an expired answer before this tick did: its watchers are told now.
                entry.Due(tick);
                _ = RefreshAsync(entry);
            }
        }
    }

    public void Dispose()
    {
        _ticker.Dispose();
        _subscription.Dispose();
    }

    private sealed record Snapshot(long Generation, DateTimeOffset ComputedAt, object Value, long Version, byte[]? Fingerprint);

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "An entry lives as long as the registry; a computation still running at shutdown must be able to release its lock.")]
    private sealed class Entry(ILiveQuery query, Func<Snapshot?, Delegate?, LiveChanges?, CancellationToken, Task<(object Value, long Version, byte[]? Fingerprint)>> compute)
    {
        public long Generation;
        public long Computations;
        public long ChangeHeardAt;
        public long LastRefreshAt;
        public int RefreshRequests;
        public Snapshot? Current;

        /// <summary>The answer the watchers were last told of (or could load when the first of them started watching).</summary>
        private Snapshot? _published;

        public ImmutableArray<Watcher> Watchers = [];
        private Round? _round;
        private HashSet<long> _causes = [];
        private readonly Lock _rounds = new();
        private readonly SemaphoreSlim _compute = new(1, 1);
        private readonly Lock _watchers = new();

        // An incremental query's changes since its answer; null: the next answer is loaded whole.
        private readonly Lock _changes = new();
        private HashSet<Data.Live.ConsoleChange>? _heard;

        public bool Incremental => query.Incremental;

        /// <summary>Before the generation moves (so a computation that misses these is already stale).</summary>
        public void Heard(IEnumerable<Data.Live.ConsoleChange> changes)
        {
            lock (_changes)
            {
                foreach (var change in changes)
                {
                    if (_heard is null)
                    {
                        return;
                    }

                    if (change.RecordId is null || (!_heard.Contains(change) && _heard.Count >= LiveChanges.Limit))
                    {
                        _heard = null;
                        return;
                    }

                    _heard.Add(change);
                }
            }
        }

        public void LoadWhole()
        {
            lock (_changes)
            {
                _heard = null;
            }
        }

        /// <summary>The changes the next answer is patched with, or null to load it whole; starts a new collection.</summary>
        private LiveChanges? TakeChanges(bool patchable)
        {
            if (!Incremental)
            {
                return null;
            }

            lock (_changes)
            {
                var taken = patchable && _heard is not null ? new LiveChanges(_heard.ToList()) : null;
                _heard = [];
                return taken;
            }
        }

        public string Key => query.Key;

        /// <summary>
        /// A recomputation is due for <paramref name="cause"/>: the next round answers it, and so may the running one
        /// (if its computation has not started, it does; if it has, the next round will).
        /// </summary>
        public void CausedBy(long cause)
        {
            lock (_rounds)
            {
                _causes.Add(cause);
                if (_round is { Done.Task.IsCompleted: false } running)
                {
                    running.Causes.Add(cause);
                }
            }
        }

        /// <summary>A round is due for <paramref name="cause"/>, heard now: the watchers' lag counts from it unless an older one waits.</summary>
        public void Due(long cause)
        {
            Interlocked.CompareExchange(ref ChangeHeardAt, cause, 0);
            CausedBy(cause);
        }

        /// <summary>One recomputation (throttle wait included), until its watchers are told; answers the causes heard so far.</summary>
        public TaskCompletionSource StartRound()
        {
            lock (_rounds)
            {
                _round = new Round(_causes);
                _causes = [];
                return _round.Done;
            }
        }

        /// <summary>The running round, if it answers one of <paramref name="causes"/> (null: any).</summary>
        public Task? RunningFor(IReadOnlySet<long>? causes)
        {
            lock (_rounds)
            {
                return _round is { Done.Task.IsCompleted: false } running && (causes is null || running.Causes.Overlaps(causes))
                    ? running.Done.Task
                    : null;
            }
        }

        public System.Collections.Frozen.FrozenSet<string> Topics { get; } = System.Collections.Frozen.FrozenSet.ToFrozenSet(query.Topics, StringComparer.Ordinal);

        public TimeSpan MaxAge => query.MaxAge;

        public Snapshot? Fresh(long wanted, TimeProvider time)
        {
            var snapshot = Volatile.Read(ref Current);
            return snapshot is not null && snapshot.Generation >= wanted && time.GetUtcNow() - snapshot.ComputedAt < MaxAge ? snapshot : null;
        }

        public async Task<Snapshot> GetAsync(TimeProvider time, Delegate? load, CancellationToken ct)
        {
            var wanted = Interlocked.Read(ref Generation);
            if (Fresh(wanted, time) is { } cached)
            {
                return cached;
            }

            await _compute.WaitAsync(ct);
            try
            {
                if (Fresh(wanted, time) is { } meanwhile)
                {
                    return meanwhile;
                }

                // Read before computing: a change saved meanwhile bumps it, so the next reader recomputes.
                var generation = Interlocked.Read(ref Generation);
                var previous = Volatile.Read(ref Current);
                var changes = TakeChanges(previous is not null && time.GetUtcNow() - previous.ComputedAt < MaxAge);
                (object Value, long Version, byte[]? Fingerprint) computed;
                try
                {
                    computed = await compute(previous, load, changes, CancellationToken.None);
                }
                catch
                {
                    LoadWhole(); // the changes taken are lost with this computation: the next answer starts from the data
                    throw;
                }

                var (value, version, fingerprint) = computed;
                Interlocked.Increment(ref Computations);
                var snapshot = new Snapshot(generation, time.GetUtcNow(), value, version, fingerprint);
                Volatile.Write(ref Current, snapshot);
                FirstAnswer(snapshot);
                return snapshot;
            }
            finally
            {
                _compute.Release();
            }
        }

        /// <summary>Whether the current answer is one the watchers were not told of.</summary>
        public bool Unpublished => Volatile.Read(ref Current) is { } current && Differs(current, Volatile.Read(ref _published));

        /// <summary>
        /// Records <paramref name="answer"/> as what the watchers are told of; false when they were told of it already.
        /// Called by one refresh round of this entry at a time.
        /// </summary>
        public bool Publish(Snapshot answer)
        {
            if (!Differs(answer, Volatile.Read(ref _published)))
            {
                return false;
            }

            Volatile.Write(ref _published, answer);
            return true;
        }

        private static bool Differs(Snapshot answer, Snapshot? told) =>
            told is null || answer.Version != told.Version || !ReferenceEquals(answer.Value, told.Value);

        public void AddWatcher(Watcher watcher)
        {
            lock (_watchers)
            {
                if (Watchers.IsEmpty)
                {
                    // Nobody was told anything before: the first watcher loaded the current answer (or catches up itself).
                    Volatile.Write(ref _published, Volatile.Read(ref Current));
                    // A change heard while nobody watched was never answered by a round: forgotten, so the next round
                    // tells the watchers when its own change was heard (their lag, and the cause their pass waits for).
                    Interlocked.Exchange(ref ChangeHeardAt, 0);
                }

                Watchers = Watchers.Add(watcher);
            }
        }

        public void RemoveWatcher(Watcher watcher)
        {
            lock (_watchers)
            {
                Watchers = Watchers.Remove(watcher);
                if (Watchers.IsEmpty)
                {
                    Volatile.Write(ref _published, null); // told to nobody now; the next first watcher starts from Current
                }
            }
        }

        /// <summary>
        /// The first answer is what watchers already waiting for it start from. An entry nobody watches keeps no told
        /// answer: a report's parts are never watched, and each would pin its first answer (the failures sources'
        /// thousands of items) for the life of the app.
        /// </summary>
        private void FirstAnswer(Snapshot snapshot)
        {
            lock (_watchers)
            {
                if (!Watchers.IsEmpty)
                {
                    Interlocked.CompareExchange(ref _published, snapshot, null);
                }
            }
        }

        public void Notify(long heardAt, ILogger logger)
        {
            foreach (var watcher in Watchers)
            {
                _ = watcher.InvokeAsync(heardAt, logger);
            }
        }
    }

    /// <summary>One recomputation of an entry and the causes it answers (when their changes or max ages were heard).</summary>
    private sealed class Round(HashSet<long> causes)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public HashSet<long> Causes { get; } = causes;
    }

    private sealed class Watcher(Entry entry, Func<long, Task> onChanged) : IDisposable
    {
        public async Task InvokeAsync(long heardAt, ILogger logger)
        {
            try
            {
                await onChanged(heardAt);
            }
            catch (Exception ex)
            {
                // One broken screen must not stop the others; components report their own errors.
                logger.LogWarning(ex, "A live query watcher failed");
            }
        }

        public void Dispose() => entry.RemoveWatcher(this);
    }
}
