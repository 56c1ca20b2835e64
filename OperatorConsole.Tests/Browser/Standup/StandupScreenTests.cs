using System.Net;
using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Standup;

[Collection(BrowserCollection.Name)]
public sealed class StandupScreenTests(BrowserFixture browser)
{
    private const string Total = "[data-testid=standup-failures-total]";

    /// <summary>The stand-up layout has no .mud-layout, so wait for the page's own "interactive" mark instead.</summary>
    private static Task WaitForLiveAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-testid=standup-grid][data-interactive=true]') !== null");

    [Fact]
    public async Task Standup_AsViewer_FailedRunPostedWithApiKey_RaisesTheFailuresTotalWithoutReload()
    {
        await browser.Factory.EnsureViewerAsync();
        var page = await browser.SignedInPageAsync(ConsoleFactory.ViewerEmail);
        await page.GotoAsync(browser.BaseUrl + "/standup");
        await WaitForLiveAsync(page);
        await page.Locator(Total).WaitForAsync();
        var before = int.Parse((await page.Locator(Total).InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        // A marker that a reload would wipe out.
        await page.EvaluateAsync("() => window.__standupMarker = 'same page'");

        var response = await browser.PostFailedRunAsync("Stand-up screen saw this 502");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        await page.WaitForFunctionAsync(
            "n => Number(document.querySelector('[data-testid=standup-failures-total]')?.textContent?.replace(/\\D/g, '')) > n",
            before,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
        (await page.EvaluateAsync<string>("() => window.__standupMarker")).Should().Be("same page");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Standup_AsViewer_ShowsEveryPanelAndNoWriteControl()
    {
        await browser.Factory.EnsureViewerAsync();
        var page = await browser.SignedInPageAsync(ConsoleFactory.ViewerEmail);
        await page.GotoAsync(browser.BaseUrl + "/standup");
        await WaitForLiveAsync(page);

        foreach (var panel in new[] { "standup-failures", "standup-constraint", "standup-results", "standup-agent-jobs", "standup-approvals", "standup-won" })
        {
            await page.Locator($"[data-testid={panel}]").WaitForAsync();
        }

        await page.Locator("[data-testid=standup-clock]").WaitForAsync();
        // The only controls are this browser's own desktop-notification opt-in (stored in the browser, not a write).
        var controls = page.Locator("button, input, textarea, select, form, [role=button], [contenteditable=true]");
        var outsideOptIn = await controls.EvaluateAllAsync<int>(
            "els => els.filter(e => !e.closest('[data-testid=notifications-toggle], [data-testid=notifications-sound]')).length");
        outsideOptIn.Should().Be(0);
        // The wall screen has its own layout: no navigation drawer and no app bar.
        (await page.Locator(".mud-drawer, .mud-appbar").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }
}
