using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.AgentJobs;

/// <summary>The Build Ops screens render the demo data and their gated controls work end to end.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BuildOpsPagesTests(BrowserFixture browser)
{
    private static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await BrowserFixture.WaitForCircuitAsync(page);
    }

    [Fact]
    public async Task BuildOps_StartingAQueuedTask_AsksForAReasonThenMovesIt()
    {
        var page = await browser.SignedInPageAsync();
        await OpenAsync(page, "/build-ops");
        var queued = page.Locator("[data-testid=build-column-queued] [data-testid=build-task-card]").First;
        await queued.WaitForAsync();
        var taskId = await queued.GetAttributeAsync("data-task-id");

        await queued.Locator("[data-testid=build-move-in_progress]").ClickAsync();
        await page.Locator("[data-testid=build-transition-confirm]").ClickAsync();
        await page.Locator("[data-testid=build-transition] .mud-input-helper-text.mud-input-error").First.WaitForAsync(); // no reason yet: refused on screen

        await page.Locator("textarea[data-testid=build-transition-reason], [data-testid=build-transition-reason] textarea").FillAsync("Client signed the SOW");
        await page.Locator("[data-testid=build-transition-confirm]").ClickAsync();

        await page.Locator($"[data-testid=build-column-in_progress] [data-task-id='{taskId}']").WaitForAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AgentJobs_ShowTheSeededHighRiskJobAwaitingReview()
    {
        var page = await browser.SignedInPageAsync();
        await OpenAsync(page, "/agent-jobs?riskLevel=high");
        var row = page.Locator("[data-testid=agent-job-row]", new PageLocatorOptions { HasText = "Invoice matching" });
        await row.WaitForAsync();

        (await row.Locator("[data-testid=job-approval]").InnerTextAsync()).Should().Contain("needs review");
        (await row.Locator("[data-testid=job-matched-rule]").InnerTextAsync()).Should().Contain("billing").And.Contain("InvoiceMatcher.cs");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Templates_ListAndDetailShowClientsWithTheirStage()
    {
        var page = await browser.SignedInPageAsync();
        await OpenAsync(page, "/templates");
        await page.Locator("[data-testid=template-row]").First.WaitForAsync();
        (await page.Locator("[data-testid=template-row]").CountAsync()).Should().BeGreaterThanOrEqualTo(3);

        await page.Locator("[data-testid=template-link]", new PageLocatorOptions { HasText = "Support summariser starter" }).ClickAsync();
        await page.Locator("[data-testid=template-title]").WaitForAsync();
        (await page.Locator("[data-testid=template-client-row]").CountAsync()).Should().BeGreaterThanOrEqualTo(1);
        (await page.Locator("[data-testid=template-clients]").InnerTextAsync()).Should().Contain("Results Ledger");
        // The seeded client (Helio SaaS) has a measured result: the template shows baseline → current and the target.
        await page.Locator("[data-testid=template-client-result]").First.WaitForAsync();
        (await page.Locator("[data-testid=template-client-result]").First.InnerTextAsync()).Should().Contain("→").And.Contain("target");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Settings_RiskRulesTestBox_ClassifiesPastedPaths()
    {
        var page = await browser.SignedInPageAsync();
        await OpenAsync(page, "/settings");
        // The tab strip can render before its click handler is wired on a busy machine: click until the panel shows.
        var editor = page.Locator("[data-testid=risk-rules-editor]");
        for (var attempt = 0; attempt < 3 && !await editor.IsVisibleAsync(); attempt++)
        {
            await page.Locator(".mud-tab", new PageLocatorOptions { HasText = "Risk rules" }).ClickAsync();
            try
            {
                await editor.WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
            }
            catch (TimeoutException)
            {
                // Try the click again.
            }
        }

        await editor.WaitForAsync();

        await page.Locator("textarea[data-testid=risk-test-paths], [data-testid=risk-test-paths] textarea").FillAsync("src/Web/Pages/Home.razor\ninfra/main.bicep");
        await page.Locator("[data-testid=risk-test-run]").ClickAsync();

        await page.Locator("[data-testid=risk-test-result]").WaitForAsync();
        (await page.Locator("[data-testid=risk-test-overall]").InnerTextAsync()).Should().Contain("infra/** matched infra/main.bicep");
        (await page.Locator("[data-testid=risk-test-file]").CountAsync()).Should().Be(2);
        await page.Context.CloseAsync();
    }
}
