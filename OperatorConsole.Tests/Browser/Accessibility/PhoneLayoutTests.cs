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
        }

        wide.Should().BeEmpty();
        // The app-bar title fits on one line (no wrap): its height is one line of the h6.
        var title = await page.EvaluateAsync<double[]>("() => { const t = document.querySelector('[data-testid=appbar-title]'); return [t.getBoundingClientRect().height, parseFloat(getComputedStyle(t).lineHeight)]; }");
        title[0].Should().BeLessThanOrEqualTo(title[1] * 1.2);
        await page.Context.CloseAsync();
    }
}
