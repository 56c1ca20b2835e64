using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Auth;
using Xunit.Abstractions;

namespace OperatorConsole.Tests.Browser.Security;

/// <summary>
/// In Chromium: the strict CSP (script-src 'self', connect-src 'self') leaves Blazor and MudBlazor working —
/// the circuit connects over its WebSocket and no violation is reported — and an open screen of a person whose
/// sessions are ended falls back to the sign-in page by itself.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task StrictCsp_PagesWorkWithoutAViolation()
    {
        var violations = new List<string>();
        var page = await browser.SignedInPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };

        foreach (var path in new[] { "/failures", "/approvals", "/leads", "/settings" })
        {
            await page.GotoAsync(path);
            await BrowserFixture.WaitForCircuitAsync(page);
        }

        // MudBlazor interactivity over the circuit: the Settings tabs switch.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Audit log" }).ClickAsync();
        await page.Locator("[data-testid=audit-chain-status]").WaitForAsync();
        (await page.Locator("[data-testid=audit-chain-status]").GetAttributeAsync("data-intact")).Should().Be("true");
        violations.Should().BeEmpty();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task OpenScreen_OfAPersonSignedOutEverywhere_ReturnsToSignIn()
    {
        var email = $"circuit{Guid.NewGuid():N}@test.local";
        string id;
        using (var scope = browser.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
            var user = new ConsoleUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Circuit", CreatedAt = DateTime.UtcNow };
            (await users.CreateAsync(user, ConsoleFactory.Password)).Succeeded.Should().BeTrue();
            await users.AddToRoleAsync(user, ConsoleRoles.Operator);
            id = user.Id;
        }

        var page = await browser.SignedInPageAsync(email);
        await page.GotoAsync("/failures");
        await BrowserFixture.WaitForCircuitAsync(page);

        var clock = Stopwatch.StartNew();
        using (var scope = browser.Factory.Services.CreateScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<UserAdminService>()
                .SignOutEverywhereAsync(id, new Actor(ActorKind.User, "admin", "Admin", IsOperator: true));
            result.Succeeded.Should().BeTrue();
        }

        await page.WaitForURLAsync(url => url.Contains("/login", StringComparison.Ordinal), new() { Timeout = 20_000 });
        output.WriteLine($"open circuit → sign-in page {clock.Elapsed.TotalSeconds:F1} s after 'sign out everywhere' (revalidation every 5 s)");
        await page.Context.CloseAsync();
    }
}
