using Microsoft.AspNetCore.Components;
using OperatorConsole.Data.Live;

namespace OperatorConsole.Web.Live;

/// <summary>
/// The three steps every live card follows: load, subscribe to the topics it shows, and on a change
/// re-load and re-render on the circuit's dispatcher (errors go to the error boundary via
/// DispatchExceptionAsync); unsubscribe on dispose. Bursts are coalesced: at most one reload runs at a
/// time, and changes that arrive during it cause exactly one more.
/// </summary>
public abstract class LiveComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private long _loadedVersion;
    private bool _disposed;
    private CoalescedReload? _coalesced;

    private CoalescedReload Refresh => _coalesced ??= new CoalescedReload(() => InvokeAsync(ReloadAsync), DispatchExceptionAsync, () => _disposed, GetType().Name);

    [Inject]
    protected ConsoleEvents Events { get; set; } = default!;

    [Inject]
    private SharedLiveQueries SharedQueries { get; set; } = default!;

    /// <summary>
    /// Loads data that is the same for every viewer once per change for all open circuits (see
    /// <see cref="SharedLiveQueries"/>), invalidated by this component's <see cref="LiveTopics"/>. The result is
    /// shared: treat it as read-only.
    /// </summary>
    /// <remarks>Each call site is its own query (keyed by component type, member and line), so a component may share
    /// several. Only for components without parameters that change what is loaded.</remarks>
    protected Task<T> Shared<T>(
        Func<Task<T>> load,
        [System.Runtime.CompilerServices.CallerMemberName] string member = "",
        [System.Runtime.CompilerServices.CallerLineNumber] int line = 0) =>
        SharedQueries.GetAsync($"{GetType().FullName}.{member}:{line}", LiveTopics, _ => load());

    /// <summary>Entity type names this component shows, e.g. nameof(PipelineRun).</summary>
    protected abstract IReadOnlyCollection<string> LiveTopics { get; }

    /// <summary>Reads the data the component renders. Called at start and after every relevant change.</summary>
    protected abstract Task LoadAsync();

    /// <summary>When the data was last read: shown on screen so a viewer can tell the card is live.</summary>
    protected DateTimeOffset? LoadedAt { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        _loadedVersion = Events.Version;
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
        if (firstRender && _subscription is null && !_disposed)
        {
            _subscription = Events.Subscribe(LiveTopics, OnChangesAsync);
            if (Events.Version != _loadedVersion)
            {
                await Refresh.RequestAsync();
            }
        }

        await base.OnAfterRenderAsync(firstRender);
    }

    /// <summary>Reload now (after a parameter change or a user action).</summary>
    protected async Task ReloadAsync()
    {
        await LoadAsync();
        LoadedAt = DateTimeOffset.UtcNow;
        StateHasChanged();
    }

    private Task OnChangesAsync(IReadOnlyList<ConsoleChange> changes) => Refresh.RequestAsync(ConsoleEvents.DeliveryStartedAt);

    public virtual void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
