using Bunit;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;
using OperatorConsole.Web.Components.Layout;

namespace OperatorConsole.Tests.Components.Shell;

/// <summary>
/// <see cref="ConsoleThemeProvider"/> must send the browser exactly what <see cref="MudThemeProvider"/> sends, while
/// every open screen holds the same copy of the theme's CSS instead of two of its own (issue 18: 47 KB per circuit).
/// </summary>
public sealed class ConsoleThemeProviderTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RendersWhatMudThemeProviderRenders(bool dark)
    {
        var mud = _ctx.Render<MudThemeProvider>(p => p.Add(t => t.Theme, ConsoleTheme.Theme).Add(t => t.IsDarkMode, dark));
        var ours = _ctx.Render<ConsoleThemeProvider>(p => p.Add(t => t.Theme, ConsoleTheme.Theme).Add(t => t.IsDarkMode, dark));

        ours.Markup.Should().Be(mud.Markup).And.Contain("--mud-palette-primary");
    }

    [Fact]
    public void TwoScreensHoldOneCopyOfTheThemeCss()
    {
        var first = _ctx.Render<ConsoleThemeProvider>(p => p.Add(t => t.Theme, ConsoleTheme.Theme));
        var second = _ctx.Render<ConsoleThemeProvider>(p => p.Add(t => t.Theme, ConsoleTheme.Theme));
        second.Render(); // a second render builds the CSS again (MudThemeProvider makes a new string each time)

        var css = Markup(first).Single(m => m.Contains("--mud-palette-primary", StringComparison.Ordinal));
        Markup(second).Should().Contain(m => ReferenceEquals(m, css), "both circuits' trees point at the one shared string");
    }

    [Fact]
    public void LightAndDarkAreDifferentTexts()
    {
        var light = _ctx.Render<ConsoleThemeProvider>(p => p.Add(t => t.Theme, ConsoleTheme.Theme));
        var dark = _ctx.Render<ConsoleThemeProvider>(p => p.Add(t => t.Theme, ConsoleTheme.Theme).Add(t => t.IsDarkMode, true));

        dark.Markup.Should().NotBe(light.Markup, "the shared copy is per text, so the dark palette is never served to a light screen");
    }

#pragma warning disable BL0006 // reading the render tree is what this test is about
    private List<string> Markup(IRenderedComponent<ConsoleThemeProvider> component) =>
        _ctx.FramesOf(component)
            .Where(f => f.FrameType == RenderTreeFrameType.Markup)
            .Select(f => f.MarkupContent)
            .ToList();
#pragma warning restore BL0006
}
