using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Leads;

/// <summary>The Leads list's column chooser in a real browser: a hidden column stays hidden after a reload (localStorage).</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeadColumnsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task AHiddenColumn_StaysHiddenAfterAReload_UntilShowAll()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/leads");
        await BrowserFixture.WaitForCircuitAsync(page);
        var headers = page.Locator("[data-testid=leads-table] thead th");
        await Assertions.Expect(headers.Filter(new() { HasText = "Last contact" })).ToHaveCountAsync(1);

        await page.ClickAsync("[data-testid=columns-toggle]");
        await page.Locator("input[data-testid=column-lastContact]").UncheckAsync();
        await Assertions.Expect(headers.Filter(new() { HasText = "Last contact" })).ToHaveCountAsync(0);

        await page.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=lead-row-link]").First.WaitForAsync();
        await Assertions.Expect(headers.Filter(new() { HasText = "Last contact" })).ToHaveCountAsync(0);
        await Assertions.Expect(headers.Filter(new() { HasText = "Created" })).ToHaveCountAsync(1);

        await page.ClickAsync("[data-testid=columns-toggle]");
        await Assertions.Expect(page.Locator("input[data-testid=column-lastContact]")).Not.ToBeCheckedAsync();
        await page.ClickAsync("[data-testid=columns-show-all]");
        await Assertions.Expect(headers.Filter(new() { HasText = "Last contact" })).ToHaveCountAsync(1);
        await page.Context.CloseAsync();
    }
}
