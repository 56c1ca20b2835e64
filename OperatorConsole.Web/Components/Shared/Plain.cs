using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace OperatorConsole.Web.Components.Shared;

/// <summary>
/// MudBlazor's look without its components, for rows that repeat on live screens (ADR 197). A MudLink, MudChip,
/// MudText or MudIcon is a component instance per use, with its own render tree and parameter state in every open
/// circuit; where a row needs no behaviour of the component (no ripple, no click handler, no popover), the same
/// element with the same classes renders identically at none of that cost. The class lists mirror what MudBlazor
/// 9 renders (pinned by <c>PlainMarkupTests</c>, which compare them with the real components).
/// </summary>
public static class Plain
{
    /// <summary>A MudLink's classes: <c>&lt;a href class="@Plain.Link"&gt;</c>.</summary>
    public const string Link = "mud-typography mud-link mud-primary-text mud-link-underline-hover";

    /// <summary>A MudLink with <c>Color.Inherit</c> (links on a coloured alert).</summary>
    public const string InheritLink = "mud-typography mud-link mud-inherit-text mud-link-underline-hover";

    /// <summary>A MudLink with <c>Color.Inherit</c> and <c>Underline.Always</c> (the link that is an alert's message).</summary>
    public const string InheritUnderlinedLink = "mud-typography mud-link mud-inherit-text mud-link-underline-always";

    /// <summary>A MudLink with <c>Color.Inherit</c> and <c>Underline.None</c> (the app bar's title).</summary>
    public const string InheritBareLink = "mud-typography mud-link mud-inherit-text mud-link-underline-none";

    /// <summary>A MudLink with <c>Underline.None</c> (a link around a chip).</summary>
    public const string BareLink = "mud-typography mud-link mud-primary-text mud-link-underline-none";

    /// <summary>
    /// A MudIconButton's classes with <c>Color.Inherit</c> (the app bar's buttons); its icon goes in
    /// <c>&lt;span class="mud-icon-button-label"&gt;</c>. Add <see cref="EdgeStart"/> for <c>Edge.Start</c>.
    /// </summary>
    public const string IconButton = "mud-button-root mud-icon-button mud-inherit-text hover:mud-inherit-hover mud-ripple mud-ripple-icon";

    /// <summary><see cref="IconButton"/> at the start edge of a bar (the menu button).</summary>
    public const string EdgeStart = IconButton + " mud-icon-button-edge-start";

    /// <summary>A MudGrid's classes with the console's one spacing (<c>Spacing="3"</c>).</summary>
    public const string Grid = "mud-grid mud-grid-spacing-xs-3 justify-start";

    // Class lists are made once and shared: a render tree keeps the strings it was given, so a list built per render
    // would be one more copy in every open circuit.
    private static readonly ConcurrentDictionary<(Color, Variant, string?), string> ChipClasses = new();
    private static readonly ConcurrentDictionary<(Typo, Color, string?), string> TextClasses = new();
    private static readonly ConcurrentDictionary<(Size, Color?, string?), string> IconClasses = new();
    private static readonly ConcurrentDictionary<(int, int, int), string> ItemClasses = new();

    // Texts a component builds at each render that are the same in every circuit (a theme's CSS: light and dark).
    // The cap keeps a text that varied per screen from growing this without bound; past it, texts are not shared.
    private const int MaxSharedTexts = 16;
    private static readonly ConcurrentDictionary<string, string> SharedTexts = new(StringComparer.Ordinal);

    /// <summary>
    /// The server's one instance of <paramref name="text"/>: for a text a component builds anew at each render, so
    /// every circuit's render tree holds the same string instead of its own copies (ADR 208).
    /// </summary>
    public static string Shared(string text) =>
        SharedTexts.TryGetValue(text, out var shared) ? shared
        : SharedTexts.Count < MaxSharedTexts ? SharedTexts.GetOrAdd(text, text)
        : text;

