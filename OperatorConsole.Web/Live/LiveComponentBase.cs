using Microsoft.AspNetCore.Components;
using OperatorConsole.Data.Live;

namespace OperatorConsole.Web.Live;

/// <summary>
/// Binds a component to live data, one of two ways (or both):
/// <list type="bullet">
/// <item><b>Shared</b> — <see cref="Shared{T}(LiveQuery{T})"/> reads a <see cref="LiveQuery{T}"/>: one answer for every
/// circuit, recomputed once per change by <see cref="LiveQueries"/>, which tells this component only after the new
/// answer exists and only if it differs.</item>
/// <item><b>Per viewer</b> — <see cref="LiveTopics"/>: data that depends on this component's parameters or user is
/// re-read by <see cref="LoadAsync"/> after any change to those topics.</item>
/// </list>
/// Either way a change goes through one coalescing step, the circuit's <see cref="CircuitRefresh"/> (one pass at a
/// time for every live component of the screen, re-rendered in one batch), reloads on the circuit's dispatcher
/// (errors go to the error boundary), and re-renders only if something this component shows changed: a reload caused
/// only by shared queries whose versions did not move renders nothing. Subscriptions start after the first
/// interactive render (never while prerendering) and end with the component.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private readonly Dictionary<string, Binding> _bindings = new(StringComparer.Ordinal);
    private IDisposable? _subscription;
    private long _loadedEventsVersion;
    private int _perViewerChanged;
    private bool _subscribed;
    private bool _disposed;

    [Inject]
    protected ConsoleEvents Events { get; set; } = default!;

    [Inject]
    protected LiveQueries Queries { get; set; } = default!;

    [Inject]
    private CircuitRefresh Refresh { get; set; } = default!;

    /// <summary>Topics of the per-viewer data <see cref="LoadAsync"/> reads (not those of its shared queries).</summary>
    protected abstract IReadOnlyCollection<string> LiveTopics { get; }

    /// <summary>Reads the data the component renders. Called at start and after every relevant change.</summary>
    protected abstract Task LoadAsync();

    /// <summary>When the data was last read: shown on screen so a viewer can tell the card is live.</summary>
    protected DateTimeOffset? LoadedAt { get; private set; }

    /// <summary>Re-renders skipped because nothing this component shows had changed (tests and benchmarks read it).</summary>
    public int SkippedRenders { get; private set; }

    /// <summary>
    /// The shared answer of <paramref name="query"/>, and this component is told when it changes. Only for data that
    /// is the same for every viewer; the value is shared, so treat it as read-only.
    /// </summary>
    protected async Task<T> Shared<T>(LiveQuery<T> query) => (await SharedValue(query)).Value;

    /// <summary>As <see cref="Shared{T}(LiveQuery{T})"/>, with the answer's version and its shared derived values.</summary>
    protected async Task<LiveValue<T>> SharedValue<T>(LiveQuery<T> query)
    {
        var value = await Queries.GetAsync(query);
        if (!_bindings.TryGetValue(query.Key, out var binding))
        {
            binding = new Binding(query, q => Queries.Watch((LiveQuery<T>)q, OnSharedChangedAsync));
            _bindings[query.Key] = binding;
            if (_subscribed)
            {
                binding.Start();
            }
        }

        binding.Version = value.Version;
        return value;
    }

    protected override async Task OnInitializedAsync()
    {
        _loadedEventsVersion = Events.Version;
        await LoadAsync();
        LoadedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// Subscribes after the first interactive render, never while prerendering: a change arriving during a
    /// one-shot prerender must not re-render a response that is already being streamed. A change that landed
    /// between the load and the subscription is caught up at once.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && !_subscribed && !_disposed)
        {
            _subscribed = true;
            if (LiveTopics.Count > 0)
            {
                _subscription = Events.Subscribe(LiveTopics, OnTopicsChangedAsync);
            }

            foreach (var binding in _bindings.Values)
            {
                binding.Start();
            }

            var topicsMissed = LiveTopics.Count > 0 && Events.Version != _loadedEventsVersion;
            if (topicsMissed || _bindings.Values.Any(b => Queries.FreshVersion(b.Query) != b.Version))
            {
                Interlocked.Exchange(ref _perViewerChanged, topicsMissed ? 1 : 0);
                await Refresh.RequestAsync(this, System.Diagnostics.Stopwatch.GetTimestamp());
            }
        }

        await base.OnAfterRenderAsync(firstRender);
    }

    /// <summary>Reload and re-render now (after a parameter change or a user action).</summary>
    protected async Task ReloadAsync()
    {
        await LoadAsync();
        LoadedAt = DateTimeOffset.UtcNow;
        StateHasChanged();
    }

    internal bool IsDisposed => _disposed;

    /// <summary>
    /// After a change (called by <see cref="CircuitRefresh"/> on the dispatcher): reloads, and says whether to re-render —
    /// only if per-viewer data may have changed or a shared answer moved.
    /// </summary>
    internal async Task<bool> ReloadForChangeAsync()
    {
        var perViewer = Interlocked.Exchange(ref _perViewerChanged, 0) == 1;
        var before = _bindings.ToDictionary(b => b.Key, b => b.Value.Version, StringComparer.Ordinal);
        await LoadAsync();
        LoadedAt = DateTimeOffset.UtcNow;
        var sharedMoved = _bindings.Count != before.Count || _bindings.Any(b => !before.TryGetValue(b.Key, out var v) || v != b.Value.Version);
        if (perViewer || sharedMoved)
        {
            return true;
        }

        SkippedRenders++;
        return false;
    }

    internal void RenderForChange()
    {
        if (!_disposed)
        {
            StateHasChanged();
        }
    }

    internal Task InvokeOnCircuitAsync(Func<Task> work) => InvokeAsync(work);

    internal Task ReportErrorAsync(Exception ex) => DispatchExceptionAsync(ex);

    private Task OnTopicsChangedAsync(IReadOnlyList<ConsoleChange> changes)
    {
        Interlocked.Exchange(ref _perViewerChanged, 1);
        return Refresh.RequestAsync(this, ConsoleEvents.DeliveryStartedAt);
    }

    private Task OnSharedChangedAsync(long heardAt) => Refresh.RequestAsync(this, heardAt);

    public virtual void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        foreach (var binding in _bindings.Values)
        {
            binding.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    private sealed class Binding(ILiveQuery query, Func<ILiveQuery, IDisposable> watch) : IDisposable
    {
        private IDisposable? _watch;

        public ILiveQuery Query => query;

        /// <summary>The version this component last loaded (and rendered, unless a render is pending).</summary>
        public long Version { get; set; }

        public void Start() => _watch ??= watch(query);

        public void Dispose() => _watch?.Dispose();
    }
}
