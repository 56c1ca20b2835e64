using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.AgentJobs;

public sealed class AgentJobsApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static object Job(string task, params string[] files) => new
    {
        buildTaskId = (int?)null,
        taskRequested = task,
        filesTouched = files,
        branch = "agent/" + task.Replace(' ', '-'),
        result = "success",
        testsPassed = 41,
        testsFailed = 0,
    };

    private async Task<JsonElement> RecordAsync(object body)
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs", body);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task Post_WithAgentKey_Returns201WithTheContractFieldsAndTheRisk()
    {
        var job = await RecordAsync(Job("rotate config", "src/Web/appsettings.Production.json", "src/Web/Pages/Home.razor"));

        job.GetProperty("id").GetInt32().Should().BePositive();
        job.GetProperty("createdAt").GetString().Should().EndWith("Z");
        job.GetProperty("taskRequested").GetString().Should().Be("rotate config");
        job.GetProperty("filesTouched").GetArrayLength().Should().Be(2);
        job.GetProperty("result").GetString().Should().Be("success");
        job.GetProperty("testsPassed").GetInt32().Should().Be(41);
        job.GetProperty("riskClass").GetString().Should().Be("auth_security");
        job.GetProperty("riskLevel").GetString().Should().Be("high");
        job.GetProperty("matchedRule").GetString().Should().Be("appsettings*.json");
        job.GetProperty("requiresReview").GetBoolean().Should().BeTrue();
        job.GetProperty("humanApproved").GetBoolean().Should().BeFalse();
        job.GetProperty("deployedAt").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Post_HighRisk_OpensAPendingHighRiskApprovalRequest()
    {
        var job = await RecordAsync(Job("terraform change", "infra/main.tf"));
        var id = job.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture);

        await using var db = factory.CreateDbContext();
        var approval = await db.Set<ApprovalRequest>().SingleAsync(a => a.SubjectType == "agent_job" && a.SubjectId == id);
        approval.Subject.Should().Be(ApprovalSubject.HighRiskChange);
        approval.State.Should().Be(ApprovalState.Pending);
        job.GetProperty("approvalRequestId").GetInt32().Should().Be(approval.Id);
    }

    [Fact]
    public async Task Post_NoFiles_IsTheDocumentedDefaultNotLow()
    {
        var job = await RecordAsync(new { taskRequested = "think about it", filesTouched = Array.Empty<string>(), result = "partial" });

        job.GetProperty("riskClass").GetString().Should().Be("feature_logic");
        job.GetProperty("riskLevel").GetString().Should().Be("medium");
        job.GetProperty("matchedRule").ValueKind.Should().Be(JsonValueKind.Null);
        job.GetProperty("requiresReview").GetBoolean().Should().BeFalse();
    }

    [Fact]
    public async Task Post_LowRiskUiOnly_NeedsNoReviewAndOpensNoApproval()
    {
        var job = await RecordAsync(Job("button colour", "src/Web/wwwroot/app.css", "src/Web/wwwroot/img/logo.svg"));

        job.GetProperty("riskClass").GetString().Should().Be("ui_only");
        job.GetProperty("riskLevel").GetString().Should().Be("low");
        job.GetProperty("requiresReview").GetBoolean().Should().BeFalse();
        job.GetProperty("approvalRequestId").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData("""{"filesTouched":[],"result":"success"}""", "taskRequested")]
    [InlineData("""{"taskRequested":"x","filesTouched":[]}""", "result")]
    [InlineData("""{"taskRequested":"x","result":"success","buildTaskId":999999}""", "buildTaskId")]
    [InlineData("""{"taskRequested":"x","result":"success","testsFailed":-1}""", "testsFailed")]
    [InlineData("""{"taskRequested":"x","result":"success","filesTouched":["  "]}""", "filesTouched[0]")]
    public async Task Post_InvalidBody_Is422AndWritesNothing(string json, string field)
    {
        int before;
        await using (var db = factory.CreateDbContext())
        {
            before = await db.Set<AgentJob>().CountAsync();
        }

        var response = await factory.CreateAgentClient().PostRawAsync("/api/agent-jobs", json);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue();
        await using var after = factory.CreateDbContext();
        (await after.Set<AgentJob>().CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Post_SameIdempotencyKeyTwice_RecordsOneJob()
    {
        var client = factory.CreateAgentClient();
        var key = Guid.NewGuid().ToString("N");
        const string body = """{"taskRequested":"idempotent job","filesTouched":["src/Leads/LeadService.cs"],"branch":"agent/idem","result":"success","testsPassed":3,"testsFailed":0}""";

        var first = await client.PostRawAsync("/api/agent-jobs", body, key);
        var second = await client.PostRawAsync("/api/agent-jobs", body, key);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        second.StatusCode.Should().Be(HttpStatusCode.Created);
        (await second.ReadJsonAsync()).GetProperty("id").GetInt32().Should().Be((await first.ReadJsonAsync()).GetProperty("id").GetInt32());
        await using var db = factory.CreateDbContext();
        (await db.Set<AgentJob>().CountAsync(j => j.TaskRequested == "idempotent job")).Should().Be(1);

        var different = await client.PostRawAsync("/api/agent-jobs", body.Replace("idempotent job", "another job"), key);
        different.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Patch_WithApiKey_Is403AndChangesNothing()
    {
        var job = await RecordAsync(Job("key tries to approve", "src/Billing/Invoice.cs"));
        var id = job.GetProperty("id").GetInt32();

        var approve = await factory.CreateAgentClient().PatchAsJsonAsync($"/api/agent-jobs/{id}", new { humanApproved = true });
        var deploy = await factory.CreateAgentClient().PatchAsJsonAsync($"/api/agent-jobs/{id}", new { deployedAt = factory.Clock.GetUtcNow() });

        approve.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        deploy.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = factory.CreateDbContext();
        var stored = await db.Set<AgentJob>().SingleAsync(j => j.Id == id);
        stored.HumanApproved.Should().BeFalse();
        stored.DeployedAt.Should().BeNull();
    }

    [Fact]
    public async Task Patch_DeployedAtBeforeApprovalOnHighRisk_Is422ThenApprovalAllowsIt()
    {
        var job = await RecordAsync(Job("payment webhook", "src/Payments/Webhook.cs"));
        var id = job.GetProperty("id").GetInt32();
        var operatorClient = await factory.CreateOperatorClientAsync();
        var deployedAt = factory.Clock.GetUtcNow().UtcDateTime;

        var early = await operatorClient.PatchAsJsonAsync($"/api/agent-jobs/{id}", new { deployedAt });
        early.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await early.ReadJsonAsync()).GetProperty("errors").TryGetProperty("deployedAt", out _).Should().BeTrue();
        await using (var db = factory.CreateDbContext())
        {
            (await db.Set<AgentJob>().SingleAsync(j => j.Id == id)).DeployedAt.Should().BeNull();
        }

        var approve = await operatorClient.PatchAsJsonAsync($"/api/agent-jobs/{id}", new { humanApproved = true, reason = "Read the diff" });
        approve.StatusCode.Should().Be(HttpStatusCode.OK);
        (await approve.ReadJsonAsync()).GetProperty("humanApproved").GetBoolean().Should().BeTrue();

        var deploy = await operatorClient.PatchAsJsonAsync($"/api/agent-jobs/{id}", new { deployedAt, reason = "Release 42" });
        deploy.StatusCode.Should().Be(HttpStatusCode.OK);
        (await deploy.ReadJsonAsync()).GetProperty("deployedAt").GetDateTime().Should().Be(deployedAt);

        await using var after = factory.CreateDbContext();
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await after.Set<ApprovalRequest>().SingleAsync(a => a.SubjectType == "agent_job" && a.SubjectId == idText)).State.Should().Be(ApprovalState.Approved);
        var actions = await after.AuditEntries.Where(a => a.RecordType == "agent_job" && a.RecordId == idText).Select(a => a.Action).ToListAsync();
        actions.Should().Contain(["agent_job.recorded", "agent_job.approved", "agent_job.deployed"]);
    }

    [Fact]
    public async Task Patch_ApproveAndDeployInOneRequest_AppliesApprovalFirst()
    {
        var job = await RecordAsync(Job("secret store", "src/SecretStore.cs"));
        var operatorClient = await factory.CreateOperatorClientAsync();

        var response = await operatorClient.PatchAsJsonAsync($"/api/agent-jobs/{job.GetProperty("id").GetInt32()}",
            new { humanApproved = true, deployedAt = factory.Clock.GetUtcNow(), reason = "Reviewed the secret store change" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        body.GetProperty("humanApproved").GetBoolean().Should().BeTrue();
        body.GetProperty("deployedAt").ValueKind.Should().Be(JsonValueKind.String);
    }

    [Fact]
    public async Task Patch_DeployLowRiskWithoutApproval_IsAllowed()
    {
        var job = await RecordAsync(Job("copy tweak", "src/Web/wwwroot/app.css"));
        var operatorClient = await factory.CreateOperatorClientAsync();

        var response = await operatorClient.PatchAsJsonAsync($"/api/agent-jobs/{job.GetProperty("id").GetInt32()}", new { deployedAt = factory.Clock.GetUtcNow(), reason = "Release 12" });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Patch_UnknownJob_Is404()
    {
        var operatorClient = await factory.CreateOperatorClientAsync();
        (await operatorClient.PatchAsJsonAsync("/api/agent-jobs/987654", new { humanApproved = true })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_NewestFirstWithFiltersAndEnvelope()
    {
        await RecordAsync(Job("list older", "infra/network.bicep"));
        await RecordAsync(new { taskRequested = "list failed", filesTouched = new[] { "src/x.cs" }, result = "failure", testsPassed = 1, testsFailed = 2 });
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        var newest = await RecordAsync(Job("list newer", "src/Web/Components/Nav.razor"));
        var viewer = await factory.CreateViewerClientAsync();

        var all = await (await viewer.GetAsync("/api/agent-jobs")).ReadJsonAsync();
        all.GetProperty("total").GetInt32().Should().BeGreaterThanOrEqualTo(2);
        all.GetProperty("page").GetInt32().Should().Be(1);
        all.GetProperty("pageSize").GetInt32().Should().Be(50);
        all.GetProperty("items")[0].GetProperty("id").GetInt32().Should().Be(newest.GetProperty("id").GetInt32());

        var high = await (await viewer.GetAsync("/api/agent-jobs?riskLevel=high&approved=false")).ReadJsonAsync();
        high.GetProperty("items").EnumerateArray().Should().NotBeEmpty()
            .And.OnlyContain(j => j.GetProperty("riskLevel").GetString() == "high" && !j.GetProperty("humanApproved").GetBoolean());

        var failures = await (await viewer.GetAsync("/api/agent-jobs?result=failure")).ReadJsonAsync();
        failures.GetProperty("items").EnumerateArray().Should().OnlyContain(j => j.GetProperty("result").GetString() == "failure");

        (await viewer.GetAsync("/api/agent-jobs?riskLevel=extreme")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await viewer.GetAsync("/api/agent-jobs?approved=maybe")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await factory.CreateAnonymousClient().GetAsync("/api/agent-jobs")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Post_ForABuildTask_RaisesTheTaskRiskToTheJobs()
    {
        var task = await (await factory.CreateAgentClient().PostJsonAsync("/api/build-tasks", new { title = "pricing page", impact = "acquire", riskLevel = "low" })).ReadJsonAsync();
        var taskId = task.GetProperty("id").GetInt32();

        var job = await RecordAsync(new { buildTaskId = taskId, taskRequested = "pricing page", filesTouched = new[] { "src/Pricing/Calculator.cs" }, result = "success" });

        job.GetProperty("buildTaskId").GetInt32().Should().Be(taskId);
        await using var db = factory.CreateDbContext();
        (await db.Set<BuildTask>().SingleAsync(t => t.Id == taskId)).RiskLevel.Should().Be(RiskLevel.High);
    }
}