    /// <summary>A small MudChip's classes; its text goes in <c>&lt;span class="mud-chip-content"&gt;</c>.</summary>
    public static string Chip(Color color, Variant variant = Variant.Text, string? extra = null) =>
        ChipClasses.GetOrAdd((color, variant, extra), static k =>
            $"mud-chip mud-chip-{VariantName(k.Item2)} mud-chip-size-small mud-chip-color-{ColorName(k.Item1)}{(k.Item3 is null ? "" : " " + k.Item3)}");

    /// <summary>A MudText's classes for <paramref name="typo"/>, with its colour unless <c>Color.Default</c>.</summary>
    public static string Text(Typo typo, Color color = Color.Default, string? extra = null) =>
        TextClasses.GetOrAdd((typo, color, extra), static k =>
            $"mud-typography mud-typography-{k.Item1}{(k.Item2 == Color.Default ? "" : $" mud-{ColorName(k.Item2)}-text")}{(k.Item3 is null ? "" : " " + k.Item3)}");

    /// <summary>A MudItem's classes in a <see cref="Grid"/>: its width in columns at xs, md and lg (0 = not set).</summary>
    public static string Item(int xs, int md = 0, int lg = 0) =>
        ItemClasses.GetOrAdd((xs, md, lg), static k =>
            $"mud-grid-item mud-grid-item-xs-{k.Item1}{(k.Item2 == 0 ? "" : $" mud-grid-item-md-{k.Item2}")}{(k.Item3 == 0 ? "" : $" mud-grid-item-lg-{k.Item3}")}");

    /// <summary>
    /// A decorative MudIcon (hidden from screen readers): an inline SVG with MudBlazor's icon classes. No
    /// <paramref name="color"/> inherits the text colour, as a MudIcon without one does.
    /// </summary>
    public static RenderFragment Icon(string svg, Size size = Size.Medium, Color? color = null, string? extra = null)
    {
        var css = IconClass(size, color, extra);
        return builder => Svg(builder, svg, css);
    }

    /// <summary>
    /// The same icon as one HTML string, for markup made once and shared by every circuit (the navigation menu's
    /// links): one render-tree frame instead of eight. Its attributes are <see cref="Svg"/>'s; change both together.
    /// </summary>
    public static string IconMarkup(string svg, Size size = Size.Medium, Color? color = null, string? extra = null) =>
        $"<svg class=\"{IconClass(size, color, extra)}\" focusable=\"false\" viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{svg}</svg>";

    private static string IconClass(Size size, Color? color, string? extra) =>
        IconClasses.GetOrAdd((size, color, extra), static k =>
            $"mud-icon-root{IconColor(k.Item2)} mud-svg-icon mud-icon-size-{k.Item1.ToString().ToLowerInvariant()}{(k.Item3 is null ? "" : " " + k.Item3)}");

    private static string IconColor(Color? color) => color switch
    {
        null => "",
        Color.Default => " mud-icon-default",
        { } c => $" mud-{ColorName(c)}-text",
    };

    /// <summary>
    /// A hint in MudTooltip's look under a control while it is hovered or has keyboard focus, for the app bar's
    /// buttons, which every open screen holds. A MudTooltip is five component instances per use (the tooltip, its child
    /// container, a popover, a render holder and a popover holder) and a popover registered in the circuit; this is two
    /// spans shown by CSS (<c>.oc-tip</c> in app.css). The control keeps its own accessible name (aria-label); the hint
    /// repeats it for sighted pointer users and is hidden from screen readers so it is not read twice.
    /// </summary>
    public static RenderFragment Tooltip(string text, RenderFragment control) => builder =>
    {
        builder.OpenElement(0, "span");
        builder.AddAttribute(1, "class", "oc-tip");
        builder.AddContent(2, control);
        builder.OpenElement(3, "span");
        builder.AddAttribute(4, "class", "oc-tip-text mud-tooltip mud-tooltip-default");
        builder.AddAttribute(5, "aria-hidden", "true");
        builder.AddContent(6, text);
        builder.CloseElement();
        builder.CloseElement();
    };

    private static void Svg(RenderTreeBuilder builder, string svg, string css)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", css);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, svg);
        builder.CloseElement();
    }

    private static string VariantName(Variant variant) => variant.ToString().ToLowerInvariant();

    private static string ColorName(Color color) => color.ToString().ToLowerInvariant();
}
