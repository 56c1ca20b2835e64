using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Failures;

namespace OperatorConsole.Tests.Api.Failures;

/// <summary>
/// The shared report keeps every open lead's last run up to date from the changes' lead ids (issue 18): after runs,
/// a lead lost, a lead archived and a lead added, it lists what reading every lead now lists.
/// </summary>
public sealed class FailuresLastRunsTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    private FailuresReportCache Cache => _factory.Services.GetRequiredService<FailuresReportCache>();

    [Fact]
    public async Task AfterRunsAndLeadChanges_TheKeptLastRuns_EqualAWholeRead()
    {
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var (first, second, third) = (await AddLeadAsync("First"), await AddLeadAsync("Second"), await AddLeadAsync("Third"));
        await RecordRunAsync(first, RunStatus.Success, now.AddHours(-3));
        await RecordRunAsync(second, RunStatus.Success, now.AddHours(-3));
        await RecordRunAsync(third, RunStatus.Success, now.AddHours(-3));
        (await Cache.GetAsync()).LastRunStatusByLead.Should().HaveCount(3);

        await RecordRunAsync(first, RunStatus.Fail, now.AddHours(-1));
        await using (var db = _factory.CreateDbContext())
        {
            var lead = await db.Set<Lead>().FindAsync(second);
            lead!.Status = LeadStatus.Lost;
            (await db.Set<Lead>().FindAsync(third))!.IsArchived = true;
            await db.SaveChangesAsync();
        }

        var fourth = await AddLeadAsync("Fourth");
        await RecordRunAsync(fourth, RunStatus.Partial, now.AddMinutes(-30));

        var kept = (await Cache.GetAsync()).LastRunStatusByLead;
        var whole = (await _factory.Services.GetRequiredService<FailuresService>().GetReportAsync()).LastRunStatusByLead;

        kept.Should().BeEquivalentTo(whole, o => o.WithStrictOrdering());
        kept.Select(l => (l.LeadId, l.Status)).Should().Equal((first, RunStatus.Fail), (fourth, RunStatus.Partial));
    }

    private Task<int> AddLeadAsync(string title) => _factory.PostLeadAsync(title + " " + Guid.NewGuid().ToString("N")[..6]);

    private async Task RecordRunAsync(int leadId, RunStatus status, DateTime startedAt)
    {
        var steps = status switch
        {
            RunStatus.Success => new object[] { new { name = "fetch", success = true } },
            RunStatus.Fail => [new { name = "fetch", success = false, error = "upstream 503" }],
            _ => [new { name = "fetch", success = true }, new { name = "write", success = false, error = "disk full" }],
        };
        var response = await _factory.CreateAgentClient().PostJsonAsync("/api/pipeline-runs", new { leadId, kind = "research", startedAt, finishedAt = startedAt.AddSeconds(20), steps });
        response.EnsureSuccessStatusCode();
    }

    public Task InitializeAsync()
    {
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
