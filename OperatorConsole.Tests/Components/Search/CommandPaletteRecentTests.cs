using Bunit;
using OperatorConsole.Web.Features.Search;

namespace OperatorConsole.Tests.Components.Search;

/// <summary>Ctrl+K lists the signed-in user's recent screens and items before anything is typed (issue 22).</summary>
public sealed class CommandPaletteRecentTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    [Fact]
    public void Palette_OpenedBeforeTyping_ListsThisUsersRecentItems()
    {
        _ctx.SignInAs(email: "ada@test.local");
        _ctx.JSInterop.Setup<CommandPalette.RecentItem[]?>("oc.recentList", i => (string?)i.Arguments[0] == "ada@test.local")
            .SetResult(
            [
                new("run", "Run #412 · enrich · fail", "HTTP 429", "/runs/412"),
                new("visited", "Failures & Interventions", null, "/failures"),
            ]);
        var cut = _ctx.RenderWithMud<CommandPalette>();

        cut.Find("[data-testid=palette-open]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=palette-item]").Should().HaveCount(2));
        cut.Find("[data-testid=palette-recent-heading]").TextContent.Should().StartWith("Recent");
        var items = cut.FindAll("[data-testid=palette-item]");
        items[0].TextContent.Should().Contain("Run #412");
        items[1].TextContent.Should().Contain("Failures & Interventions");
        cut.Find("#oc-palette-item-0").GetAttribute("aria-selected").Should().Be("true", "Enter opens the most recent");
    }

    [Fact]
    public void Palette_NothingRecent_ShowsTheHint()
    {
        _ctx.SignInAs();
        _ctx.JSInterop.Setup<CommandPalette.RecentItem[]?>("oc.recentList", _ => true).SetResult([]);
        var cut = _ctx.RenderWithMud<CommandPalette>();

        cut.Find("[data-testid=palette-open]").Click();

        cut.FindAll("[data-testid=palette-item]").Should().BeEmpty();
        cut.Markup.Should().Contain("Type a lead, company, run");
    }

    public void Dispose() => _ctx.Dispose();
}
