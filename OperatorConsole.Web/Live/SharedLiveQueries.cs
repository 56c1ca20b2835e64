using System.Collections.Concurrent;

namespace OperatorConsole.Web.Live;

/// <summary>
/// One computation per change for data every screen shows alike (the Command Center's cards). Without it, a
/// change reloads each card once per open circuit: with 100 dashboards on 10,000 leads, one saved lead cost
/// 100 × every card's queries, and the Failures total everyone waits for queued behind them. Each query is
/// identified by a key, recomputed only after a change to one of its topics (or after <see cref="MaxAge"/>, as
/// its answer may depend on "now"), never twice at once; callers that wait for a running computation take it
/// if it started after the change they were told about.
/// Only for results that are the same for every viewer and never mutated by the component: the value is shared.
/// </summary>
public sealed class SharedLiveQueries(ConsoleEvents events, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _create = new();

    /// <summary>How many times <paramref name="key"/>'s query ran (tests and benchmarks read it).</summary>
    public long Computations<T>(string key) => _entries.TryGetValue(EntryKey<T>(key), out var entry) ? Interlocked.Read(ref entry.Computations) : 0;

    /// <summary>How many shared computations ran, all queries together (tests read it).</summary>
    public long TotalComputations => _entries.Values.Sum(e => Interlocked.Read(ref e.Computations));

    private static string EntryKey<T>(string key) => key + "|" + typeof(T).FullName;

    public async Task<T> GetAsync<T>(string key, IReadOnlyCollection<string> topics, Func<CancellationToken, Task<T>> load)
    {
        var entry = EntryFor(EntryKey<T>(key), topics);
        var wanted = Interlocked.Read(ref entry.Generation);
        if (entry.Fresh(wanted, time) is { } cached)
        {
            return (T)cached.Value!;
        }

        await entry.Compute.WaitAsync();
        try
        {
            if (entry.Fresh(wanted, time) is { } meanwhile)
            {
                return (T)meanwhile.Value!;
            }

            // Read before querying: a change saved during the query bumps it, so the next caller recomputes.
            var generation = Interlocked.Read(ref entry.Generation);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var value = await load(CancellationToken.None);
            LiveMetrics.RecordSharedQuery(started, key);
            Interlocked.Increment(ref entry.Computations);
            Volatile.Write(ref entry.Current, new Snapshot(generation, time.GetUtcNow(), value));
            return value;
        }
        finally
        {
            entry.Compute.Release();
        }
    }

    private Entry EntryFor(string key, IReadOnlyCollection<string> topics)
    {
        if (_entries.TryGetValue(key, out var existing))
        {
            return existing;
        }

        // Created under a lock so exactly one subscription exists per key. It is made before the caller's
        // component subscribes, so the stream bumps the entry before any component reloads from it.
        lock (_create)
        {
            if (_entries.TryGetValue(key, out existing))
            {
                return existing;
            }

            var entry = new Entry();
            entry.Subscription = events.Subscribe(topics, _ =>
            {
                Interlocked.Increment(ref entry.Generation);
                return Task.CompletedTask;
            });
            _entries[key] = entry;
            return entry;
        }
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Subscription?.Dispose();
            entry.Compute.Dispose();
        }
    }

    private sealed record Snapshot(long Generation, DateTimeOffset ComputedAt, object? Value);

    private sealed class Entry
    {
        public long Generation;
        public long Computations;
        public Snapshot? Current;
        public IDisposable? Subscription;

        public SemaphoreSlim Compute { get; } = new(1, 1);

        public Snapshot? Fresh(long wanted, TimeProvider time)
        {
            var snapshot = Volatile.Read(ref Current);
            return snapshot is not null && snapshot.Generation >= wanted && time.GetUtcNow() - snapshot.ComputedAt < MaxAge ? snapshot : null;
        }
    }
}
