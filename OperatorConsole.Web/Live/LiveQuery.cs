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
    TimeSpan? maxAge = null) : ILiveQuery
{
    public static readonly TimeSpan DefaultMaxAge = TimeSpan.FromSeconds(30);

    /// <summary>Unique per query (e.g. "charts.pipeline-by-stage"); the registry's key.</summary>
    public string Key { get; } = key;

    public IReadOnlyCollection<string> Topics { get; } = topics;

    public TimeSpan MaxAge { get; } = maxAge ?? DefaultMaxAge;

    public bool Incremental => Update is not null;

    internal Func<IServiceProvider, CancellationToken, Task<T>> Load { get; } = load;

    /// <summary>
    /// Optional: brings the previous answer up to date from the records the changes since it named (their topics and
    /// ids), instead of loading it again — for a large answer of which one change touches a row or two (every open
    /// lead's last run). Used only when every such change named its record, at most <see cref="LiveChanges.Limit"/>
    /// of them, and the previous answer is younger than <see cref="MaxAge"/>; otherwise, and after a failed update,
    /// the answer is loaded whole. It must give what a load would give now.
    /// </summary>
    public Func<IServiceProvider, T, LiveChanges, CancellationToken, Task<T>>? Update { get; init; }

    /// <summary>
    /// Optional: whether a recomputed answer shows the same as the previous one, compared directly. Without it the two
    /// are compared as JSON. Equal → the version does not move and no screen re-renders; the new answer replaces the
    /// old under that version, so the times it carries stay those of the latest computation. For a large answer that
    /// carries the time it was computed at (the failures report): JSON would be built after every change only to be
    /// compared, and a comparison can leave those times out and stop at the first difference.
    /// </summary>
    public Func<T, T, bool>? Same { get; init; }

    /// <summary>
    /// A digest of the answer as JSON, what answers without <see cref="Same"/> are compared on. A digest, not the JSON:
    /// a large answer (the scorecard's records on a real CRM, 2.5 MB) was kept twice per query and serialized into
    /// rented megabyte buffers the pool then held on to.
    /// </summary>
    internal byte[]? Fingerprint(T value)
    {
        if (Same is not null)
        {
            return null;
        }

        try
        {
            return JsonDigest.Of(value, LiveQuery.FingerprintJson);
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
    /// <summary>
    /// The max age of an answer that depends on the data alone, not on the time (a count per stage, the names the chat
    /// knows): only a change can alter it, and every change is heard (on every instance, through the backplane), so
    /// recomputing it on the clock would redo the same work. The bound is a safety net for a write that published no
    /// change (a hand edit of the database). Answers that age with the time keep <see cref="LiveQuery{T}.DefaultMaxAge"/>.
    /// </summary>
    public static readonly TimeSpan TimelessMaxAge = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The max age of an answer whose time shows by the day: periods named by their dates, ages in whole days, rolling
    /// windows of weeks (the money scorecard, the constraint, won value per week, the deals expected to close). A change
    /// re-reads it at once whatever this bound; time alone moves what it shows a day at a time. Re-read every 30 s
    /// (<see cref="LiveQuery{T}.DefaultMaxAge"/>), they were the Command Center's heaviest reads (0.1–0.5 s each on
    /// 10,000 leads) redone twice a minute on every watched screen with nothing new to show, and a change heard beside
    /// them waited for the cores (ADR 246). The cost: a day boundary, or a deal leaving a rolling window, shows up to
    /// 5 minutes late.
    /// </summary>
    public static readonly TimeSpan DailyMaxAge = TimeSpan.FromMinutes(5);

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

/// <summary>
/// The changes a live query heard since its previous answer (see <see cref="LiveQuery{T}.Update"/>): each a topic of
/// the query and the id of the record it named.
/// </summary>
public sealed class LiveChanges(IReadOnlyCollection<Data.Live.ConsoleChange> changes)
{
    /// <summary>More changes than this between two answers, and the answer is loaded whole.</summary>
    public const int Limit = 256;

    public IReadOnlyCollection<Data.Live.ConsoleChange> All { get; } = changes;

    /// <summary>The integer ids named under <paramref name="topics"/> (a lead's id under "Lead" and its activity topics).</summary>
    public IReadOnlyList<int> Ids(params string[] topics) =>
        All.Where(c => topics.Contains(c.Topic, StringComparer.Ordinal))
            .Select(c => int.TryParse(c.RecordId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .OfType<int>().Distinct().ToList();
}

/// <summary>A query's identity, whatever its answer type.</summary>
public interface ILiveQuery
{
    string Key { get; }

    IReadOnlyCollection<string> Topics { get; }

    TimeSpan MaxAge { get; }

    /// <summary>Whether the query can be brought up to date from the changes' record ids (<see cref="LiveQuery{T}.Update"/>).</summary>
    bool Incremental { get; }
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
