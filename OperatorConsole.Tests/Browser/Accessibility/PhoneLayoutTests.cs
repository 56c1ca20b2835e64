using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Accessibility;

/// <summary>On a 390×844 phone no main screen scrolls sideways and the app-bar title stays on one line.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneLayoutTests(BrowserFixture browser)
{
    [Fact]
    public async Task EveryMainScreen_At390Wide_HasNoHorizontalScrolling()
    {
        var routes = (await ConsoleRoutes.ResolvedAsync(browser.Factory)).Where(r => r != "/standup").ToList();
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        var wide = new List<string>();
        var first = true;
        foreach (var route in routes)
        {
            await AxeAccessibilityTests.OpenAsync(page, route, "light", fullLoad: first);
            first = false;
            var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
            if (size[0] > size[1])
            {
                var culprit = await page.EvaluateAsync<string>(
                    "() => { const w = document.documentElement.clientWidth; const el = [...document.querySelectorAll('main *')].reverse().find(e => e.getBoundingClientRect().right > w + 1); return el ? el.tagName + '.' + el.className + ' «' + (el.textContent || '').trim().slice(0, 40) + '»' : '?'; }");
                wide.Add($"{route}: scrollWidth {size[0]} > clientWidth {size[1]} ({culprit})");
            }

            // The page title never breaks inside a word ("Lead/s" when its row's buttons squeezed it).
            if (await page.EvaluateAsync<string>(BrokenTitleWords) is { Length: > 0 } broken)
            {
                wide.Add($"{route}: title word broken across lines: {broken}");
            }

            // A ledger shown as cards, or a small figures table, fits the screen without its own sideways scroll.
            if (await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.oc-card-rows .mud-table-container, .oc-tight-on-phone .mud-table-container')].some(e => e.scrollWidth > e.clientWidth + 1)"))
            {
                wide.Add($"{route}: a card-row ledger or a small figures table scrolls sideways");
            }
        }

        wide.Should().BeEmpty();
        // The app-bar title fits on one line (no wrap): its height is one line of the h6.
        var title = await page.EvaluateAsync<double[]>("() => { const t = document.querySelector('[data-testid=appbar-title]'); return [t.getBoundingClientRect().height, parseFloat(getComputedStyle(t).lineHeight)]; }");
        title[0].Should().BeLessThanOrEqualTo(title[1] * 1.2);
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// The Leads filters filled a phone's first screen, so no lead was in sight: beyond the search they fold behind a
    /// button that says how many are set, and open on a tap. A wide screen shows them all, and no button.
    /// </summary>
    [Fact]
    public async Task LeadsOnAPhone_ShowALeadOnTheFirstScreen_WithTheFiltersFoldedBehindAButton()
    {
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await AxeAccessibilityTests.OpenAsync(page, "/leads?status=open&minValue=1", "light", fullLoad: true);
        var firstLead = page.Locator("[data-testid=lead-row-link]").First;
        await firstLead.WaitForAsync();
        (await firstLead.BoundingBoxAsync())!.Y.Should().BeLessThan(844, "a lead is in sight without scrolling");
        var toggle = page.Locator("[data-testid=leads-filters-toggle]");
        (await toggle.InnerTextAsync()).Should().Contain("2", "the folded bar says two filters narrow the list");
        (await page.Locator("[data-testid=leads-status-filter]").IsVisibleAsync()).Should().BeFalse();

        await toggle.ClickAsync();
        await page.Locator("[data-testid=leads-status-filter]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Visible });
        (await toggle.GetAttributeAsync("aria-expanded")).Should().Be("true");

        // Folded again, then seen on a wide screen: every filter shown, no button.
        await toggle.ClickAsync();
        await page.Locator("[data-testid=leads-status-filter]").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Hidden });
        await page.SetViewportSizeAsync(1440, 900);
        (await toggle.IsVisibleAsync()).Should().BeFalse();
        (await page.Locator("[data-testid=leads-status-filter]").IsVisibleAsync()).Should().BeTrue();
        await page.Context.CloseAsync();
    }

    /// <summary>The words of the page's h1 whose letters are laid out on more than one line.</summary>
    private const string BrokenTitleWords = """
        () => {
            const h = document.querySelector('main h1');
            if (!h) return '';
            const broken = [];
            const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                for (const m of n.data.matchAll(/\S+/g)) {
                    const r = document.createRange();
                    r.setStart(n, m.index);
                    r.setEnd(n, m.index + m[0].length);
                    if (new Set([...r.getClientRects()].map(x => Math.round(x.top))).size > 1) broken.push(m[0]);
                }
            }
            return broken.join(' ');
        }
        """;
}
