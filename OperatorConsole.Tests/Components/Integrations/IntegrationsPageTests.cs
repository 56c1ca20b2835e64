using Bunit;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Integrations;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Web.Features.Integrations;

namespace OperatorConsole.Tests.Components.Integrations;

public sealed class IntegrationsPageTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private Task BeatAsync(string name, bool ok, string? message = null) =>
        _ctx.Service<IntegrationService>().HeartbeatAsync(name, new HeartbeatRequest(ok, message));

    [Fact]
    public async Task IntegrationsPage_ShowsHealthyAndBrokenIntegrations_WithTheirProblem()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        await BeatAsync("crm-sync", ok: true);
        await BeatAsync("research", ok: false, "HTTP 500 from the search API");

        var cut = _ctx.RenderWithMud<IntegrationsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=integration-health-crm-sync]").TextContent.Should().Be("healthy"));
        cut.Find("[data-testid=integration-health-research]").TextContent.Should().Be("broken");
        cut.Find("[data-testid=integrations-table]").TextContent.Should().Contain("HTTP 500 from the search API");
        cut.Find("[data-testid=integration-problem-research]").TextContent.Should().NotBeNullOrWhiteSpace();
        cut.Find("[data-testid=integrations-summary]").TextContent.Should().Contain("1 broken of 2");
    }

    [Fact]
    public async Task IntegrationsPage_UpdatesLive_WhenAHeartbeatArrives()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        await BeatAsync("crm-sync", ok: true);
        var cut = _ctx.RenderWithMud<IntegrationsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=integration-health-crm-sync]").TextContent.Should().Be("healthy"));

        await BeatAsync("crm-sync", ok: false, "token expired");

        cut.WaitForAssertion(() => cut.Find("[data-testid=integration-health-crm-sync]").TextContent.Should().Be("broken"));
        cut.Find("[data-testid=integrations-table]").TextContent.Should().Contain("token expired");
    }

    [Fact]
    public void IntegrationsPage_Empty_TeachesHowIntegrationsReport()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);

        var cut = _ctx.RenderWithMud<IntegrationsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("/heartbeat"));
    }

    [Fact]
    public async Task Operator_EditsTheExpectedInterval_Inline_AndItIsAudited()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        await BeatAsync("crm-sync", ok: true);
        var cut = _ctx.RenderWithMud<IntegrationsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=interval-edit-crm-sync]"));

        cut.Find("[data-testid=interval-edit-crm-sync]").Click();
        cut.Find("input[data-testid=interval-input], [data-testid=interval-input] input").Change("180");
        cut.Find("[data-testid=interval-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=integration-interval-crm-sync]").TextContent.Should().Be("3 h"));
        (await _ctx.Service<IntegrationService>().ListAsync()).Single().ExpectedIntervalMinutes.Should().Be(180);
        await using var db = _ctx.CreateDbContext();
        (await db.Set<AuditEntry>().SingleAsync(a => a.Action == "integration.interval_changed")).ActorName.Should().Be("operator@test.local");
    }

    [Fact]
    public async Task Operator_InvalidInterval_ShowsTheError_AndChangesNothing()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        await BeatAsync("crm-sync", ok: true);
        var before = (await _ctx.Service<IntegrationService>().ListAsync()).Single().ExpectedIntervalMinutes;
        var cut = _ctx.RenderWithMud<IntegrationsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=interval-edit-crm-sync]"));

        cut.Find("[data-testid=interval-edit-crm-sync]").Click();
        cut.Find("input[data-testid=interval-input], [data-testid=interval-input] input").Change("");
        cut.Find("[data-testid=interval-save]").Click();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("expectedIntervalMinutes"));
        (await _ctx.Service<IntegrationService>().ListAsync()).Single().ExpectedIntervalMinutes.Should().Be(before);
    }

    [Fact]
    public async Task Viewer_CannotEditTheInterval()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        await BeatAsync("crm-sync", ok: true);

        var cut = _ctx.RenderWithMud<IntegrationsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=integration-health-crm-sync]"));
        cut.FindAll("[data-testid=interval-edit-crm-sync]").Should().BeEmpty();
    }

    [Fact]
    public async Task Service_RefusesIntervalChangesFromAViewerOrAMachine()
    {
        await BeatAsync("crm-sync", ok: true);
        var service = _ctx.Service<IntegrationService>();

        (await service.UpdateAsync("crm-sync", new UpdateIntegrationRequest(5), _ctx.SignInAs(ConsoleRoles.Viewer))).Status
            .Should().Be(OperatorConsole.Domain.Common.OperationStatus.Forbidden);
        (await service.UpdateAsync("crm-sync", new UpdateIntegrationRequest(5), new OperatorConsole.Domain.Common.Actor(OperatorConsole.Domain.Common.ActorKind.ApiKey, "key:1", "agent"))).Status
            .Should().Be(OperatorConsole.Domain.Common.OperationStatus.Forbidden);
    }

    [Theory]
    [InlineData(30, "30 min")]
    [InlineData(60, "1 h")]
    [InlineData(90, "90 min")]
    [InlineData(1440, "1 d")]
    public void FormatInterval_ReadsNaturally(int minutes, string expected) =>
        IntegrationsPage.FormatInterval(minutes).Should().Be(expected);
}
