using Microsoft.AspNetCore.Components;
using OperatorConsole.Domain.Clock;

namespace OperatorConsole.Web.Features.Clock;

/// <summary>
/// The line under a card's title that says which period it shows, always naming the screen's reference date. A
/// fragment, not a component (ADR 211): six cards of every open Command Center show one, and a component instance
/// would be kept per card and circuit for one span.
/// </summary>
public static class PeriodLabel
{
    /// <summary>The label for <paramref name="clock"/>; <paramref name="text"/> should name <see cref="ReferenceTime.Date"/> (see <see cref="Periods"/>).</summary>
    public static RenderFragment For(ReferenceTime clock, string text) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "mud-typography mud-typography-caption mud-text-secondary");
        builder.AddAttribute(2, "data-testid", "period-label");
        builder.AddAttribute(3, "data-clock-date", clock.Date);
        builder.AddAttribute(4, "data-clock-mode", clock.IsDataAsOf ? "data" : "now");
        builder.AddContent(5, text);
        builder.CloseElement();
    };
}
