using System.Collections.Concurrent;

namespace OperatorConsole.Web.Live;

/// <summary>
/// What a live query is: a name, the topics whose changes invalidate it, how long its answer may be reused
/// when nothing changed (answers that depend on "now" — a lead going stale — need a bound), how to load it, and
/// what counts as "the same answer". Declared once (a static field next to its screen or cache); the
/// <see cref="LiveQueries"/> registry keeps one shared answer per query for every open circuit and API caller.
/// </summary>
/// <typeparam name="T">The answer; shared by every reader, so treat it as read-only.</typeparam>
public sealed class LiveQuery<T>(
    string key,
    IReadOnlyCollection<string> topics,
    Func<IServiceProvider, CancellationToken, Task<T>> load,
    TimeSpan? maxAge = null,
    Func<T, object?>? sameness = null) : ILiveQuery
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(30);

    /// <summary>Unique per query (e.g. "charts.pipeline-by-stage"); the registry's key.</summary>
    public string Key { get; } = key;

    public IReadOnlyCollection<string> Topics { get; } = topics;

    public TimeSpan MaxAge { get; } = maxAge ?? DefaultMaxAge;

    internal Func<IServiceProvider, CancellationToken, Task<T>> Load { get; } = load;

    /// <summary>
    /// What a recomputed answer is compared on (default: the answer itself, as JSON). Equal → the version does not
    /// move and no screen re-renders. E.g. a report compares without its "generated at" time.
    /// </summary>
    internal byte[]? Fingerprint(T value)
    {
        try
        {
            return System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(sameness is null ? value : sameness(value), LiveQuery.FingerprintJson);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return null; // not comparable: every recomputation counts as a change
        }
    }
}

/// <summary>Declaring live queries.</summary>
public static class LiveQuery
{
    /// <summary>A query answered by one service method, e.g. <c>For&lt;ChartQueries, …&gt;("charts.x", [topics], c =&gt; c.XAsync())</c>.</summary>
    public static LiveQuery<T> For<TService, T>(string key, IReadOnlyCollection<string> topics, Func<TService, Task<T>> load, TimeSpan? maxAge = null)
        where TService : notnull =>
        new(key, topics, (services, _) => load(services.GetRequiredService<TService>()), maxAge);

    internal static readonly System.Text.Json.JsonSerializerOptions FingerprintJson = new()
    {
        IncludeFields = true, // value tuples keep their data in fields
        ReferenceHandler = System.Text.Json.Serialization.ReferenceHandler.IgnoreCycles,
    };
}

/// <summary>A query's identity, whatever its answer type.</summary>
public interface ILiveQuery
{
    string Key { get; }

    IReadOnlyCollection<string> Topics { get; }

    TimeSpan MaxAge { get; }
}

/// <summary>
/// A live query's answer with its version: the version moves only when a recomputation gave a different answer,
/// so a screen that rendered version N need not re-render for another N. Derived values (the report's JSON, a
/// panel's sorted list) are computed once per answer and shared like it.
/// </summary>
public sealed class LiveValue<T>(T value, long version)
{
    private readonly ConcurrentDictionary<string, object> _derived = new(StringComparer.Ordinal);

    public T Value { get; } = value;

    public long Version { get; } = version;

    /// <summary>Computes <paramref name="derive"/> once for this answer (per <paramref name="name"/>) and shares it.</summary>
    public TDerived Derived<TDerived>(string name, Func<T, TDerived> derive) where TDerived : notnull =>
        (TDerived)_derived.GetOrAdd(name, static (_, state) => state.derive(state.value), (derive, value: Value));
}
