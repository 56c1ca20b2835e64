using Bunit;
using Microsoft.AspNetCore.Components;
using OperatorConsole.Web.Components.Shared;

namespace OperatorConsole.Tests.Components.Shell;

/// <summary>An empty list offers to clear its filters only when a filter narrowed it.</summary>
public sealed class EmptyStateTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Theory]
    [InlineData(false, 0)]
    [InlineData(true, 1)]
    public void EmptyState_OffersToClearTheFilters_OnlyWhenFiltered(bool filtered, int buttons)
    {
        var cleared = 0;
        var cut = _ctx.RenderWithMud<EmptyState>(p => p
            .Add(x => x.Title, "No leads match")
            .Add(x => x.Filtered, filtered)
            .Add(x => x.OnClearFilters, EventCallback.Factory.Create(this, () => cleared++)));

        cut.FindAll("[data-testid=empty-clear-filters]").Should().HaveCount(buttons);
        if (filtered)
        {
            cut.Find("[data-testid=empty-clear-filters]").Click();
            cleared.Should().Be(1);
        }
    }
}
