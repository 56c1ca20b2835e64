using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OperatorConsole.Domain.Import;
using OperatorConsole.Tests.Api.Import;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Import;

/// <summary>
/// Issue 19's "done means" as an operator lives it: the real Maven CRM export (sales_pipeline.csv with accounts.csv)
/// through the generic CSV path on /import — not the built-in Maven button — then the console telling the dataset's
/// truth for its period. On an empty console, so every figure checked is the import's own.
/// </summary>
[Collection(EmptyConsoleBrowserCollection.Name)]
public sealed class GenericImportBrowserTests(EmptyConsoleBrowserFixture browser)
{
    /// <summary>Uploading, previewing 8,800 rows twice (deals, then with accounts) and importing them takes longer than a click.</summary>
    private static readonly LocatorWaitForOptions Long = new() { Timeout = 120_000 };

    [Fact]
    public async Task MavenExport_ThroughTheGenericImport_Gives8800Deals_85Accounts_AndTheWonTotalOnTheConsole()
    {
        var folder = ImportTestSupport.MavenFolder();
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/import");
        await BrowserFixture.WaitForCircuitAsync(page);

        // 1. The files, as an operator picks them.
        await page.Locator("[data-testid=import-file]").SetInputFilesAsync(Path.Combine(folder, MavenCrmMapping.PipelineFile));
        await page.Locator("[data-testid=import-stage-mapping]").WaitForAsync(Long);
        await page.Locator("[data-testid=import-accounts-file]").SetInputFilesAsync(Path.Combine(folder, MavenCrmMapping.AccountsFile));
        var accounts = page.Locator("[data-testid=import-accounts-summary]");
        await accounts.WaitForAsync(Long);
        (await accounts.InnerTextAsync()).Should().Contain("accounts.csv: 85 accounts, 0 with errors");

        // 2. Column step: Maven's columns, guessed.
        (await page.Locator("[data-testid=map-title]").InnerTextAsync()).Should().Be("product");
        (await page.Locator("[data-testid=map-company]").InnerTextAsync()).Should().Be("account");
        (await page.Locator("[data-testid=map-status]").InnerTextAsync()).Should().Be("deal_stage");
        (await page.Locator("[data-testid=map-wonValue]").InnerTextAsync()).Should().Be("close_value");

        // 3. Stage step: every value of deal_stage with its rows and our stage; the operator picks where won deals go.
        (await page.Locator("[data-testid=import-stage-mapping] label").AllInnerTextsAsync())
            .Should().Equal("Won (4,238 rows)", "Lost (2,473 rows)", "Engaging (1,589 rows)", "Prospecting (500 rows)");
        (await page.Locator("[data-testid=stage-Prospecting]").InnerTextAsync()).Should().Be("New");
        (await page.Locator("[data-testid=stage-Engaging]").InnerTextAsync()).Should().Be("Qualified");
        (await page.Locator("[data-testid=stage-Lost]").InnerTextAsync()).Should().Be("Lost");
        (await page.Locator("[data-testid=stage-Won]").InnerTextAsync()).Should().Be("Approved (won)");
        await page.Locator("[data-testid=stage-Won]").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Shipped (won)", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=stage-Won]")).ToHaveTextAsync("Shipped (won)", new() { Timeout = 60_000 });

        // 4. Preview: every row ready, none refused.
        var summary = page.Locator("[data-testid=import-preview-summary]");
        await Assertions.Expect(summary).ToHaveTextAsync("8,800 rows; all ready, none with errors.", new() { Timeout = 60_000 });
        (await page.Locator("[data-testid=import-preview] tbody tr.mud-error-text").CountAsync()).Should().Be(0);

        // 5. Start: the job shows its progress bar and ends with every deal and account created, no errors.
        await page.Locator("[data-testid=import-start]").ClickAsync();
        var job = page.Locator("[data-testid=import-job]", new() { HasText = "sales_pipeline.csv + accounts.csv" });
        await job.Locator("[data-testid=import-progress]").WaitForAsync(Long);
        var done = page.Locator("[data-testid=import-job][data-status=completed]", new() { HasText = "sales_pipeline.csv + accounts.csv" });
        await done.WaitForAsync(Long);
        (await done.Locator("[role=progressbar]").GetAttributeAsync("aria-valuenow")).Should().Be("100");
        var counts = await done.Locator("[data-testid=import-counts]").InnerTextAsync();
        counts.Should().Contain("8,800 / 8,800 rows").And.Contain("8,800 created").And.Contain("0 with errors").And.Contain("accounts 85 created");
        (await done.Locator("[data-testid=import-errors]").CountAsync()).Should().Be(0, "no row was refused");

        // 6. /clients is per account: the 85 companies of accounts.csv, the dataset's won total and win rate.
        await page.GotoAsync("/clients");
        await BrowserFixture.WaitForCircuitAsync(page);
        var accountsSummary = page.Locator("[data-testid=accounts-summary]");
        await accountsSummary.WaitForAsync();
        (await accountsSummary.InnerTextAsync()).Should().StartWith("85 accounts (85 with won deals)").And.Contain("8,800 deals");
        (await page.Locator("[data-testid=accounts-won]").InnerTextAsync()).Should().Be("4,238 won worth 10,005,534 USD");
        (await page.Locator("[data-testid=accounts-win-rate]").InnerTextAsync()).Should().Be("63.2%");

        // 7. The Command Center shows the data's period (as of its last day, and says so) with the same won total.
        await page.GotoAsync("/");
        await BrowserFixture.WaitForCircuitAsync(page);
        var banner = page.Locator("[data-testid=clock-banner]");
        await banner.WaitForAsync();
        (await banner.InnerTextAsync()).Should().Contain("Showing data as of 31 Dec 2017");
        var wonThisYear = page.Locator("[data-testid='scorecard-value-scorecard.won_value.year']");
        await wonThisYear.WaitForAsync();
        Regex.Replace(await wonThisYear.InnerTextAsync(), @"\s+", " ").Should().Contain("10,005,534");
        (await page.Locator("[data-testid='scorecard-value-scorecard.win_rate.year']").InnerTextAsync()).Should().Contain("63.2");
        await page.Context.CloseAsync();
    }
}
