using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Failures;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Api.Failures;

/// <summary>
/// The shared report keeps its parts as child answers (issue 18, ADRs 200 and 207): every open lead's last run is
/// patched from the changes' lead ids, the failed runs from the runs each change names, and a recorded run does not
/// read the proposal, approval or integration buckets again. What it shows must stay what reading everything now shows.
/// </summary>
public sealed class FailuresKeptPartsTests : IAsyncLifetime
{
    private readonly ConsoleFactory _factory = new();

    private FailuresReportCache Cache => _factory.Services.GetRequiredService<FailuresReportCache>();

    private LiveQueries Queries => _factory.Services.GetRequiredService<LiveQueries>();

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

    [Fact]
    public async Task AfterRunsARenameAndTime_TheKeptFailedRuns_EqualAWholeRead()
    {
        var now = _factory.Clock.GetUtcNow().UtcDateTime;
        var (first, second) = (await AddLeadAsync("First"), await AddLeadAsync("Second"));
        await RecordRunAsync(first, RunStatus.Fail, now.AddDays(-6.5));
        (await Cache.GetAsync()).FailedRuns.Should().HaveCount(1);

        await RecordRunAsync(first, RunStatus.Partial, now.AddHours(-2));
        await RecordRunAsync(second, RunStatus.Success, now.AddHours(-1));
        await RecordRunAsync(second, RunStatus.Fail, now.AddDays(-30)); // recorded late: outside the window from the start
        await AssertSameAsWholeReadAsync(2);

        await using (var db = _factory.CreateDbContext())
        {
            (await db.Set<Lead>().FindAsync(first))!.Title = "First, renamed";
            await db.SaveChangesAsync();
        }

        (await AssertSameAsWholeReadAsync(2)).Should().OnlyContain(r => r.LeadTitle == "First, renamed");

        // A day later the first failure has left the seven-day window, with nothing written in between but one run.
        _factory.Clock.Advance(TimeSpan.FromDays(1));
        await RecordRunAsync(second, RunStatus.Fail, _factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-5));
        (await AssertSameAsWholeReadAsync(2)).Select(r => r.LeadId).Should().BeEquivalentTo([first, second]);
    }

    [Fact]
    public async Task ARecordedRun_DoesNotReadTheProposalApprovalOrIntegrationPartsAgain()
    {
        var lead = await AddLeadAsync("Runner");
        await Cache.GetAsync();
        var before = Parts.ToDictionary(p => p, p => Queries.Computations(p));
        var reports = Cache.Computations;

        await RecordRunAsync(lead, RunStatus.Fail, _factory.Clock.GetUtcNow().UtcDateTime.AddMinutes(-1));
        (await Cache.GetAsync()).FailedRuns.Should().ContainSingle(r => r.LeadId == lead);

        Cache.Computations.Should().BeGreaterThan(reports, "the report itself is recomputed");
        Queries.Computations("failures.failed-runs").Should().BeGreaterThan(before["failures.failed-runs"], "the failed runs hear the run");
        foreach (var part in Parts.Where(p => p != "failures.failed-runs"))
        {
            Queries.Computations(part).Should().Be(before[part], $"{part} reads nothing a run changes");
        }
    }

    private static readonly string[] Parts = ["failures.failed-runs", "failures.proposals@data", "failures.approvals", "failures.integrations"];

    private async Task<IReadOnlyList<FailedRunItem>> AssertSameAsWholeReadAsync(int expected)
    {
        var kept = (await Cache.GetAsync()).FailedRuns;
        var whole = (await _factory.Services.GetRequiredService<FailuresService>().GetReportAsync()).FailedRuns;
        kept.Should().BeEquivalentTo(whole, o => o.WithStrictOrdering());
        kept.Should().HaveCount(expected);
        return kept;
    }

    private Task<int> AddLeadAsync(string title) => _factory.PostLeadAsync(title + " " + Guid.NewGuid().ToString("N")[..6]);

    private Task RecordRunAsync(int leadId, RunStatus status, DateTime startedAt) => _factory.PostRunAsync(leadId, status, startedAt);

    public Task InitializeAsync()
    {
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
