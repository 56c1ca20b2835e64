using Bunit;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Runs;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Features.Runs;

namespace OperatorConsole.Tests.Components.Runs;

public sealed class RunPagesTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private async Task<RunView> RecordAsync(int? leadId, string kind, params RecordRunStep[] steps)
    {
        var result = await _ctx.Service<PipelineRunService>().RecordAsync(
            new RecordRunRequest(leadId, kind, _ctx.Clock.GetUtcNow().UtcDateTime.AddMinutes(-10), _ctx.Clock.GetUtcNow().UtcDateTime.AddMinutes(-9), steps),
            ComponentTestContext.TestOperator);
        return result.Value!;
    }

    [Fact]
    public async Task RunDetailPage_ShowsTheRunItsStepsAndErrors()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        var lead = await _ctx.SeedLeadAsync("Run lead");
        var run = await RecordAsync(lead.Id, "research", new RecordRunStep("fetch", true, null, 1200), new RecordRunStep("summarise", false, "model timeout", 30000));

        var cut = _ctx.RenderWithMud<RunDetailPage>(p => p.Add(c => c.Id, run.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=run-title]").TextContent.Should().Be($"research run {run.Id}"));
        cut.Find("[data-status]").TextContent.Should().Be("partial");
        cut.Find("[data-testid=run-error]").TextContent.Should().Contain("summarise: model timeout");
        cut.Find("[data-testid=run-lead-link]").GetAttribute("href").Should().Be($"/leads/{lead.Id}");
        var steps = cut.FindAll("[data-testid=run-step]");
        steps.Should().HaveCount(2);
        steps[0].TextContent.Should().Contain("fetch").And.Contain("ok").And.Contain("1.2 s");
        steps[1].TextContent.Should().Contain("summarise").And.Contain("failed").And.Contain("model timeout");
        cut.Find("[data-testid=run-facts]").TextContent.Should().Contain("took 1 min 0 s");
    }

    [Fact]
    public async Task RunDetailPage_NoSteps_ExplainsWhyItIsAFail()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var run = await RecordAsync(null, "knowledge-ingest");

        var cut = _ctx.RenderWithMud<RunDetailPage>(p => p.Add(c => c.Id, run.Id));

        cut.WaitForAssertion(() => cut.Find("[data-status]").TextContent.Should().Be("fail"));
        cut.Find("[data-testid=run-steps]").TextContent.Should().Contain("no steps");
        cut.Find("[data-testid=run-facts]").TextContent.Should().Contain("system-wide");
    }

    [Fact]
    public void RunDetailPage_UnknownRun_SaysItDoesNotExist()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);

        var cut = _ctx.RenderWithMud<RunDetailPage>(p => p.Add(c => c.Id, 987654));

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("does not exist"));
    }

    [Fact]
    public async Task RunsPage_ListsRunsNewestFirst_AndFiltersByStatusAndKindFromTheAddress()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var failed = await RecordAsync(null, "research", new RecordRunStep("a", false, "boom"));
        _ctx.Clock.Advance(TimeSpan.FromMinutes(1));
        await RecordAsync(null, "research", new RecordRunStep("a", true));
        _ctx.Clock.Advance(TimeSpan.FromMinutes(1));
        await RecordAsync(null, "enrich", new RecordRunStep("a", false, "boom"));

        var all = _ctx.RenderWithMud<RunsPage>();
        all.WaitForAssertion(() => all.FindAll("[data-testid=run-row]").Should().HaveCount(3));
        all.FindAll("[data-testid=run-row-link]").First().TextContent.Should().StartWith("enrich");

        var nav = _ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        nav.NavigateTo("/runs?status=fail&kind=research");
        var filtered = _ctx.RenderWithMud<RunsPage>();

        filtered.WaitForAssertion(() => filtered.FindAll("[data-testid=run-row]").Should().ContainSingle());
        filtered.Find("[data-testid=run-row-link]").GetAttribute("href").Should().Be($"/runs/{failed.Id}");
        filtered.Find("[data-testid=runs-total]").TextContent.Should().Be("1 run");
    }

    [Fact]
    public async Task RunsPage_ShowsANewRunWithoutAReload()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var cut = _ctx.RenderWithMud<RunsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No runs recorded yet"));
        cut.FindAll("[data-testid=empty-clear-filters]").Should().BeEmpty("there are no filters to clear");

        await RecordAsync(null, "score", new RecordRunStep("a", true));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=run-row]").Should().ContainSingle());
    }

    [Fact]
    public async Task RunsPage_FilteredToNothing_SaysNothingMatches_AndClearingTheFiltersShowsEveryRun()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        await RecordAsync(null, "score", new RecordRunStep("a", true));
        var navigation = _ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/runs?status=fail");
        var cut = _ctx.RenderWithMud<RunsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No runs match"));
        cut.Find("[data-testid=empty-clear-filters]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=run-row]").Should().ContainSingle());
        navigation.Uri.Should().NotContain("status=", "the address no longer holds the cleared filter");
    }
}
