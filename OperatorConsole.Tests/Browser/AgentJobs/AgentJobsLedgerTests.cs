using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.AgentJobs;

namespace OperatorConsole.Tests.Browser.AgentJobs;

/// <summary>The agent-jobs ledger in a real browser: refusing a job from its row, and reaching every job through the pager.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AgentJobsLedgerTests(BrowserFixture browser)
{
    private async Task<int> RecordAsync(HttpClient http, string task, string file)
    {
        var response = await http.PostAsJsonAsync("/api/agent-jobs", new
        {
            taskRequested = task, filesTouched = new[] { file }, branch = "agent/ledger", result = "success", testsPassed = 12, testsFailed = 0,
        });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task Refuse_FromTheLedgerRow_AsksForAReason_ThenShowsRefusedWithWhoAndWhy_AndNoApprove()
    {
        var task = "Refuse me " + Guid.NewGuid().ToString("N")[..8];
        using var http = browser.AgentHttpClient();
        var id = await RecordAsync(http, task, "src/Auth/SessionCookie.cs");
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/agent-jobs?status=needs_review");
        await BrowserFixture.WaitForCircuitAsync(page);
        var row = page.Locator($"[data-testid=agent-jobs-table] [data-testid=agent-job-row][data-job-id='{id}']").First;
        await row.WaitForAsync();
        (await row.Locator("[data-testid=job-approval]").InnerTextAsync()).Should().Contain("needs review");

        await row.Locator("[data-testid=job-refuse]").ClickAsync();
        var panel = page.Locator("[data-testid=job-decision][data-action=refuse]");
        await panel.WaitForAsync();
        await panel.Locator("[data-testid=job-decision-confirm]").ClickAsync();
        // No reason: the panel refuses on the field and the job is still undecided.
        await panel.Locator(".mud-input-helper-text.mud-input-error").First.WaitForAsync();
        (await row.Locator("[data-testid=job-approval]").InnerTextAsync()).Should().Contain("needs review");

        await panel.Locator("textarea").First.FillAsync("Weakens the session cookie flags");
        await panel.Locator("[data-testid=job-decision-confirm]").ClickAsync();
        await panel.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });

        // The status filter still says needs_review, so the refused job is opened by its link instead.
        await page.GotoAsync($"/agent-jobs?job={id}");
        await BrowserFixture.WaitForCircuitAsync(page);
        var refused = page.Locator($"[data-testid=job-focused] [data-testid=agent-job-row][data-job-id='{id}']");
        await refused.WaitForAsync();
        var approval = refused.Locator("[data-testid=job-approval]");
        (await approval.GetAttributeAsync("data-status")).Should().Be("refused");
        (await approval.InnerTextAsync()).Should().Contain("refused");
        (await refused.Locator("[data-testid=job-refusal]").InnerTextAsync())
            .Should().Contain("Weakens the session cookie flags").And.MatchRegex(@"^by \S+", "the refusal names who refused");
        (await refused.Locator("[data-testid=job-approve]").CountAsync()).Should().Be(0, "a refused job offers no Approve");
        (await refused.Locator("[data-testid=job-refuse]").CountAsync()).Should().Be(0);
        (await refused.Locator("[data-testid=job-deploy]").CountAsync()).Should().Be(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Ledger_PagesBeyondTheFirstPage_ToTheOldestJobs()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        using var http = browser.AgentHttpClient();
        var first = 0;
        for (var i = 1; i <= AgentJobsPage.PageSize + 5; i++)
        {
            var id = await RecordAsync(http, $"Paging {tag} job {i:D3}", $"src/Styles/site{i}.css");
            first = first == 0 ? id : first;
        }

        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/agent-jobs");
        await BrowserFixture.WaitForCircuitAsync(page);
        var rows = page.Locator("[data-testid=agent-jobs-table] [data-testid=agent-job-row]");
        await rows.First.WaitForAsync();
        (await rows.CountAsync()).Should().Be(AgentJobsPage.PageSize, "the first page is full");
        (await page.Locator("[data-testid=jobs-page-info]").InnerTextAsync()).Should().StartWith($"1–{AgentJobsPage.PageSize} of ");
        // Newest first: the first job recorded here is past the first page.
        (await page.Locator($"[data-testid=agent-job-row][data-job-id='{first}']").CountAsync()).Should().Be(0);
        var total = int.Parse(TotalPattern().Match(await page.Locator("[data-testid=jobs-page-info]").InnerTextAsync()).Groups[1].Value,
            System.Globalization.CultureInfo.InvariantCulture);

        await page.Locator("[data-testid=jobs-pager] button", new PageLocatorOptions { HasTextRegex = PageTwo() }).First.ClickAsync();

        await page.Locator($"[data-testid=agent-job-row][data-job-id='{first}']").WaitForAsync();
        (await page.Locator("[data-testid=jobs-page-info]").InnerTextAsync())
            .Should().StartWith($"{AgentJobsPage.PageSize + 1}–").And.EndWith($"of {total}");
        (await rows.CountAsync()).Should().Be(Math.Min(AgentJobsPage.PageSize, total - AgentJobsPage.PageSize));
        (await rows.First.InnerTextAsync()).Should().NotContain($"job {AgentJobsPage.PageSize + 5:D3}", "page 2 holds older jobs than page 1");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex(@"of\s+(\d+)")]
    private static partial Regex TotalPattern();

    [GeneratedRegex(@"^\s*2\s*$")]
    private static partial Regex PageTwo();
}
