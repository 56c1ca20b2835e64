using System.Text;
using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Import;

[Collection(BrowserCollection.Name)]
public sealed class ImportPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task ImportPage_PreviewsAFile_ListsTheBadRow_AndShowsTheFinishedJob()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/import");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("html[data-oc-palette=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

        var csv = "title,company,email\nBrowser import lead,Playwright Co,p@playwright.example\n,Missing Title Co,x@y.example\n";
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(new FilePayload
        {
            Name = "browser-leads.csv",
            MimeType = "text/csv",
            Buffer = Encoding.UTF8.GetBytes(csv),
        });

        var summary = page.Locator("[data-testid=import-preview-summary]");
        await summary.WaitForAsync();
        (await summary.InnerTextAsync()).Should().Contain("2 rows").And.Contain("1 with errors");

        await page.Locator("[data-testid=import-start]").ClickAsync();
        var job = page.Locator("[data-testid=import-job]", new() { HasText = "browser-leads.csv" });
        await page.Locator("[data-testid=import-job][data-status=completed]", new() { HasText = "browser-leads.csv" }).WaitForAsync();
        (await job.Locator("[data-testid=import-counts]").InnerTextAsync()).Should().Contain("1 created").And.Contain("1 with errors");
        (await job.Locator("[data-testid=import-errors]").InnerTextAsync()).Should().Contain("'title' is required");
        await page.Context.CloseAsync();
    }
}
