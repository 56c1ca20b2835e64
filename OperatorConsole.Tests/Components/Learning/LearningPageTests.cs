using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Features.Learning;

namespace OperatorConsole.Tests.Components.Learning;

/// <summary>The learning inbox's empty state says what is true: nothing yet on a first visit, "match" only under a filter.</summary>
public sealed class LearningPageTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void LearningPage_NoProposalsAndNoFilter_SaysNoneYet_WithoutOfferingToClearFilters()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var cut = _ctx.RenderWithMud<LearningPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No proposals yet"));
        cut.Find("[data-testid=empty-state]").TextContent.Should().NotContain("match");
        cut.FindAll("[data-testid=empty-clear-filters]").Should().BeEmpty("there are no filters to clear");
    }

    [Fact]
    public void LearningPage_OpensWithTheFiltersOfItsAddress_AndClearingTakesThemOut()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/learning?promoted=true&q=onboarding");
        var cut = _ctx.RenderWithMud<LearningPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No proposals match"));
        cut.Find("input[data-testid=learning-search]").GetAttribute("value").Should().Be("onboarding");
        cut.Find("[data-testid=empty-clear-filters]").Click();

        navigation.Uri.Should().NotContain("promoted=").And.NotContain("q=");
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No proposals yet"));
    }
}
