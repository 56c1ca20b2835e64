using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace OperatorConsole.Web.Live;

/// <summary>
/// Where a screen's live components re-render together (placed once in each layout; renders nothing). Blazor sends a
/// render batch per <c>StateHasChanged</c> made outside a batch, so five cards updated after one change cost the
/// browser five messages, five tasks and up to five frames. <see cref="CircuitRefresh"/> instead re-renders this
/// point; while its batch is open, its child asks the refresh to render the queued cards, and Blazor adds them to the
/// same batch.
/// </summary>
public sealed class LiveBatchPoint : ComponentBase, IDisposable
{
    private int _flushes;

    [Inject]
    private CircuitRefresh Refresh { get; set; } = default!;

    internal void Flush()
    {
        _flushes++;
        StateHasChanged();
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<FlushHere>(0);
        builder.AddComponentParameter(1, nameof(FlushHere.Flushes), _flushes);
        builder.AddComponentParameter(2, nameof(FlushHere.Refresh), Refresh);
        builder.CloseComponent();
    }

    /// <summary>Only an interactive circuit batches; a prerendered page is never refreshed.</summary>
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            Refresh.Attach(this);
        }
    }

    public void Dispose() => Refresh.Detach(this);

    /// <summary>Its parameters are set during the point's render batch: the moment queued cards can join it.</summary>
    internal sealed class FlushHere : IComponent
    {
        [Parameter]
        public int Flushes { get; set; }

        [Parameter]
        public CircuitRefresh Refresh { get; set; } = default!;

        public void Attach(RenderHandle renderHandle)
        {
        }

        public Task SetParametersAsync(ParameterView parameters)
        {
            parameters.SetParameterProperties(this);
            Refresh.RenderQueued();
            return Task.CompletedTask;
        }
    }
}
