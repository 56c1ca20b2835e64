using System.Net.Http.Json;
using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.AgentJobs;

[Collection(BrowserCollection.Name)]
public sealed class AgentJobsLiveTests(BrowserFixture browser)
{
    [Fact]
    public async Task JobPostedWithTheApiKey_AppearsOnAnOpenAgentJobsPage_WithoutReload()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/agent-jobs");
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=agent-jobs-table]").WaitForAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) navigations++; };

        var task = "Live job " + Guid.NewGuid().ToString("N")[..8];
        using var http = browser.AgentHttpClient();
        var response = await http.PostAsJsonAsync("/api/agent-jobs", new
        {
            buildTaskId = (int?)null,
            taskRequested = task,
            filesTouched = new[] { "infra/main.bicep" },
            branch = "agent/live",
            result = "success",
            testsPassed = 41,
            testsFailed = 0,
        });
        response.EnsureSuccessStatusCode();

        var row = page.Locator("[data-testid=agent-job-row]", new PageLocatorOptions { HasText = task });
        // A bound for slow shared CI machines, not a timing assertion: the row normally arrives well under a second.
        await row.WaitForAsync(new LocatorWaitForOptions { Timeout = 10_000 });
        (await row.Locator("[data-testid=job-risk]").InnerTextAsync()).ToLowerInvariant().Should().Contain("infra · high").And.Contain("infra/** matched infra/main.bicep");
        (await row.Locator("[data-testid=job-approval]").InnerTextAsync()).Should().Contain("needs review");
        // Newest first: the new job is the first row.
        (await page.Locator("[data-testid=agent-job-row]").First.InnerTextAsync()).Should().Contain(task);
        navigations.Should().Be(0, "the row must arrive over the live circuit, not by reloading the page");
        await page.Context.CloseAsync();
    }
}
