using Microsoft.Playwright;
using OperatorConsole.Tests.Browser.Accessibility;
using OperatorConsole.Tests.Browser.Screens;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Shell;

/// <summary>
/// The app bar's hints (<c>Plain.Tooltip</c>, CSS instead of MudTooltip's popovers): shown while a control is hovered
/// or has keyboard focus, hidden otherwise, and on screen at desktop and phone widths. With OC_SHOTS set, each case
/// is also saved for review.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AppBarHintTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1440, 900)]
    [InlineData(390, 844)]
    public async Task Hints_ShowOnHoverAndOnKeyboardFocus_InsideTheViewport(int width, int height)
    {
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await AxeAccessibilityTests.OpenAsync(page, "/", "light");
        var badgeHint = page.Locator(".oc-tip:has([data-testid=failures-badge]) > .oc-tip-text");
        var darkHint = page.Locator(".oc-tip:has([data-testid=dark-toggle]) > .oc-tip-text");
        await page.Locator("[data-testid=failures-total]").Filter(new() { HasNotText = "…" }).WaitForAsync();

        (await badgeHint.IsVisibleAsync()).Should().BeFalse("a hint is hidden until asked for");
        await page.HoverAsync("[data-testid=failures-badge]");
        await Assertions.Expect(badgeHint).ToBeVisibleAsync();
        (await badgeHint.TextContentAsync()).Should().Contain("waiting for a decision");
        await InsideViewportAsync(page, badgeHint, width);
        await SaveAsync(page, $"appbar-hint-hover-{width}x{height}.png");

        await page.Mouse.MoveAsync(width / 2f, height - 5);
        await page.FocusAsync("[data-testid=dark-toggle]");
        await Assertions.Expect(darkHint).ToBeVisibleAsync();
        await Assertions.Expect(badgeHint).ToBeHiddenAsync();
        await InsideViewportAsync(page, darkHint, width);
        await SaveAsync(page, $"appbar-hint-focus-{width}x{height}.png");
        await page.Context.CloseAsync();
    }

    private static async Task InsideViewportAsync(IPage page, ILocator hint, int width)
    {
        var box = await hint.BoundingBoxAsync();
        box.Should().NotBeNull();
        box!.X.Should().BeGreaterThanOrEqualTo(0);
        (box.X + box.Width).Should().BeLessThanOrEqualTo(width, "the hint must not run off the screen");
    }

    private static async Task SaveAsync(IPage page, string file)
    {
        if (ScreenshotTests.Folder() is { } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, file), Clip = new() { X = 0, Y = 0, Width = page.ViewportSize!.Width, Height = 160 } });
        }
    }
}
