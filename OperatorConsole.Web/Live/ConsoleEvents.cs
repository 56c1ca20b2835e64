using System.Collections.Immutable;
using OperatorConsole.Data.Live;

namespace OperatorConsole.Web.Live;

/// <summary>
/// The console's event stream. Every saved change arrives here (via <see cref="IConsoleChangeSink"/>), goes
/// through the backplane (in-process, or Redis across instances), and is handed to the subscribed circuits
/// whose topics it touches. Components never talk to the backplane; swapping it does not touch them.
/// </summary>
public sealed class ConsoleEvents : IConsoleChangeSink, IDisposable
{
    private readonly ILiveBackplane _backplane;
    private readonly ILogger<ConsoleEvents> _logger;
    private ImmutableArray<Subscription> _subscriptions = [];
    private readonly Lock _gate = new();

    public ConsoleEvents(ILiveBackplane backplane, ILogger<ConsoleEvents> logger)
    {
        _backplane = backplane;
        _logger = logger;
        _backplane.Start(Deliver);
    }

    public int SubscriberCount => _subscriptions.Length;

    /// <summary>Increases with every delivery: lets a component tell whether anything changed since it loaded.</summary>
    public long Version => Interlocked.Read(ref _version);

    private long _version;

    [ThreadStatic]
    private static long t_deliveryStartedAt;

    /// <summary>
    /// Inside a handler (before its first await): when this instance started delivering the change
    /// (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>). Later subscribers are called later in the same
    /// delivery; screens measure how late they are from here, not from their own turn. Outside a delivery: now.
    /// </summary>
    public static long DeliveryStartedAt => t_deliveryStartedAt != 0 ? t_deliveryStartedAt : System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Raised after every delivery (tests and the stand-up screen's "last update" use it).</summary>
    public event Action<IReadOnlyList<ConsoleChange>>? Delivered;

    public void Publish(IReadOnlyList<ConsoleChange> changes)
    {
        if (changes.Count > 0)
        {
            _backplane.Publish(changes);
        }
    }

    /// <summary>Calls <paramref name="handler"/> for changes to any of <paramref name="topics"/> (empty: every change).</summary>
    public IDisposable Subscribe(IReadOnlyCollection<string> topics, Func<IReadOnlyList<ConsoleChange>, Task> handler)
    {
        var subscription = new Subscription(this, topics.ToFrozenSet(), handler);
        lock (_gate)
        {
            _subscriptions = _subscriptions.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Local fan-out; the backplane calls it for changes from this and from other instances.</summary>
    internal void Deliver(IReadOnlyList<ConsoleChange> changes)
    {
        t_deliveryStartedAt = System.Diagnostics.Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _version);
        foreach (var subscription in _subscriptions)
        {
            if (subscription.Topics.Count > 0 && !changes.Any(c => subscription.Topics.Contains(c.Topic)))
            {
                continue;
            }

            _ = InvokeAsync(subscription, changes);
        }

        Delivered?.Invoke(changes);
    }

    private async Task InvokeAsync(Subscription subscription, IReadOnlyList<ConsoleChange> changes)
    {
        try
        {
            await subscription.Handler(changes);
        }
        catch (Exception ex)
        {
            // One broken subscriber must not stop the others; components report their own errors.
            _logger.LogWarning(ex, "A live subscriber failed");
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _subscriptions = _subscriptions.Remove(subscription);
        }
    }

    public void Dispose() => _backplane.Dispose();

    private sealed class Subscription(ConsoleEvents owner, System.Collections.Frozen.FrozenSet<string> topics, Func<IReadOnlyList<ConsoleChange>, Task> handler) : IDisposable
    {
        public System.Collections.Frozen.FrozenSet<string> Topics { get; } = topics;
        public Func<IReadOnlyList<ConsoleChange>, Task> Handler { get; } = handler;

        public void Dispose() => owner.Remove(this);
    }
}

internal static class FrozenSetExtensions
{
    public static System.Collections.Frozen.FrozenSet<string> ToFrozenSet(this IReadOnlyCollection<string> topics) =>
        System.Collections.Frozen.FrozenSet.ToFrozenSet(topics, StringComparer.Ordinal);
}
