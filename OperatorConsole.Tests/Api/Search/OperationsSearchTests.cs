using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Search;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Api.Import;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Search;

/// <summary>Ctrl+K reaches runs (by id, kind, error text, "failed"), integrations, approvals, agent jobs and settings pages.</summary>
public sealed class OperationsSearchTests(DemoConsoleFactory factory) : IClassFixture<DemoConsoleFactory>
{
    private async Task<SearchResults> SearchAsync(string q) =>
        await (await (await factory.CreateOperatorClientAsync()).GetAsync("/api/search?take=20&q=" + Uri.EscapeDataString(q))).ReadAsync<SearchResults>();

    [Fact]
    public async Task Search_FindsRunsByIdKindAndErrorText()
    {
        await using var db = factory.CreateDbContext();
        var failed = await db.Set<PipelineRun>().Where(r => r.Status == RunStatus.Fail && r.Error != null).OrderBy(r => r.Id).FirstAsync();

        (await SearchAsync("#" + failed.Id)).Items.Should().Contain(h => h.Kind == "run" && h.Href == $"/runs/{failed.Id}");
        var errorWord = failed.Error!.Split(' ', StringSplitOptions.RemoveEmptyEntries).First(w => w.Length >= 3 && w.All(char.IsLetterOrDigit));
        (await SearchAsync(errorWord)).Items.Should().Contain(h => h.Href == $"/runs/{failed.Id}");
        (await SearchAsync("failed " + failed.Kind)).Items.Where(h => h.Kind == "run").Should().NotBeEmpty()
            .And.OnlyContain(h => h.Title.Contains("· fail", StringComparison.Ordinal));
        // "runs" leads to the runs page first.
        (await SearchAsync("runs")).Items[0].Href.Should().Be("/runs");
    }

    [Fact]
    public async Task Search_FindsIntegrationsApprovalsAgentJobsAndSettingsPages()
    {
        await using var db = factory.CreateDbContext();
        var integration = await db.Set<IntegrationHealth>().OrderBy(i => i.Id).Select(i => i.Name).FirstAsync();
        (await SearchAsync(integration)).Items.Should().Contain(h => h.Kind == "integration" && h.Title == integration);
        (await SearchAsync("invoice matching")).Items.Should().Contain(h => h.Kind == "approval");
        (await SearchAsync("api keys")).Items.Should().Contain(h => h.Title == "Settings · API keys" && h.Href == "/settings");
        var job = await db.Set<OperatorConsole.Domain.AgentJobs.AgentJob>().OrderBy(j => j.Id).Select(j => j.TaskRequested).FirstAsync();
        (await SearchAsync(job)).Items.Should().Contain(h => h.Kind == "agent job" && h.Title == job);
    }
}
