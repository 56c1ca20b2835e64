using OperatorConsole.Tests.Browser.Accessibility;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Screens;

/// <summary>
/// Full-page screenshots of the main screens at the sizes issue 22 names, for checking by eye. Does nothing unless
/// OC_SHOTS names a folder: <c>OC_SHOTS=/tmp/shots dotnet test --filter FullyQualifiedName~ScreenshotTests</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/", 1920, 1080)]
    [InlineData("/standup", 1920, 1080)]
    [InlineData("/standup", 1280, 720)]
    [InlineData("/failures", 390, 844)]
    [InlineData("/metrics", 1440, 900)]
    public async Task Screen_AtSize_IsSavedForReview(string route, int width, int height)
    {
        var folder = Environment.GetEnvironmentVariable("OC_SHOTS");
        if (string.IsNullOrWhiteSpace(folder))
        {
            return;
        }

        Directory.CreateDirectory(folder);
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(width, height);
        await AxeAccessibilityTests.OpenAsync(page, route, "light");
        await page.WaitForTimeoutAsync(500);
        var name = (route == "/" ? "command-center" : route.Trim('/').Replace('/', '-')) + $"-{width}x{height}.png";
        // The wall and the phone are judged by what fits one screen; a phone page's end is saved separately.
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = route != "/standup" && width > 600 });
        if (width <= 600)
        {
            await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            await page.WaitForTimeoutAsync(200);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name.Replace(".png", "-end.png")) });
        }
        await page.Context.CloseAsync();
    }
}
