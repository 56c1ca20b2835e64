using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser;

/// <summary>Service packages, expectation management and the offer ladder on the demo business, in a real browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PackagesBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task PackagesPage_ListsDemoPackages_DetailShowsTrackRecordAndLeads()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/packages");
        await BrowserFixture.WaitForCircuitAsync(page);

        await page.Locator("[data-testid=packages-table]").WaitForAsync();
        (await page.Locator("[data-testid=package-row-link]").AllInnerTextsAsync()).Should().Contain("Custom AI Revenue System");
        await page.Locator("[data-testid=package-row-link]", new() { HasText = "Custom AI Revenue System" }).ClickAsync();

        await page.Locator("[data-testid=package-title]").WaitForAsync();
        (await page.Locator("[data-testid=package-leads] tbody tr").CountAsync()).Should().BeGreaterThan(1);
        (await page.Locator("[data-testid=results-delta-note]").InnerTextAsync()).Should().Contain("Results Ledger");
        (await page.Locator("[data-testid=package-steps] li").CountAsync()).Should().Be(6);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LeadPage_ShowsExpectationWarningOfferAndPackage_CommandCenterShowsRevenueByOffer()
    {
        var page = await browser.SignedInPageAsync();
        await page.Locator("[data-testid=revenue-by-offer]").WaitForAsync();
        (await page.Locator("[data-testid=revenue-by-offer] tbody tr").CountAsync()).Should().BeGreaterThan(0);

        await page.GotoAsync("/leads?offerType=premium_custom_system");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=lead-row-link]", new() { HasText = "Customer onboarding portal" }).ClickAsync();

        await page.Locator("[data-testid=expectation-needs-script]").WaitForAsync();
        (await page.Locator("[data-testid=offer-type-value]").InnerTextAsync()).Should().Be("Premium custom system");
        (await page.Locator("[data-testid=linked-package]").InnerTextAsync()).Should().Contain("Custom AI Revenue System");
        await page.Context.CloseAsync();
    }
}
