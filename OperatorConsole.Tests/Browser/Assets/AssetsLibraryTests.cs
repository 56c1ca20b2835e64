using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Assets;

[Collection(BrowserCollection.Name)]
public sealed class AssetsLibraryTests(BrowserFixture browser)
{
    [Fact]
    public async Task AssetsLibrary_ShowsSeededAssetsWithTheirClient_AndTheClientLinkOpensTheLogCard()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/assets");
        await BrowserFixture.WaitForCircuitAsync(page);

        var row = page.Locator("tr", new() { HasText = "Ticket summary prompt" });
        await row.WaitForAsync();
        (await row.Locator("[data-testid=assets-row-client]").InnerTextAsync()).Should().Be("Helio SaaS");

        await row.Locator("[data-testid=assets-row-client]").ClickAsync();
        var card = page.Locator("[data-testid=ReusableAssetLogCard]");
        await card.Locator("[data-testid=asset-label]", new() { HasText = "Ticket summary prompt" }).WaitForAsync();
        (await card.InnerTextAsync()).Should().Contain("Reusable asset extracted?");
        await page.Context.CloseAsync();
    }
}
