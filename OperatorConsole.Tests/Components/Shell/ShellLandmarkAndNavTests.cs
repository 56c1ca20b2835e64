using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Components.Layout;

namespace OperatorConsole.Tests.Components.Shell;

/// <summary>The shell gives screen readers a main landmark and keeps the current page's menu group open.</summary>
public sealed class ShellLandmarkAndNavTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void MainLayout_PutsThePageInsideOneMainLandmark()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var cut = _ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p data-testid=\"page-body\">page</p>"))));

        cut.FindAll("main").Should().ContainSingle();
        cut.Find("main [data-testid=page-body]").Should().NotBeNull();
        cut.Find("[data-testid=appbar-title]").ClassList.Should().Contain("oc-nowrap");
    }

    [Theory]
    [InlineData("/runs/12", true)]
    [InlineData("/settings", true)]
    [InlineData("/leads", false)]
    public void NavMenu_OpensTheOperateGroup_OnItsPages(string path, bool open)
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(path);

        var cut = _ctx.Render<NavMenu>();

        cut.Find("[data-testid=nav-operate] [aria-expanded]").GetAttribute("aria-expanded").Should().Be(open ? "true" : "false");
    }

    [Fact]
    public void NavMenu_OpensTheOperateGroup_WhenNavigatingToOneOfItsPages()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/leads");
        var cut = _ctx.Render<NavMenu>();
        cut.Find("[data-testid=nav-operate] [aria-expanded]").GetAttribute("aria-expanded").Should().Be("false");

        cut.InvokeAsync(() => navigation.NavigateTo("/audit"));

        cut.WaitForAssertion(() => cut.Find("[data-testid=nav-operate] [aria-expanded]").GetAttribute("aria-expanded").Should().Be("true"));
    }
}
