using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Approvals;

[Collection(BrowserCollection.Name)]
public sealed class ApproveProposalSendTests(BrowserFixture browser)
{
    private const string SeededRequest = "TalentBridge"; // the demo's pending send for "Recruiting pipeline automation"

    [Fact]
    public async Task Approvals_ApprovingTheSeededProposalSend_DropsTheCountLiveWithoutReload()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/approvals");
        await BrowserFixture.WaitForCircuitAsync(page);

        // A second screen (the stand-up wall, another operator) that does nothing: it must update by itself.
        var watcher = await browser.SignedInPageAsync();
        await watcher.GotoAsync("/approvals");
        await BrowserFixture.WaitForCircuitAsync(watcher);
        await watcher.Locator("[data-testid=approval-item]").First.WaitForAsync();

        var item = page.Locator("[data-testid=approval-item]").Filter(new LocatorFilterOptions { HasText = SeededRequest });
        await item.WaitForAsync();
        var id = await item.GetAttributeAsync("data-approval-id");
        (await item.Locator("[data-testid=approval-context]").InnerTextAsync()).Should().Contain("Recruiting pipeline automation");

        // When the failures badge is on the page (Failures & Interventions merged), it must drop live too.
        var pendingBefore = int.Parse((await watcher.Locator("[data-testid=approvals-pending-count]").GetAttributeAsync("data-count"))!);
        var watcherFailures = watcher.Locator("[data-testid=failures-total]");
        int? failuresBefore = await watcherFailures.CountAsync() > 0 ? await ReadIntAsync(watcherFailures.First) : null;
        var marker = await watcher.EvaluateAsync<string>("() => { window.__noReload = 'still-here'; return window.__noReload; }");

        // A decision without a reason is refused on screen.
        await page.ClickAsync($"[data-testid=approval-approve-{id}]");
        await item.Locator(".mud-input-error, .mud-input-helper-text.mud-input-error").First.WaitForAsync();

        await page.Locator($"input[data-testid=approval-reason-{id}], [data-testid=approval-reason-{id}] input").First.FillAsync("Scope and price match the discovery call");
        await page.ClickAsync($"[data-testid=approval-approve-{id}]");

        await watcher.WaitForFunctionAsync(
            "before => Number(document.querySelector('[data-testid=approvals-pending-count]').dataset.count) === before - 1",
            pendingBefore);
        if (failuresBefore is { } before)
        {
            await watcher.WaitForFunctionAsync(
                "before => Number(document.querySelector('[data-testid=failures-total]').innerText.replace(/\\D/g, '')) < before",
                before);
        }

        (await watcher.EvaluateAsync<string>("() => window.__noReload")).Should().Be(marker, "the count must drop without a page reload");
        await watcher.Locator("[data-testid=approval-item]").Filter(new LocatorFilterOptions { HasText = SeededRequest }).WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await watcher.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task LeadPage_ProposalConsole_AndCommandCenterCards_RenderFromTheDemoData()
    {
        var page = await browser.SignedInPageAsync();
        await page.Locator("[data-testid=TodaysBrief] [data-testid='brief-brief.approvals_waiting']").WaitForAsync();
        await page.Locator("[data-testid=MoneyScorecard] [data-testid='scorecard-value-scorecard.won_value.month']").WaitForAsync();
        (await page.Locator("[data-testid=error-boundary]").CountAsync()).Should().Be(0);

        await page.GotoAsync("/leads?q=Invoice%20matching");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.GetByText("Invoice matching automation").First.ClickAsync();
        await page.Locator("[data-testid=proposal-detail]").WaitForAsync();
        (await page.Locator("[data-testid=proposal-detail]").GetAttributeAsync("data-status")).Should().Be("sent");
        await page.Locator("[data-testid=proposal-outcome-form]").WaitForAsync();
        (await page.Locator("[data-testid=proposal-ai-draft]").IsDisabledAsync()).Should().BeTrue("Azure OpenAI is not configured in tests");

        await page.GotoAsync("/audit");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=audit-row]").First.WaitForAsync();
        (await page.Locator("[data-testid=error-boundary]").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    private static async Task<int> ReadIntAsync(ILocator locator) =>
        int.Parse(new string((await locator.InnerTextAsync()).Where(char.IsDigit).ToArray()));
}
