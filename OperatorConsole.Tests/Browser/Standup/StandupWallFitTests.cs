using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Standup;

/// <summary>
/// The stand-up wall shows every panel without scrolling on a 1920×1080 wall and a 1280×720 screen: each panel's
/// bottom and right edges are inside the viewport, nothing spills out of a panel, and capped lists say how many
/// more there are (true totals) — on the demo business, which has more of everything than fits.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StandupWallFitTests(BrowserFixture browser)
{
    private static readonly string[] Panels =
        ["standup-failures", "standup-constraint", "standup-results", "standup-agent-jobs", "standup-approvals", "standup-won"];

    [Theory]
    [InlineData(1920, 1080)]
    [InlineData(1280, 720)]
    public async Task Standup_AtWallSize_EveryPanelIsInsideTheViewport_WithNoScrolling(int width, int height)
    {
        await browser.Factory.EnsureViewerAsync();
        await MoreApprovalsWaitingThanThePanelShowsAsync();
        var page = await browser.SignedInPageAsync(ConsoleFactory.ViewerEmail);
        await page.SetViewportSizeAsync(width, height);
        await page.GotoAsync(browser.BaseUrl + "/standup");
        await page.WaitForFunctionAsync("() => document.querySelector('[data-testid=standup-grid][data-interactive=true]') !== null && document.querySelector('.mud-skeleton') === null");

        var page_ = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, innerWidth, innerHeight]");
        page_[0].Should().BeLessThanOrEqualTo(page_[2], "the wall must not scroll sideways");
        page_[1].Should().BeLessThanOrEqualTo(page_[3], "the wall must not scroll down");
        foreach (var panel in Panels)
        {
            var box = await page.EvaluateAsync<double[]>(
                "id => { const p = document.querySelector(`[data-testid=${id}]`); const r = p.getBoundingClientRect(); return [r.bottom, r.right, p.scrollHeight - p.clientHeight, p.scrollWidth - p.clientWidth]; }",
                panel);
            box[0].Should().BeLessThanOrEqualTo(height, $"{panel}'s bottom edge must be on screen");
            box[1].Should().BeLessThanOrEqualTo(width, $"{panel}'s right edge must be on screen");
            box[2].Should().BeLessThanOrEqualTo(1, $"nothing may spill below {panel}");
            box[3].Should().BeLessThanOrEqualTo(1, $"nothing may spill to the right of {panel}");
        }

        // Large type for a room: at least 14 px at 720 p, about 20 px on a 1080 p wall.
        var fontPx = await page.EvaluateAsync<double>("() => parseFloat(getComputedStyle(document.querySelector('.oc-standup')).fontSize)");
        fontPx.Should().BeGreaterThanOrEqualTo(height >= 1080 ? 19 : 14);

        // Capped lists count what they leave out: the demo has more approvals than the panel shows.
        var total = int.Parse(await page.Locator("[data-testid=standup-approvals-total]").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        var shown = await page.Locator("[data-testid=standup-approval-row]").CountAsync();
        total.Should().BeGreaterThan(shown);
        (await page.Locator("[data-testid=standup-approvals-more]").InnerTextAsync()).Should().Be($"and {total - shown} more on Approvals");
        (await page.Locator("[data-testid=standup-results-more]").CountAsync()).Should().Be(1);

        // Every panel says when its data was loaded.
        foreach (var panel in Panels)
        {
            (await page.Locator($"[data-testid={panel}-updated]").InnerTextAsync()).Trim().Should().StartWith("updated");
        }

        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The demo seeds more waiting approvals than the panel shows, but other tests on this shared server decide some
    /// (and a CI run once left exactly four): top up with high-risk agent jobs, each of which waits for review.
    /// </summary>
    private async Task MoreApprovalsWaitingThanThePanelShowsAsync()
    {
        await using var db = browser.Factory.CreateDbContext();
        var waiting = await db.Set<OperatorConsole.Domain.Approvals.ApprovalRequest>()
            .CountAsync(a => a.State == OperatorConsole.Domain.Approvals.ApprovalState.Pending);
        using var http = browser.AgentHttpClient();
        for (var i = waiting; i <= OperatorConsole.Web.Features.Standup.StandupApprovals.MaxRows; i++)
        {
            var response = await http.PostJsonAsync("/api/agent-jobs", new
            {
                buildTaskId = (int?)null,
                taskRequested = $"Wall-fit top-up {i}",
                filesTouched = new[] { "infra/main.bicep" },
                branch = "agent/wall-fit",
                result = "success",
                testsPassed = 1,
                testsFailed = 0,
            });
            response.EnsureSuccessStatusCode();
        }
    }
}
