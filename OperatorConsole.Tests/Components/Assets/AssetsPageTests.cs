using Bunit;
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
}
