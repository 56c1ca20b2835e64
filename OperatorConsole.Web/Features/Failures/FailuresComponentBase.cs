using Microsoft.AspNetCore.Components;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Failures;

/// <summary>
/// The live-card steps of <see cref="Live.LiveComponentBase"/>, fed by the shared <see cref="FailuresReportCache"/>
/// instead of raw topics: the cache is invalidated first and then tells the screens, so a screen never re-reads
/// the previous report, and it also pushes when time alone changes the report. Bursts are coalesced the same way.
/// </summary>
public abstract class FailuresComponentBase : ComponentBase, IDisposable
{
    private IDisposable? _subscription;
    private bool _disposed;
    private CoalescedReload? _coalesced;

    private CoalescedReload Refresh => _coalesced ??= new CoalescedReload(() => InvokeAsync(ReloadAsync), DispatchExceptionAsync, () => _disposed, GetType().Name);

    [Inject]
    protected FailuresReportCache Cache { get; set; } = default!;

    /// <summary>The current report, acknowledged items marked; null until the first load.</summary>
    protected FailuresReport? Report { get; private set; }

    protected DateTimeOffset? LoadedAt { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Report = await Cache.GetAsync();
        LoadedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>
    /// Subscribes after the first interactive render, never while prerendering (a change arriving during a
    /// one-shot prerender must not re-render a response already being streamed). A report that changed in
    /// between is picked up at once.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _subscription is null && !_disposed)
        {
            var loaded = Report;
            _subscription = Cache.Subscribe(OnChangedAsync);
            if (!ReferenceEquals(loaded, await Cache.GetAsync()))
            {
                await Refresh.RequestAsync();
            }
        }
    }

    /// <summary>Called after each new report, before rendering (derive filtered lists here).</summary>
    protected virtual void OnReportChanged()
    {
    }

    protected override void OnParametersSet() => OnReportChanged();

    protected async Task ReloadAsync()
    {
        Report = await Cache.GetAsync();
        LoadedAt = DateTimeOffset.UtcNow;
        OnReportChanged();
        StateHasChanged();
    }

    private Task OnChangedAsync() => Refresh.RequestAsync(Cache.LastChangeHeardAt);

    public virtual void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
        GC.SuppressFinalize(this);
    }
}
