using Bunit;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.BuildOps;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Web.Features.BuildOps;

namespace OperatorConsole.Tests.Components.BuildOps;

/// <summary>The Build Ops task form: queued and edited through BuildTaskService, its field errors shown where they belong.</summary>
public sealed class BuildTaskFormTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();
    private readonly List<bool> _closed = [];

    public void Dispose() => _ctx.Dispose();

    private IRenderedComponent<BuildTaskForm> Render(BuildTaskView? editing) =>
        _ctx.RenderWithMud<BuildTaskForm>(p => p
            .Add(c => c.Editing, editing)
            .Add(c => c.Actor, ComponentTestContext.TestOperator)
            .Add(c => c.OnClosed, saved => _closed.Add(saved)));

    [Fact]
    public async Task Queueing_WithoutATitle_ShowsTheTitleErrorAndWritesNothing()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var cut = Render(null);
        cut.WaitForElement("input[data-testid=build-task-title]");

        cut.Find("[data-testid=build-task-save]").Click();

        cut.WaitForAssertion(() => cut.Find("input[data-testid=build-task-title]").Closest(".mud-input-control")!.TextContent.Should().Contain("title"));
        _closed.Should().BeEmpty("the form stays open for the operator to fix it");
        await using var db = _ctx.CreateDbContext();
        (await db.Set<BuildTask>().CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task Queueing_WithATitle_QueuesTheTaskAndCloses()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var cut = Render(null);

        cut.WaitForElement("input[data-testid=build-task-title]").Change("Intake bot: retry on 429");
        cut.Find("[data-testid=build-task-save]").Click();

        cut.WaitForAssertion(() => _closed.Should().Equal(true));
        await using var db = _ctx.CreateDbContext();
        var task = await db.Set<BuildTask>().SingleAsync();
        task.Title.Should().Be("Intake bot: retry on 429");
        task.Status.Should().Be(BuildTaskStatus.Queued);
        task.Impact.Should().Be(BusinessImpact.Deliver, "the form's default impact");
    }

    [Fact]
    public async Task Editing_StartsFromTheTaskAndSavesTheChange()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var created = await _ctx.Service<BuildTaskService>().CreateAsync(
            new CreateBuildTaskRequest("Invoice parser", BusinessImpact.Improve, "Parse PDFs", RiskLevel: RiskLevel.High), ComponentTestContext.TestOperator);
        var cut = Render(created.Value);

        cut.WaitForAssertion(() => cut.Find("input[data-testid=build-task-title]").GetAttribute("value").Should().Be("Invoice parser"));
        cut.Markup.Should().Contain($"Edit task #{created.Value!.Id}");
        cut.Find("input[data-testid=build-task-title]").Change("Invoice parser v2");
        cut.Find("[data-testid=build-task-save]").Click();

        cut.WaitForAssertion(() => _closed.Should().Equal(true));
        await using var db = _ctx.CreateDbContext();
        var task = await db.Set<BuildTask>().SingleAsync();
        task.Title.Should().Be("Invoice parser v2");
        task.RiskLevel.Should().Be(RiskLevel.High, "fields the operator did not touch keep their value");
        task.Impact.Should().Be(BusinessImpact.Improve);
    }
}
