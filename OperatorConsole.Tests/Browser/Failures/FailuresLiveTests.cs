using System.Net;
using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Failures;

[Collection(BrowserCollection.Name)]
public sealed class FailuresLiveTests(BrowserFixture browser)
{
    private static async Task<int> ReadTotalAsync(IPage page)
    {
        // The badge shows "…" until its first load; wait for a number.
        await page.WaitForFunctionAsync("() => /^\\d+$/.test(document.querySelector('[data-testid=failures-total]')?.textContent?.trim() ?? '')");
        return int.Parse((await page.Locator("[data-testid=failures-total]").InnerTextAsync()).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task CommandCenter_FailedRunPostedWithApiKey_RaisesTheVisibleTotalWithoutReload()
    {
        var page = await browser.SignedInPageAsync();
        await page.Locator("[data-testid=FailuresPanel] [data-testid=failures-panel-total]").WaitForAsync();
        var before = await ReadTotalAsync(page);
        // A marker that a reload would wipe out.
        await page.EvaluateAsync("() => window.__failuresMarker = 'same page'");

        var response = await browser.PostFailedRunAsync("Company site answered 503");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        await page.WaitForFunctionAsync(
            "n => Number(document.querySelector('[data-testid=failures-total]')?.textContent?.trim()) > n",
            before,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
        (await ReadTotalAsync(page)).Should().BeGreaterThan(before);
        (await page.EvaluateAsync<string>("() => window.__failuresMarker")).Should().Be("same page");
        (await page.Locator("[data-testid=FailuresPanel]").InnerTextAsync()).Should().Contain("Company site answered 503");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FailuresBadge_Click_OpensTheFailuresPageWithEveryBucket()
    {
        var page = await browser.SignedInPageAsync();
        await ReadTotalAsync(page);

        await page.ClickAsync("[data-testid=failures-badge]");

        await page.WaitForURLAsync(url => url.EndsWith("/failures", StringComparison.Ordinal));
        await page.Locator("[data-testid=failures-bucket-needs_approval]").WaitForAsync();
        (await page.Locator("[data-testid^=failures-bucket-]:not([data-testid=failures-bucket-count])").CountAsync()).Should().BeGreaterThanOrEqualTo(8);
        await page.Context.CloseAsync();
    }
}
