using System.Diagnostics;

namespace OperatorConsole.Web.Live;

/// <summary>
/// The one coalescing step between a change and a screen, per circuit (a scoped service): every live component of
/// the screen asks it to refresh, and it answers them together.
/// <list type="bullet">
/// <item>At most one pass runs; changes heard during it cause exactly one more.</item>
/// <item>A pass first waits for the shared answers being recomputed right now for the changes it answers
/// (<see cref="LiveQueries.RecomputingAsync"/>, at most <see cref="DefaultMaxHold"/>): one change touches several of them
/// (report, brief, chart), each finishing at its own time, and their screens are told as each finishes. Waiting lets
/// them all be answered by one pass. Answers recomputed for another cause (another change, a max age) do not hold it.</item>
/// <item>The pass reloads each component on the circuit's dispatcher, then re-renders those whose data moved in one
/// render batch (<see cref="LiveBatchPoint"/>): one message, one browser task and one frame per change instead of one
/// per card. Without a batch point (a component rendered alone, in a test) each re-renders by itself.</item>
/// </list>
/// Errors go to the failing component's error boundary and do not stop the others.
/// </summary>
public sealed class CircuitRefresh(LiveQueries queries)
{
    /// <summary>
    /// The longest a pass waits for other shared answers: a slow or stuck query must not hold back the cards whose
    /// answers are ready. Real time, like the registry's refresh throttle: it bounds latency, not business time.
    /// </summary>
    public static readonly TimeSpan DefaultMaxHold = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private Dictionary<LiveComponentBase, long> _pending = [];
    private HashSet<long> _causes = [];
    private readonly Queue<LiveComponentBase> _toRender = new();
    private int _requests;
    private LiveBatchPoint? _point;

    /// <summary>The longest a pass waits for other shared answers (<see cref="DefaultMaxHold"/>).</summary>
    public TimeSpan MaxHold { get; init; } = DefaultMaxHold;

    /// <summary>Passes that re-rendered more than one component in one batch (tests and benchmarks read it).</summary>
    public int BatchedPasses { get; private set; }

    /// <summary>
    /// Refreshes <paramref name="component"/> in the next pass. <paramref name="heardAt"/> is when the change was heard
    /// (<see cref="Stopwatch.GetTimestamp"/>): the component's refresh lag is measured from its oldest unanswered change.
    /// </summary>
    public Task RequestAsync(LiveComponentBase component, long heardAt)
    {
        lock (_lock)
        {
            _pending.TryAdd(component, heardAt);
            _causes.Add(heardAt);
        }

        return Interlocked.Increment(ref _requests) > 1 ? Task.CompletedTask : RunAsync();
    }

    internal void Attach(LiveBatchPoint point) => _point = point;

    internal void Detach(LiveBatchPoint point) => Interlocked.CompareExchange(ref _point, null, point);

    /// <summary>Called by the batch point while its render batch is open: what is queued renders in that batch.</summary>
    internal void RenderQueued()
    {
        while (_toRender.TryDequeue(out var component))
        {
            component.RenderForChange();
        }
    }

    private async Task RunAsync()
    {
        // Never on the caller's thread: that is the delivery loop of whoever saved the change (often an API request).
        await Task.Yield();
        while (true)
        {
            // A timer only when something is being recomputed: most passes (a per-viewer change, a lone answer) have none.
            if (queries.RecomputingAsync(Causes()) is { IsCompleted: false } recomputing)
            {
                await Task.WhenAny(recomputing, Task.Delay(MaxHold));
            }

            var seen = Volatile.Read(ref _requests);
            Dictionary<LiveComponentBase, long> pass;
            lock (_lock)
            {
                (pass, _pending, _causes) = (_pending, [], []);
            }

            if (pass.Keys.FirstOrDefault(c => !c.IsDisposed) is { } any)
            {
                try
                {
                    await any.InvokeOnCircuitAsync(() => PassAsync(pass));
                }
                catch (ObjectDisposedException)
                {
                    return; // the circuit is gone
                }
            }

            if (Interlocked.CompareExchange(ref _requests, 0, seen) == seen)
            {
                return;
            }
        }
    }

    /// <summary>When the changes (or max ages) this pass will answer were heard.</summary>
    private HashSet<long> Causes()
    {
        lock (_lock)
        {
            return [.. _causes];
        }
    }

    /// <summary>On the dispatcher: reload each (one at a time: they may share the circuit's services), then render.</summary>
    private async Task PassAsync(Dictionary<LiveComponentBase, long> pass)
    {
        var changed = new List<LiveComponentBase>(pass.Count);
        foreach (var component in pass.Keys)
        {
            if (component.IsDisposed)
            {
                continue;
            }

            try
            {
                if (await component.ReloadForChangeAsync())
                {
                    changed.Add(component);
                }
            }
            catch (Exception ex)
            {
                await component.ReportErrorAsync(ex);
            }
        }

        RenderTogether(changed);
        foreach (var (component, heardAt) in pass)
        {
            LiveMetrics.RecordRefresh(heardAt, component.GetType().Name);
        }
    }

    private void RenderTogether(List<LiveComponentBase> changed)
    {
        if (changed.Count > 1 && _point is { } point)
        {
            foreach (var component in changed)
            {
                _toRender.Enqueue(component);
            }

            BatchedPasses++;
            // The point re-renders; while its batch is open it calls RenderQueued, so every StateHasChanged lands in
            // that batch. If the renderer is waiting for the browser to acknowledge earlier batches, the point's render
            // (and with it the queue) simply runs in the next one.
            point.Flush();
            return;
        }

        foreach (var component in changed)
        {
            component.RenderForChange();
        }
    }
}
