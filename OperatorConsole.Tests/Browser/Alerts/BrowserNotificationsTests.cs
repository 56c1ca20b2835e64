using System.Net;
using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser.Alerts;

[Collection(BrowserCollection.Name)]
public sealed class BrowserNotificationsTests(BrowserFixture browser)
{
    // Records what the page hands to the Notification API (the real one would pop up on the desktop).
    private const string RecordNotifications = """
        window.__notes = [];
        const Real = window.Notification;
        window.Notification = class {
            constructor(title, options) { window.__notes.push({ title, body: options && options.body }); }
            static get permission() { return Real.permission; }
            static requestPermission() { return Real.requestPermission(); }
            close() {}
        };
        """;

    [Fact]
    public async Task OptIn_WithPermissionGranted_NewBrokenItemShowsANotification()
    {
        var page = await browser.SignedInPageAsync();
        await page.Context.GrantPermissionsAsync(["notifications"], new BrowserContextGrantPermissionsOptions { Origin = browser.BaseUrl });
        await page.Context.AddInitScriptAsync(RecordNotifications);
        await page.GotoAsync("/");
        await BrowserFixture.WaitForCircuitAsync(page);

        var toggle = page.Locator("[data-testid=notifications-toggle]");
        await toggle.WaitForAsync();
        (await toggle.GetAttributeAsync("data-on")).Should().Be("false", "notifications are opt-in");
        await toggle.ClickAsync();
        await page.Locator("[data-testid=notifications-toggle][data-on=true]").WaitForAsync();

        var response = await browser.PostFailedRunAsync("Notify me: research API 502");
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        await page.WaitForFunctionAsync("() => window.__notes.some(n => (n.body || '').includes('research API 502'))", null,
            new PageWaitForFunctionOptions { Timeout = 20_000 });
        var title = await page.EvaluateAsync<string>("() => window.__notes.find(n => (n.body || '').includes('research API 502')).title");
        title.Should().StartWith("Broken");

        // The choice is remembered for this user in this browser.
        await page.ReloadAsync();
        await BrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-testid=notifications-toggle][data-on=true]").WaitForAsync();
        await page.Context.CloseAsync();
    }
}
