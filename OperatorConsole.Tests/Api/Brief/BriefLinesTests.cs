using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Brief;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Brief;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Api.Brief;

/// <summary>
/// The shared brief is made of its lines, each re-read only when a change touches what it counts (issue 18): a
/// failed run re-reads the run lines, not the day's touches; a touch re-reads the touches; each shows the change.
/// </summary>
public sealed class BriefLinesTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    private LiveQueries Queries => _factory.Services.GetRequiredService<LiveQueries>();

    private LiveQuery<TodaysBriefReport> Brief => _factory.Services.GetRequiredService<BriefQuery>().Query.For(ClockMode.Now);

    private long Reads(string line) => Queries.Computations($"brief.line.{line}@now");

    [Fact]
    public async Task AFailedRun_RereadsTheRunLinesOnly_ATouch_RereadsTheTouches()
    {
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var lead = await _factory.PostLeadAsync("Brief lead");
        var before = (await Queries.GetAsync(Brief)).Value;
        var (touches, failed, sent) = (Reads("brief.touches"), Reads("brief.runs_failed"), Reads("brief.proposals_sent"));

        var run = await _factory.CreateAgentClient().PostJsonAsync("/api/pipeline-runs", new
        {
            leadId = lead, kind = "research", startedAt = now.AddMinutes(-5), finishedAt = now.AddMinutes(-4),
            steps = new[] { new { name = "fetch", success = false, error = "upstream 503" } },
        });
        run.EnsureSuccessStatusCode();
        var afterRun = (await Queries.GetAsync(Brief)).Value;

        afterRun.Line("brief.runs_failed")!.Count.Should().Be(before.Line("brief.runs_failed")!.Count + 1);
        Reads("brief.runs_failed").Should().Be(failed + 1);
        Reads("brief.touches").Should().Be(touches, "a run changes no touch");
        Reads("brief.proposals_sent").Should().Be(sent, "a run changes no proposal");

        var touch = await _factory.CreateAgentClient().PostJsonAsync($"/api/leads/{lead}/touches", new { channel = "call", direction = "outbound", occurredAt = now.AddMinutes(-1) });
        touch.EnsureSuccessStatusCode();
        var afterTouch = (await Queries.GetAsync(Brief)).Value;

        afterTouch.Line("brief.touches")!.Count.Should().Be(before.Line("brief.touches")!.Count + 1);
        afterTouch.Should().BeEquivalentTo(await _factory.Services.GetRequiredService<BriefService>().GetAsync(afterTouch.Clock),
            "the lines kept apart make the brief a whole read makes");
    }

    public Task InitializeAsync()
    {
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
