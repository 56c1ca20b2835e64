using Bunit;
using Microsoft.AspNetCore.Components;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Components.Layout;
using OperatorConsole.Web.Components.Shared;

namespace OperatorConsole.Tests.Components.Shell;

public sealed class ShellTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    /// <summary>API.md "Screens" plus every sprint area: the navigation must offer each one.</summary>
    public static TheoryData<string> AreaRoutes => new()
    {
        "/", "/failures", "/leads", "/clients", "/agent-jobs", "/build-ops", "/approvals", "/standup", "/settings",
        "/assets", "/learning", "/playbook", "/chat", "/metrics", "/packages", "/teams", "/templates", "/audit", "/integrations", "/import", "/runs",
    };

    [Theory]
    [MemberData(nameof(AreaRoutes))]
    public void NavMenu_LinksToEveryArea(string route)
    {
        _ctx.SignInAs(ConsoleRoles.Operator);

        var cut = _ctx.Render<NavMenu>();

        cut.FindAll("a").Select(a => NormalizeHref(a.GetAttribute("href"))).Should().Contain(route);
    }

    [Fact]
    public void MainLayout_ShowsTheAppBarNavigationBodyAndWhoIsSignedIn()
    {
        _ctx.SignInAs(ConsoleRoles.Operator, "ada@agency.test");

        var cut = _ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p data-testid=\"page-body\">page</p>"))));

        cut.Find("[data-testid=page-body]").TextContent.Should().Be("page");
        cut.Find("[data-testid=signed-in-as]").TextContent.Should().Be("ada@agency.test");
        cut.Find("[data-testid=dark-toggle]").Should().NotBeNull();
        var hrefs = cut.FindAll("a").Select(a => NormalizeHref(a.GetAttribute("href"))).ToList();
        hrefs.Should().Contain(["/", "/leads", "/failures", "/settings", "/integrations", "/runs"]);
        cut.FindAll("form[action='/logout']").Should().ContainSingle();
    }

    [Fact]
    public void MainLayout_DarkModeToggle_StoresTheChoice()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var cut = _ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(_ => { })));

        cut.Find("[data-testid=dark-toggle]").Click();

        _ctx.JSInterop.VerifyInvoke("oc.setTheme").Arguments.Should().Equal("dark");
    }

    private static string? NormalizeHref(string? href) =>
        href is null ? null : href.Length > 1 ? href.TrimEnd('/') : href;
}
