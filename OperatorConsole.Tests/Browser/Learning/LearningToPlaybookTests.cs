using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Learning;

[Collection(BrowserCollection.Name)]
public sealed class LearningToPlaybookTests(BrowserFixture browser)
{
    [Fact]
    public async Task IngestText_Promote_Approve_TheNewPlaybookVersionShowsOnThePlaybookPage()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/learning");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=learning-title][data-interactive=true]").WaitForAsync();

        // Contradicts the seeded "Discount on the first call" entry (v2), so the promotion becomes its v3.
        const string lesson = "We should stop offering a zeppelin discount on the first call.";
        await page.Locator("[data-testid=learning-text] textarea, textarea[data-testid=learning-text]").First.FillAsync(lesson);
        await page.ClickAsync("[data-testid=learning-ingest-submit]");

        var card = page.Locator("[data-testid=learning-proposal]", new() { HasText = "zeppelin" });
        await card.WaitForAsync();
        (await card.Locator("[data-testid=proposal-engine]").InnerTextAsync()).Should().Contain("Built-in");
        (await card.Locator("[data-testid=contradiction-playbook-text]").First.InnerTextAsync()).Should().Contain("discount on the first call");

        await card.Locator("[data-testid=proposal-promote]").ClickAsync();
        await card.Locator("[data-testid=promotion-request]").ClickAsync();
        var decision = card.Locator("[data-testid=promotion-decision-form]");
        await decision.WaitForAsync();
        await decision.Locator("[data-testid=promotion-reason] textarea, textarea[data-testid=promotion-reason]").First.FillAsync("The zeppelin call proved discounts signal a padded price.");
        await decision.Locator("[data-testid=promotion-approve]").ClickAsync();
        await card.Locator("[data-testid=proposal-promoted]").WaitForAsync();

        await page.GotoAsync("/playbook");
        await BrowserFixture.WaitForCircuitAsync(page);
        var entry = page.Locator("[data-testid=playbook-entry]", new() { HasText = "Discount on the first call" });
        await entry.Locator("[data-testid=playbook-entry-text]", new() { HasText = "zeppelin" }).WaitForAsync();
        (await entry.Locator("[data-testid=playbook-entry-version]").InnerTextAsync()).Should().Be("v3");
        (await entry.Locator("[data-testid=playbook-version]").CountAsync()).Should().Be(3);
        (await entry.Locator("[data-testid=playbook-version][data-version='2']").InnerTextAsync()).Should().Contain("superseded");
        await page.Context.CloseAsync();
    }
}
