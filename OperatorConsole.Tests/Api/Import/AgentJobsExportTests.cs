using System.Net;
using System.Net.Http.Json;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Domain.Common;
using OperatorConsole.Tests.Infrastructure;
using static OperatorConsole.Tests.Api.Import.ExportTestSupport;

namespace OperatorConsole.Tests.Api.Import;

/// <summary>GET /api/exports/agent-jobs.csv: the agent job ledger as CSV, with the list's filters, read back with CsvHelper.</summary>
public sealed class AgentJobsExportTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>, IAsyncLifetime
{
    private const string Tricky = "Fix \"quoted\" totals, commas\nand a second line — ünïcødé 日本語 🚀";

    private int _taskId;

    /// <summary>Jobs of every kind: risky and approved/deployed on a build task of a lead, UI-only, money-sensitive, plain.</summary>
    public async Task InitializeAsync()
    {
        await using (var db = factory.CreateDbContext())
        {
            if (db.Set<OperatorConsole.Domain.AgentJobs.AgentJob>().Any())
            {
                _taskId = db.Set<OperatorConsole.Domain.BuildOps.BuildTask>().Select(t => t.Id).First();
                return;
            }
        }

        var agent = factory.CreateAgentClient();
        var op = await factory.CreateOperatorClientAsync();
        var lead = await (await agent.PostJsonAsync("/api/leads", new { title = "Lead \"Ωmega\", Inc.\nnorth", company = "Ωmega, Inc." })).ReadJsonAsync();
        var task = await op.PostJsonAsync("/api/build-tasks", new
        {
            title = "Deploy pipeline, \"v2\" — ñ", impact = "deliver", riskLevel = "medium", description = "d", leadId = lead.GetProperty("id").GetInt32(),
        });
        task.StatusCode.Should().Be(HttpStatusCode.Created, await task.Content.ReadAsStringAsync());
        _taskId = (await task.ReadJsonAsync()).GetProperty("id").GetInt32();

        var risky = await RecordAsync(new
        {
            buildTaskId = _taskId, taskRequested = Tricky, branch = "agent/ñ-deploy,v2",
            filesTouched = new[] { ".github/workflows/deploy.yml", "src/Web/Pages/Ünï, \"x\".razor" },
            result = "success", testsPassed = 41, testsFailed = 0,
        });
        (await op.PatchAsJsonAsync($"/api/agent-jobs/{risky}", new { humanApproved = true, reason = "Checked, \"carefully\"\nline two" })).EnsureSuccessStatusCode();
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        (await op.PatchAsJsonAsync($"/api/agent-jobs/{risky}", new { deployedAt = factory.Clock.GetUtcNow(), reason = "Release 1.2, ✓" })).EnsureSuccessStatusCode();

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await RecordAsync(new { taskRequested = "Tidy the card", filesTouched = new[] { "src/Web/Card.razor" }, result = "failure" });
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await RecordAsync(new { buildTaskId = _taskId, taskRequested = "Invoice rounding", filesTouched = new[] { "src/billing/Invoice.cs" }, branch = "agent/billing", result = "partial", testsPassed = 10, testsFailed = 2 });
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await RecordAsync(new { taskRequested = "No files at all", result = "success" });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<int> RecordAsync(object body)
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    private static async Task<IReadOnlyList<AgentJobView>> ListAsync(HttpClient client, string filter)
    {
        var response = await client.GetAsync($"/api/agent-jobs?pageSize=500&{filter}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return (await response.ReadAsync<PagedList<AgentJobView>>()).Items;
    }

    [Fact]
    public async Task Export_RoundTrips_EveryFieldOfTheList_WithCommasQuotesNewlinesAndUnicode()
    {
        var client = await factory.CreateOperatorClientAsync();
        var response = await client.GetAsync("/api/exports/agent-jobs.csv");

        response.ShouldBeCsvAttachment("agent-jobs");
        var rows = ParseCsv<AgentJobCsvRow>(await response.Content.ReadAsStringAsync());
        var list = await ListAsync(client, "");

        list.Should().HaveCountGreaterThanOrEqualTo(4);
        rows.Select(r => r.Id).Should().Equal(list.Select(j => j.Id), "the export holds the list's jobs in its order, newest first");
        foreach (var (row, job) in rows.Zip(list))
        {
            Utc(row.CreatedAt).Should().Be(job.CreatedAt);
            row.TaskRequested.Should().Be(AsExported(job.TaskRequested));
            row.Result.Should().Be(job.Result);
            Blank(row.Branch).Should().Be(job.Branch);
            row.TestsPassed.Should().Be(job.TestsPassed);
            row.TestsFailed.Should().Be(job.TestsFailed);
            row.FilesTouchedCount.Should().Be(job.FilesTouched.Count);
            (row.FilesTouched.Length == 0 ? [] : row.FilesTouched.Split(AgentJobCsvRow.FileSeparator)).Should().Equal(job.FilesTouched);
            row.RiskClass.Should().Be(job.RiskClass);
            row.RiskLevel.Should().Be(job.RiskLevel);
            row.RiskExplanation.Should().Be(job.RiskExplanation);
            Blank(row.MatchedRule).Should().Be(job.MatchedRule);
            Blank(row.MatchedFile).Should().Be(job.MatchedFile);
            row.RequiresReview.Should().Be(job.RequiresReview);
            row.HumanApproved.Should().Be(job.HumanApproved);
            Utc(row.ApprovedAt).Should().Be(job.ApprovedAt);
            Blank(row.ApprovedBy).Should().Be(job.ApprovedBy);
            Blank(row.ApprovalNote).Should().Be(job.ApprovalNote);
            row.ApprovalRequestId.Should().Be(job.ApprovalRequestId);
            Utc(row.DeployedAt).Should().Be(job.DeployedAt);
            Blank(row.DeployedBy).Should().Be(job.DeployedBy);
            Blank(row.DeployNote).Should().Be(job.DeployNote);
            row.BuildTaskId.Should().Be(job.BuildTaskId);
            Blank(row.BuildTaskTitle).Should().Be(job.BuildTaskTitle);
            Blank(row.RecordedBy).Should().Be(job.RecordedBy);
        }

        var risky = rows.Single(r => r.TaskRequested == Tricky);
        risky.HumanApproved.Should().BeTrue();
        risky.ApprovalNote.Should().Be("Checked, \"carefully\"\nline two");
        risky.DeployNote.Should().Be("Release 1.2, ✓");
        risky.DeployedAt.Should().NotBeNull();
        risky.LeadTitle.Should().Be("Lead \"Ωmega\", Inc.\nnorth");
        risky.LeadId.Should().NotBeNull();
        risky.Branch.Should().Be("agent/ñ-deploy,v2");
        rows.Single(r => r.TaskRequested == "No files at all").LeadId.Should().BeNull();
    }

    [Theory]
    [InlineData("result=failure")]
    [InlineData("riskLevel=high")]
    [InlineData("approved=true")]
    [InlineData("approved=false&riskLevel=high")]
    [InlineData("result=partial&riskLevel=high&approved=false")]
    [InlineData("result=success&riskLevel=low")]
    [InlineData("buildTaskId=TASK")]
    [InlineData("buildTaskId=987654")]
    public async Task FilteredExport_HoldsExactlyTheJobsOfTheFilteredList(string filter)
    {
        filter = filter.Replace("TASK", _taskId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        var viewer = await factory.CreateViewerClientAsync();

        var rows = ParseCsv<AgentJobCsvRow>(await viewer.ExportAsync($"/api/exports/agent-jobs.csv?{filter}"));
        var list = await ListAsync(viewer, filter);

        rows.Select(r => r.Id).Should().Equal(list.Select(j => j.Id));
    }

    [Fact]
    public async Task FilteredExport_NarrowsTheFile()
    {
        var viewer = await factory.CreateViewerClientAsync();
        var all = ParseCsv<AgentJobCsvRow>(await viewer.ExportAsync("/api/exports/agent-jobs.csv"));
        var high = ParseCsv<AgentJobCsvRow>(await viewer.ExportAsync("/api/exports/agent-jobs.csv?riskLevel=high"));

        high.Should().NotBeEmpty().And.OnlyContain(r => r.RiskLevel == OperatorConsole.Domain.BuildOps.RiskLevel.High);
        high.Count.Should().BeLessThan(all.Count, "a filter that excludes jobs must shorten the file");
        var empty = await viewer.ExportAsync("/api/exports/agent-jobs.csv?buildTaskId=987654");
        empty.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().ContainSingle().Which.Should().StartWith("id,createdAt,taskRequested,result");
    }

    [Fact]
    public async Task Export_EscapesATaskThatASpreadsheetWouldRunAsAFormula()
    {
        await RecordAsync(new { taskRequested = "=HYPERLINK(\"http://evil.test\",\"x\")", result = "success" });
        var rows = ParseCsv<AgentJobCsvRow>(await (await factory.CreateOperatorClientAsync()).ExportAsync("/api/exports/agent-jobs.csv?result=success"));

        rows.Should().Contain(r => r.TaskRequested == "'=HYPERLINK(\"http://evil.test\",\"x\")");
        rows.Should().NotContain(r => r.TaskRequested.StartsWith('='));
    }

    [Theory]
    [InlineData("result=exploded", "result")]
    [InlineData("riskLevel=extreme", "riskLevel")]
    [InlineData("approved=maybe", "approved")]
    public async Task Export_WithAnUnknownFilterValue_Is400Problem_LikeTheList(string filter, string field)
    {
        var client = await factory.CreateOperatorClientAsync();

        var export = await client.GetAsync($"/api/exports/agent-jobs.csv?{filter}");
        var list = await client.GetAsync($"/api/agent-jobs?{filter}");

        export.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        list.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        export.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        export.Content.Headers.ContentDisposition.Should().BeNull("a rejected export is not a download");
        (await export.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        (await list.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
    }

    [Fact]
    public async Task Export_IsGuardedLikeTheAgentJobsList()
    {
        var statuses = new List<string>();
        foreach (var (name, client) in await CallersAsync(factory))
        {
            var export = (await client.GetAsync("/api/exports/agent-jobs.csv")).StatusCode;
            var list = (await client.GetAsync("/api/agent-jobs")).StatusCode;
            export.Should().Be(list, $"{name} gets the same answer from the export as from the list");
            statuses.Add($"{name}:{(int)export}");
        }

        statuses.Should().Equal("anonymous:401", "key without read:403", "agent key:403", "viewer:200", "operator:200");
    }
}
