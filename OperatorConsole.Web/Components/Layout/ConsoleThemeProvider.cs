using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;
using OperatorConsole.Web.Components.Shared;

namespace OperatorConsole.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider with its output shared across circuits. <see cref="MudThemeProvider"/> writes the
/// theme's CSS (about 11,600 characters) as a new string at each render, and every open screen keeps two of them
/// (its current and its previous render tree): 47 KB per circuit of the same text, a twentieth of what a Command
/// Center circuit holds (issue 18). This renders MudThemeProvider's own output, with each markup block replaced by
/// the one instance of that text the server already holds (<see cref="Plain.Shared"/>); the text, and what the
/// browser receives, are unchanged (ADR 208).
/// </summary>
public sealed class ConsoleThemeProvider : MudThemeProvider
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1725", Justification = "The base's parameter is the Razor compiler's __builder.")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "BL0006", Justification = "Reads the base's frames to reuse its output, not to copy it; a change to those types breaks the build, and any frame that is not markup falls back to the base's render.")]
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        var scratch = new RenderTreeBuilder();
        base.BuildRenderTree(scratch);
        var frames = scratch.GetFrames();
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames.Array[i].FrameType != RenderTreeFrameType.Markup)
            {
                // A MudBlazor version that renders more than markup: render it as it is, unshared.
                base.BuildRenderTree(builder);
                return;
            }
        }

        for (var i = 0; i < frames.Count; i++)
        {
            // The base's own sequence numbers, so the diff between two renders is the one MudBlazor's tree gives.
#pragma warning disable ASP0006
            builder.AddMarkupContent(frames.Array[i].Sequence, Plain.Shared(frames.Array[i].MarkupContent));
#pragma warning restore ASP0006
        }
    }
}
