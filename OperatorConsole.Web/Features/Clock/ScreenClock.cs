using OperatorConsole.Data.Clock;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Clock;

/// <summary>
/// The one reference time of a screen (<see cref="ReferenceClock"/>): the newest recorded activity is a shared live
/// query (<see cref="Activity"/>, one read per change for every circuit and API caller), and the rule is applied to
/// it with the viewer's <see cref="ClockMode"/>. Every card and endpoint that shows a time-based figure asks here, so
/// the banner, the scorecard, the brief, the constraint and the charts of one screen name the same date.
/// </summary>
public sealed class ScreenClock(LiveQueries queries, DataClockService data)
{
    /// <summary>The cookie that remembers a browser's choice ("now"); absent means "follow the data".</summary>
    public const string Cookie = "oc-clock";

    public static readonly LiveQuery<DataActivity> Activity = LiveQuery.For<DataClockService, DataActivity>(
        "clock.data-activity", DataClockService.Topics, s => s.GetActivityAsync());

    public async Task<ReferenceTime> ResolveAsync(ClockMode mode, CancellationToken ct = default) =>
        data.Resolve((await queries.GetAsync(Activity, ct)).Value, mode);

    /// <summary>The mode a request asked for: <c>?clock=now</c>, else the browser's cookie, else follow the data.</summary>
    public static ClockMode ModeOf(HttpContext? http, string? query = null) =>
        string.Equals(query ?? http?.Request.Cookies[Cookie], "now", StringComparison.OrdinalIgnoreCase) ? ClockMode.Now : ClockMode.Data;
}

/// <summary>
/// A shared screen answer computed at a reference time: one <see cref="LiveQuery{T}"/> per <see cref="ClockMode"/>
/// (keys "<c>key@data</c>" and "<c>key@now</c>"), invalidated by its own topics and by anything that moves the clock.
/// Each load reads the clock through <see cref="ScreenClock"/>, so the answer carries the date the banner shows.
/// </summary>
public sealed class ClockedQuery<T>
{
    private readonly LiveQuery<T> _data;
    private readonly LiveQuery<T> _now;

    public ClockedQuery(string key, IReadOnlyCollection<string> topics, Func<IServiceProvider, ReferenceTime, CancellationToken, Task<T>> load,
        TimeSpan? maxAge = null, Func<T, T, bool>? same = null)
    {
        var all = topics.Concat(DataClockService.Topics).Distinct(StringComparer.Ordinal).ToList();
        _data = new LiveQuery<T>($"{key}@data", all, (sp, ct) => LoadAsync(sp, ClockMode.Data, load, ct), maxAge) { Same = same };
        _now = new LiveQuery<T>($"{key}@now", all, (sp, ct) => LoadAsync(sp, ClockMode.Now, load, ct), maxAge) { Same = same };
    }

    public LiveQuery<T> For(ClockMode mode) => mode == ClockMode.Now ? _now : _data;

    private static async Task<T> LoadAsync(IServiceProvider services, ClockMode mode, Func<IServiceProvider, ReferenceTime, CancellationToken, Task<T>> load, CancellationToken ct) =>
        await load(services, await services.GetRequiredService<ScreenClock>().ResolveAsync(mode, ct), ct);
}

/// <summary>Declaring clocked queries.</summary>
public static class ClockedQuery
{
    /// <summary>A clocked query answered by one service method taking the reference time.</summary>
    public static ClockedQuery<T> For<TService, T>(string key, IReadOnlyCollection<string> topics, Func<TService, ReferenceTime, Task<T>> load, TimeSpan? maxAge = null,
        Func<T, T, bool>? same = null)
        where TService : notnull =>
        new(key, topics, (services, at, _) => load(services.GetRequiredService<TService>(), at), maxAge, same);
}
