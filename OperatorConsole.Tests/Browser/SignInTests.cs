using Microsoft.Playwright;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task SignIn_AtLogin_ShowsTheCommandCenter()
    {
        var page = await browser.SignedInPageAsync();

        await page.Locator("[data-testid=command-center-title]").WaitForAsync();
        (await page.Locator("[data-testid=command-center-title]").InnerTextAsync()).Should().Be("Command Center");
        (await page.Locator("[data-testid=signed-in-as]").InnerTextAsync()).Should().Contain(ConsoleFactory.OperatorEmail);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SignIn_WithWrongPassword_StaysOnLoginWithAnError()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = browser.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.FillAsync("[data-testid=login-email]", ConsoleFactory.OperatorEmail);
        await page.FillAsync("[data-testid=login-password]", "not-the-password");
        await page.ClickAsync("[data-testid=login-submit]");

        await page.Locator("[data-testid=login-error]").WaitForAsync();
        page.Url.Should().Contain("/login");
        await context.CloseAsync();
    }
}
