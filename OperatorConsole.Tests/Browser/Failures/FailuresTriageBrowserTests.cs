using Microsoft.Playwright;
using OperatorConsole.Tests.Browser.Accessibility;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Failures;

/// <summary>Triage in place, in a real browser: the form opens at the row (in view), and on a phone rows are cards.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FailuresTriageBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task FailuresPage_SnoozeOnALowerRow_OpensTheFormInViewWithTheReasonFocused()
    {
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await AxeAccessibilityTests.OpenAsync(page, "/failures", "light");
        var row = page.Locator("[data-testid=failures-row]:has([data-testid=failures-snooze])").Nth(6);
        await row.ScrollIntoViewIfNeededAsync();

        await row.Locator("[data-testid=failures-snooze]").ClickAsync();

        var form = page.Locator("[data-testid=failures-row-form] [data-testid=failures-ack-form]");
        await form.WaitForAsync();
        (await form.CountAsync()).Should().Be(1);
        var box = (await form.BoundingBoxAsync())!;
        box.Y.Should().BeGreaterThanOrEqualTo(0).And.BeLessThan(900 - 40, "the form opens where the operator is looking, not at the top of the page");
        // Focus moves after the form's render reaches the browser (JS interop): wait for it, as a person would see it land.
        await Assertions.Expect(page.Locator("[data-testid=failures-row-form] [data-testid=failures-ack-reason]")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FailuresPage_At390Wide_RowsAreCardsWithTheirActionsOnScreen()
    {
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await AxeAccessibilityTests.OpenAsync(page, "/failures", "light");

        var rows = page.Locator("[data-testid=failures-row]");
        (await rows.CountAsync()).Should().BeGreaterThan(3);
        var layout = await page.EvaluateAsync<double[]>(
            """
            () => {
              const row = document.querySelector('[data-testid=failures-bucket-failed_runs] [data-testid=failures-row]');
              const buttons = [...row.querySelectorAll('button')].map(b => b.getBoundingClientRect().right);
              return [getComputedStyle(row).display === 'block' ? 1 : 0, row.getBoundingClientRect().width, Math.max(...buttons), document.documentElement.clientWidth];
            }
            """);
        layout[0].Should().Be(1, "a failure row is a card (a block), not a table row");
        layout[1].Should().BeLessThanOrEqualTo(layout[3]);
        layout[2].Should().BeLessThanOrEqualTo(layout[3], "Acknowledge and Snooze stay on the screen");
        await page.Context.CloseAsync();
    }
}
