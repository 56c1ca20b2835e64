using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.AgentJobs;

/// <summary>The decision path on agent jobs: reasons, refusals, the failed-checks override, deploy guards, risk override.</summary>
public sealed class AgentJobGuardsTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private async Task<JsonElement> RecordAsync(string file, string result = "success", int testsFailed = 0, object? diff = null)
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs", new
        {
            taskRequested = "guard " + file, filesTouched = new[] { file }, branch = "agent/guard", result, testsPassed = 10, testsFailed, diff,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static int Id(JsonElement job) => job.GetProperty("id").GetInt32();

    private async Task<HttpResponseMessage> PatchAsync(int id, object body) =>
        await (await factory.CreateOperatorClientAsync()).PatchAsJsonAsync($"/api/agent-jobs/{id}", body, ApiJson.Options);

    private static async Task<JsonElement> ErrorsAsync(HttpResponseMessage response)
    {
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, await response.Content.ReadAsStringAsync());
        return (await response.ReadJsonAsync()).GetProperty("errors");
    }

    [Fact]
    public async Task Approve_HighRiskAuthJob_WithoutReason_Is422AndNothingChanges()
    {
        var job = await RecordAsync("src/Security/TokenValidator.cs");

        (await ErrorsAsync(await PatchAsync(Id(job), new { humanApproved = true, reason = (string?)null }))).TryGetProperty("reason", out _).Should().BeTrue();

        await using var db = factory.CreateDbContext();
        var approval = await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == job.GetProperty("approvalRequestId").GetInt32());
        approval.State.Should().Be(ApprovalState.Pending);
    }

    [Fact]
    public async Task Refuse_ShowsRefusedWithWhoAndWhy_ClosesTheRequest_OneAuditEntry_AndIsFinal()
    {
        var job = await RecordAsync("app/controllers/sessions_controller.rb");
        var id = Id(job);

        var refused = await PatchAsync(id, new { humanApproved = false, reason = "Drops the CSRF check" });

        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await refused.ReadJsonAsync();
        body.GetProperty("status").GetString().Should().Be("refused");
        body.GetProperty("refusalReason").GetString().Should().Be("Drops the CSRF check");
        body.GetProperty("refusedBy").GetString().Should().NotBeNullOrEmpty();
        await using (var db = factory.CreateDbContext())
        {
            (await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == job.GetProperty("approvalRequestId").GetInt32())).State.Should().Be(ApprovalState.Rejected);
            var audit = await db.AuditEntries.Where(a => a.RecordType == "agent_job" && a.RecordId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "agent_job.rejected").ToListAsync();
            audit.Should().ContainSingle().Which.Reason.Should().Be("Drops the CSRF check");
            audit[0].Before.Should().NotBeNull();
            audit[0].After.Should().Contain("Drops the CSRF check");
        }

        (await ErrorsAsync(await PatchAsync(id, new { humanApproved = true, reason = "changed my mind" }))).GetProperty("humanApproved")[0].GetString().Should().Contain("refus");
        (await ErrorsAsync(await PatchAsync(id, new { deployedAt = factory.Clock.GetUtcNow(), reason = "ship" }))).TryGetProperty("deployedAt", out _).Should().BeTrue();
        var refusedList = await (await (await factory.CreateOperatorClientAsync()).GetAsync("/api/agent-jobs?status=refused&pageSize=100")).ReadJsonAsync();
        refusedList.GetProperty("items").EnumerateArray().Select(j => j.GetProperty("id").GetInt32()).Should().Contain(id);
    }

    [Fact]
    public async Task FailedJob_CannotBeApprovedOrDeployed_WithoutTheOverride_WhichIsShownAndAudited()
    {
        var job = await RecordAsync("src/Billing/Plan.cs", result: "failure", testsFailed: 3);
        var id = Id(job);

        (await ErrorsAsync(await PatchAsync(id, new { humanApproved = true, reason = "looks fine" }))).GetProperty("humanApproved")[0].GetString()
            .Should().Contain("override");
        (await ErrorsAsync(await PatchAsync(id, new { humanApproved = true, reason = "looks fine", overrideReason = "  " }))).TryGetProperty("overrideReason", out _)
            .Should().BeTrue();

        var approved = await PatchAsync(id, new { humanApproved = true, reason = "Reviewed the plan change", overrideReason = "The 3 failures are the known flaky tax tests" });
        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var body = await approved.ReadJsonAsync();
        body.GetProperty("overrideReason").GetString().Should().Be("The 3 failures are the known flaky tax tests");
        body.GetProperty("humanApproved").GetBoolean().Should().BeTrue();

        // The override stands for the job: deploying now needs only its own reason.
        (await PatchAsync(id, new { deployedAt = factory.Clock.GetUtcNow(), reason = "Release 41" })).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = factory.CreateDbContext();
        (await db.AuditEntries.CountAsync(a => a.RecordId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "agent_job.checks_overridden")).Should().Be(1);
    }

    [Fact]
    public async Task Override_OnAJobWhoseChecksPassed_Is422()
    {
        var job = await RecordAsync("src/Leads/LeadService.cs");

        (await ErrorsAsync(await PatchAsync(Id(job), new { humanApproved = true, reason = "ok", overrideReason = "just in case" })))
            .TryGetProperty("overrideReason", out _).Should().BeTrue();
    }

    [Fact]
    public async Task MediumFailedJob_CannotBeMarkedDeployed_WithoutApprovalOrReason()
    {
        var job = await RecordAsync("src/Leads/LeadService.cs", result: "failure");
        var id = Id(job);
        job.GetProperty("riskLevel").GetString().Should().Be("medium");

        (await ErrorsAsync(await PatchAsync(id, new { deployedAt = factory.Clock.GetUtcNow() }))).TryGetProperty("reason", out _).Should().BeTrue();
        var errors = await ErrorsAsync(await PatchAsync(id, new { deployedAt = factory.Clock.GetUtcNow(), reason = "ship it" }));
        errors.GetProperty("deployedAt")[0].GetString().Should().Contain("approve");
    }

    [Fact]
    public async Task LowRiskJob_DeploysWithoutApproval()
    {
        var job = await RecordAsync("src/Web/wwwroot/app.css");

        (await PatchAsync(Id(job), new { deployedAt = factory.Clock.GetUtcNow(), reason = "CSS tweak" })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task DeployedAt_InTheFutureOrBeforeTheJobOrItsApproval_Is422OnTheField()
    {
        var job = await RecordAsync("src/Web/wwwroot/site.css");
        var id = Id(job);
        var now = factory.Clock.GetUtcNow();

        (await ErrorsAsync(await PatchAsync(id, new { deployedAt = new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), reason = "r" })))
            .GetProperty("deployedAt")[0].GetString().Should().NotBeNullOrWhiteSpace("a deploy time years ahead is refused on the field");
        (await ErrorsAsync(await PatchAsync(id, new { deployedAt = now.AddMinutes(1), reason = "r" }))).TryGetProperty("deployedAt", out _).Should().BeTrue();
        (await ErrorsAsync(await PatchAsync(id, new { deployedAt = now.AddDays(-1), reason = "r" })))
            .GetProperty("deployedAt")[0].GetString().Should().Contain("before the job was recorded");

        var medium = Id(await RecordAsync("src/Leads/Rules.cs"));
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        (await PatchAsync(medium, new { humanApproved = true, reason = "reviewed" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await ErrorsAsync(await PatchAsync(medium, new { deployedAt = factory.Clock.GetUtcNow().AddMinutes(-2), reason = "r" })))
            .GetProperty("deployedAt")[0].GetString().Should().Contain("before the job was approved");
        (await PatchAsync(medium, new { deployedAt = factory.Clock.GetUtcNow(), reason = "r" })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RiskOverride_LowersAHighJob_ClosesItsRequest_KeepsTheRulesVerdict_AndIsAudited()
    {
        var job = await RecordAsync("src/Billing/BillingCopy.cs");
        var id = Id(job);

        var response = await (await factory.CreateOperatorClientAsync()).PostJsonAsync($"/api/agent-jobs/{id}/risk",
            new { riskClass = "ui_only", riskLevel = "low", reason = "Only the wording of a label" });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        body.GetProperty("riskLevel").GetString().Should().Be("low");
        body.GetProperty("requiresReview").GetBoolean().Should().BeFalse();
        body.GetProperty("classifiedRiskLevel").GetString().Should().Be("high");
        body.GetProperty("riskOverrideReason").GetString().Should().Be("Only the wording of a label");
        body.GetProperty("riskExplanation").GetString().Should().Contain("overridden");
        await using var db = factory.CreateDbContext();
        (await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == job.GetProperty("approvalRequestId").GetInt32())).State.Should().NotBe(ApprovalState.Pending);
        (await db.AuditEntries.CountAsync(a => a.RecordId == id.ToString(CultureInfo.InvariantCulture) && a.Action == "agent_job.risk_overridden")).Should().Be(1);
    }

    [Fact]
    public async Task RiskOverride_RaisingToHigh_OpensTheReviewRequest()
    {
        var id = Id(await RecordAsync("src/Leads/Scoring.cs"));

        var body = await (await (await factory.CreateOperatorClientAsync()).PostJsonAsync($"/api/agent-jobs/{id}/risk",
            new { riskClass = "money_sensitive", riskLevel = "high", reason = "Scoring sets the quoted price" })).ReadJsonAsync();

        body.GetProperty("requiresReview").GetBoolean().Should().BeTrue();
        await using var db = factory.CreateDbContext();
        var subject = id.ToString(CultureInfo.InvariantCulture);
        (await db.Set<ApprovalRequest>().CountAsync(a => a.SubjectType == "agent_job" && a.SubjectId == subject && a.State == ApprovalState.Pending)).Should().Be(1);
    }

    [Fact]
    public async Task DiffSummary_ALargeChangeRaisesTheLevel()
    {
        var job = await RecordAsync("src/Web/wwwroot/theme.css", diff: new[] { new { path = "src/Web/wwwroot/theme.css", linesAdded = 1400, linesRemoved = 200 } });

        job.GetProperty("riskLevel").GetString().Should().Be("high");
        job.GetProperty("linesAdded").GetInt32().Should().Be(1400);
        job.GetProperty("riskExplanation").GetString().Should().Contain("1,600 lines changed");
    }

    [Fact]
    public async Task DiffSummary_NegativeCounts_Are422()
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs", new
        {
            taskRequested = "bad diff", filesTouched = new[] { "a.cs" }, result = "success", diff = new[] { new { path = "a.cs", linesAdded = -1, linesRemoved = 0 } },
        });

        (await ErrorsAsync(response)).TryGetProperty("diff[0]", out _).Should().BeTrue();
    }

    [Fact]
    public async Task Inbox_Decision_GoesThroughTheSameGuards()
    {
        var job = await RecordAsync("src/Payments/Refund.cs", result: "partial");
        var op = await factory.CreateOperatorClientAsync();

        var response = await op.PostJsonAsync($"/api/approvals/{job.GetProperty("approvalRequestId").GetInt32()}/decision", new { approve = true, reason = "ok" });

        (await ErrorsAsync(response)).GetProperty("humanApproved")[0].GetString().Should().Contain("override");
        var refused = await op.PostJsonAsync($"/api/approvals/{job.GetProperty("approvalRequestId").GetInt32()}/decision", new { approve = false, reason = "Partial refund logic" });
        refused.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await (await op.GetAsync($"/api/agent-jobs/{Id(job)}")).ReadJsonAsync();
        after.GetProperty("status").GetString().Should().Be("refused");
        after.GetProperty("refusalReason").GetString().Should().Be("Partial refund logic");
    }
}
