using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Features.Assets;

namespace OperatorConsole.Tests.Components.Assets;

public sealed class AssetsPageTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void AssetsPage_NothingLoggedAndNoFilter_SaysNoneYet_WithNothingToClear()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        var cut = _ctx.RenderWithMud<AssetsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No assets logged yet"));
        cut.FindAll("[data-testid=empty-clear-filters]").Should().BeEmpty("there are no filters to clear");
    }

    [Fact]
    public void AssetsPage_OpensWithTheFiltersOfItsAddress_AndClearingTakesThemOut()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/assets?q=nothing-like-this&type=prompt");
        var cut = _ctx.RenderWithMud<AssetsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No assets match"));
        cut.Find("[data-testid=empty-clear-filters]").Click();

        navigation.Uri.Should().NotContain("q=").And.NotContain("type=");
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No assets logged yet"));
    }
}
