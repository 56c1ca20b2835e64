using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Features.AgentJobs;

namespace OperatorConsole.Tests.Components.AgentJobs;

public sealed class AgentJobsPageEmptyTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public void AgentJobsPage_FilteredByABuildTask_ClearingTakesTheTaskOutOfTheAddress()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/agent-jobs?status=deployed&task=42");
        var cut = _ctx.RenderWithMud<AgentJobsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No jobs match these filters"));
        cut.Find("[data-testid=empty-clear-filters]").Click();

        navigation.Uri.Should().NotContain("task=", "the build-task filter lives in the address and is cleared there").And.NotContain("status=");
    }

    [Fact]
    public void AgentJobsPage_FilteredToNothing_ClearingSaysNoneYet_WithNothingMoreToClear()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/agent-jobs?status=deployed");
        var cut = _ctx.RenderWithMud<AgentJobsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No jobs match these filters"));
        cut.Find("[data-testid=empty-clear-filters]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No agent jobs recorded yet"));
        cut.FindAll("[data-testid=empty-clear-filters]").Should().BeEmpty();
        navigation.Uri.Should().NotContain("status=", "a reload of the address would bring the cleared filter back");
    }
}
