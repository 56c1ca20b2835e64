using System.Text.RegularExpressions;
using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Chat;

/// <summary>The chat screen in a real browser: newest answer in view, input pinned, receipts fold, no internal keys.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ChatScreenTests(BrowserFixture browser)
{
    /// <summary>A fact source key as the API carries it ("constraint.evidence.leadsStuck", "scorecard.won_value.month").</summary>
    [GeneratedRegex(@"\b[a-z]+\.[a-z_]+\.[A-Za-z_]+\b")]
    private static partial Regex InternalKey();

    [Fact]
    public async Task TwoQuestions_NewestAnswerInView_InputPinned_ReceiptsFold_NoInternalKeys()
    {
        var page = await browser.SignedInPageAsync();
        // A short window, so two answers with their receipts cannot both fit and the page has to scroll.
        await page.SetViewportSizeAsync(1280, 640);
        await page.GotoAsync("/chat");
        await BrowserFixture.WaitForCircuitAsync(page);

        var exchanges = page.Locator("[data-testid=chat-exchange]");
        var before = await exchanges.CountAsync();
        foreach (var question in new[] { "How many leads are in each stage?", "What is the bottleneck and why?" })
        {
            var input = page.Locator("[data-testid=chat-input] input, input[data-testid=chat-input]").First;
            await input.FillAsync(question);
            await page.ClickAsync("[data-testid=chat-send]");
            await page.Locator("[data-testid=chat-exchange]", new() { HasText = "Q: " + question }).WaitForAsync();
        }

        (await exchanges.CountAsync()).Should().Be(before + 2);

        // The newest answer is scrolled into view, above the pinned input bar; the input bar is inside the window.
        await page.WaitForFunctionAsync("""
            () => {
              const answer = document.querySelector('#chat-newest [data-testid=chat-answer]');
              const bar = document.querySelector('[data-testid=chat-input-bar]');
              if (!answer || !bar) return false;
              const a = answer.getBoundingClientRect(), b = bar.getBoundingClientRect();
              return a.top >= 0 && a.bottom <= b.top && b.top >= 0 && b.bottom <= window.innerHeight;
            }
            """);
        (await page.Locator("#chat-newest").InnerTextAsync()).Should().Contain("Q: What is the bottleneck and why?");

        // Only the newest answer's receipts are open; they fold and unfold.
        var receipts = page.Locator("[data-testid=chat-receipts]");
        var newest = page.Locator("#chat-newest [data-testid=chat-receipts]");
        (await newest.EvaluateAsync<bool>("d => d.open")).Should().BeTrue();
        (await receipts.Nth(before).EvaluateAsync<bool>("d => d.open")).Should().BeFalse();
        await newest.Locator("[data-testid=chat-receipts-toggle]").ClickAsync();
        (await newest.EvaluateAsync<bool>("d => d.open")).Should().BeFalse();
        (await newest.Locator("[data-testid=chat-missing]").IsVisibleAsync()).Should().BeFalse();
        await newest.Locator("[data-testid=chat-receipts-toggle]").ClickAsync();
        (await newest.EvaluateAsync<bool>("d => d.open")).Should().BeTrue();
        (await newest.Locator("[data-testid=known-source]").First.IsVisibleAsync()).Should().BeTrue();

        // Open every receipt, then read the whole history as a person would: no fact-source keys anywhere.
        await page.EvaluateAsync("() => document.querySelectorAll('[data-testid=chat-receipts]').forEach(d => d.open = true)");
        var text = await page.Locator("[data-testid=chat-history]").InnerTextAsync();
        text.Should().Contain("Known");
        InternalKey().Matches(text).Select(m => m.Value).Should().BeEmpty();
        text.Should().NotContain("constraint.evidence.");

        // The input stays usable at the bottom of the window after the answers.
        (await page.Locator("[data-testid=chat-input-bar]").IsVisibleAsync()).Should().BeTrue();
        await page.Context.CloseAsync();
    }
}
