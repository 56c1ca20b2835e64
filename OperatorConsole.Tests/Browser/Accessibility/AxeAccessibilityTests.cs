using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Accessibility;

/// <summary>
/// WCAG 2.1 A/AA with axe-core on every screen the README lists, as the operator, in the light and the dark
/// theme. One browser page signs in once and walks every route (a full load each, so each screen is checked as
/// a person lands on it, after the circuit and the theme are live).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeAccessibilityTests(BrowserFixture browser)
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    [Fact]
    public async Task EveryReadmeRoute_LightAndDark_HasNoSeriousOrCriticalViolation()
    {
        var routes = await ConsoleRoutes.ResolvedAsync(browser.Factory);
        var page = await browser.SignedInPageAsync();
        // The Failures badge is announced with its count (label in name: it starts with the visible "Failures N").
        await page.WaitForFunctionAsync("() => /^Failures [0-9]+: /.test(document.querySelector('[data-testid=failures-badge]')?.getAttribute('aria-label') ?? '')");
        var found = new StringBuilder();
        foreach (var theme in new[] { "light", "dark" })
        {
            await page.EvaluateAsync("t => localStorage.setItem('oc-theme', t)", theme);
            var first = true;
            foreach (var route in routes)
            {
                // One full load per theme; then the app's own navigation (same circuit), as a person moves around.
                await OpenAsync(page, route, theme, fullLoad: first);
                first = false;
                var result = await page.RunAxe(Wcag21AA);
                foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
                {
                    Describe(found, theme, route, violation);
                }
            }
        }

        found.Length.Should().Be(0, "every screen must pass WCAG 2.1 AA (serious/critical):\n" + found);
        await page.Context.CloseAsync();
    }

    /// <summary>The forms a page opens in place (not on any route's first view): a deal's edit form, the new-lead form, the Leads column chooser.</summary>
    [Fact]
    public async Task FormsOpenedInPlace_HaveNoSeriousOrCriticalViolation()
    {
        var routes = await ConsoleRoutes.ResolvedAsync(browser.Factory);
        var lead = routes.First(r => r.StartsWith("/leads/", StringComparison.Ordinal));
        var page = await browser.SignedInPageAsync();
        var found = new StringBuilder();
        foreach (var (route, toggle, open) in new[] { (lead, "lead-edit-toggle", "lead-edit-save"), ("/leads", "new-lead-toggle", "new-lead-save"), ("/leads", "columns-toggle", "columns-show-all") })
        {
            await OpenAsync(page, route, "light");
            await page.ClickAsync($"[data-testid={toggle}]");
            await page.Locator($"[data-testid={open}]").WaitForAsync();
            await page.WaitForTimeoutAsync(300);
            var result = await page.RunAxe(Wcag21AA);
            foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
            {
                Describe(found, "light", route + " (" + toggle + ")", violation);
            }
        }

        found.Length.Should().Be(0, "an opened form must pass WCAG 2.1 AA:\n" + found);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignInPage_HasNoSeriousOrCriticalViolation()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        var result = await page.RunAxe(Wcag21AA);
        var found = new StringBuilder();
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            Describe(found, "static", "/login", violation);
        }

        found.Length.Should().Be(0, "the sign-in page must pass WCAG 2.1 AA:\n" + found);
        await context.CloseAsync();
    }

    /// <summary>Opens the route (a full load, or the app's navigation) and waits until it is painted in the theme and settled.</summary>
    internal static async Task OpenAsync(IPage page, string route, string theme, bool fullLoad = true)
    {
        if (fullLoad)
        {
            await page.GotoAsync(route);
        }
        else
        {
            // The address changes before the new page renders, so the previous page's h1 is remembered (element and
            // text) and the wait below is for a different one: otherwise the previous page could be measured under
            // the new route's name. Consecutive routes therefore differ in their page or their title.
            await page.EvaluateAsync(
                "r => { const h = document.querySelector('main h1'); window.__ocLeftH1 = h; window.__ocLeftTitle = h?.textContent; Blazor.navigateTo(r); }",
                route);
        }

        await page.WaitForFunctionAsync(
            "([r, t, full]) => { const h = document.querySelector('main h1');"
            + " return window.Blazor !== undefined && (location.pathname === r || location.pathname + location.search === r) && h !== null"
            + " && (full === 'full' || h !== window.__ocLeftH1 || h.textContent !== window.__ocLeftTitle)"
            + " && document.documentElement.getAttribute('data-oc-theme') === (r === '/standup' ? 'dark' : t); }",
            new[] { route, theme, fullLoad ? "full" : "in-app" });
        // Lists load after the first interactive render: wait until no spinner or skeleton is left, then one frame more.
        await page.WaitForFunctionAsync("() => document.querySelector('.mud-progress-circular, .mud-skeleton') === null", null, new() { Timeout = 10_000 });
        await page.WaitForTimeoutAsync(150);
    }

    private static void Describe(StringBuilder found, string theme, string route, AxeResultItem violation)
    {
        found.AppendLine($"[{theme}] {route}: {violation.Id} ({violation.Impact}) {violation.Help} — {violation.Nodes.Length} node(s)");
        foreach (var node in violation.Nodes.Take(4))
        {
            var summary = string.Join(" | ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message));
            found.AppendLine($"    {node.Target} {Trim(node.Html, 140)} :: {Trim(summary, 220)}");
        }
    }

    private static string Trim(string? text, int max) =>
        text is null ? "" : text.Length <= max ? text : text[..max] + "…";
}
