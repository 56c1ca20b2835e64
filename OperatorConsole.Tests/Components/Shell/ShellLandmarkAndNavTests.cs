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

    [Fact]
    public void NavMenu_IsASmallRenderTree_InEveryCircuit()
    {
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/settings"); // every group open: the largest menu
        var cut = _ctx.Render<NavMenu>();

        // Blazor keeps a component's frames twice (current and previous tree) in arrays that double from 32: 543
        // frames cost a 1,024-frame array (41 KB) per circuit; 102 fit a 128-frame one (5 KB) (issue 18).
        _ctx.FramesOf(cut).Length.Should().BeLessThanOrEqualTo(128);
        cut.FindAll("a.mud-nav-link").Should().HaveCount(22);
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

    [Theory]
    [InlineData("/leads/12", "/leads")]
    [InlineData("/", "/")]
    [InlineData("/runs?status=fail", "/runs")]
    public void NavMenu_MarksTheCurrentPage_AndOnlyIt(string path, string current)
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(path);

        var cut = _ctx.Render<NavMenu>();

        cut.FindAll("a[aria-current=page]").Select(a => a.GetAttribute("href")).Should().Equal(current);
        cut.Find("a[aria-current=page]").ClassList.Should().Contain("active");
    }

    [Fact]
    public void NavMenu_GroupButton_HidesAndShowsItsLinks()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/");
        var cut = _ctx.Render<NavMenu>();
        IElementLookup Sell() => new(cut.Find("nav[aria-label=Sell] button"), cut.Find("nav[aria-label=Sell] .mud-navgroup-collapse"));

        Sell().Button.GetAttribute("aria-expanded").Should().Be("true");
        Sell().Links.HasAttribute("hidden").Should().BeFalse();

        Sell().Button.Click();

        Sell().Button.GetAttribute("aria-expanded").Should().Be("false");
        Sell().Links.HasAttribute("hidden").Should().BeTrue();
        Sell().Links.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).Should().Contain("/leads", "a closed group's links stay in the page, hidden");
    }

    [Fact]
    public void NavMenu_TellsTheDrawer_WhenALinkIsFollowed_NotWhenAGroupIsToggled()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var drawer = new CountingDrawer();
        var cut = _ctx.Render<CascadingValue<MudBlazor.Interfaces.INavigationEventReceiver>>(p => p
            .Add(c => c.Value, drawer)
            .AddChildContent<NavMenu>());

        cut.Find("nav[aria-label=Sell] button").Click();
        drawer.Navigations.Should().Be(0);

        cut.Find("a[href='/leads']").Click();
        drawer.Navigations.Should().Be(1, "on a phone the drawer overlays the page and must close when a page is chosen");
    }

    private sealed record IElementLookup(AngleSharp.Dom.IElement Button, AngleSharp.Dom.IElement Links);

    private sealed class CountingDrawer : MudBlazor.Interfaces.INavigationEventReceiver
    {
        public int Navigations { get; private set; }

        public Task OnNavigation()
        {
            Navigations++;
            return Task.CompletedTask;
        }
    }
}
