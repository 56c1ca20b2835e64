using Microsoft.AspNetCore.Components;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Clock;

/// <summary>
/// A live card whose figures depend on the time: it reads its shared answer for the viewer's clock mode (cascaded
/// from the request's cookie by <c>Routes</c>; "follow the data" when none) so every card of a screen uses one
/// reference time.
/// </summary>
public abstract class ClockedComponentBase : LiveComponentBase
{
    /// <summary>The viewer's choice: follow the data (default) or now.</summary>
    [CascadingParameter]
    public ClockMode ClockMode { get; set; }

    /// <summary>The shared answer of <paramref name="query"/> at this viewer's clock.</summary>
    protected Task<T> Shared<T>(ClockedQuery<T> query) => Shared(query.For(ClockMode));
}
