using System.Net;
using Microsoft.Playwright;
using OperatorConsole.Tests.Browser.Accessibility;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Failures;

/// <summary>
/// A live list that moves under the keyboard keeps the operator's place: when a failed run enters at the top, the row
/// that had focus moves down with its focus, and Enter still acts on the item the operator chose, not on whichever item
/// now sits where it was (rows keyed by item, not by position; ADR 217).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveListFocusTests(BrowserFixture browser)
{
    private const string FocusedRowKey = "() => document.activeElement?.closest('[data-testid=failures-row]')?.getAttribute('data-key') ?? ''";

    [Fact]
    public async Task FailuresPage_AFailedRunArrives_TheFocusedAcknowledgeStaysOnItsOwnItem()
    {
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(1440, 900);
        await AxeAccessibilityTests.OpenAsync(page, "/failures", "light");
        var bucket = page.Locator("[data-testid=failures-bucket-failed_runs]");
        var first = bucket.Locator("[data-testid=failures-row]").First;
        var key = await first.GetAttributeAsync("data-key");
        var text = await first.Locator("[data-testid=failures-row-link]").InnerTextAsync();
        await first.Locator("[data-testid=failures-ack]").FocusAsync();
        (await page.EvaluateAsync<string>(FocusedRowKey)).Should().Be(key);

        var response = await browser.PostFailedRunAsync("Focus check answered 502");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        await bucket.Locator("[data-testid=failures-row]", new() { HasText = "Focus check answered 502" }).First
            .WaitForAsync(new() { Timeout = 10_000 });

        (await page.EvaluateAsync<string>(FocusedRowKey)).Should().Be(key, "the focus moved down with its row");
        (await page.EvaluateAsync<string>("() => document.activeElement?.getAttribute('data-testid') ?? ''")).Should().Be("failures-ack");
        var focusedRow = page.Locator($"[data-testid=failures-row][data-key='{key}']");
        (await focusedRow.Locator("[data-testid=failures-row-link]").InnerTextAsync()).Should().Be(text);

        // Enter opens the decision for the item that had focus, under its own row.
        await page.Keyboard.PressAsync("Enter");
        var form = page.Locator("[data-testid=failures-row-form]");
        await form.WaitForAsync();
        (await form.EvaluateAsync<string>("f => f.previousElementSibling?.getAttribute('data-key') ?? ''")).Should().Be(key);
        await page.Context.CloseAsync();
    }
}
