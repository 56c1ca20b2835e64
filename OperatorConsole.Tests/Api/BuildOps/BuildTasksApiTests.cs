using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.BuildOps;

public sealed class BuildTasksApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private async Task<int> CreateAsync(HttpClient client, string title, string risk = "medium")
    {
        var response = await client.PostJsonAsync("/api/build-tasks", new { title, impact = "deliver", riskLevel = risk, description = "d" });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        body.GetProperty("status").GetString().Should().Be("queued");
        return body.GetProperty("id").GetInt32();
    }

    private static Task<HttpResponseMessage> MoveAsync(HttpClient client, int id, string to, string? reason = null) =>
        client.PostJsonAsync($"/api/build-tasks/{id}/transition", new { to, reason });

    private async Task<BuildTaskStatus> StatusAsync(int id)
    {
        await using var db = factory.CreateDbContext();
        return (await db.Set<BuildTask>().SingleAsync(t => t.Id == id)).Status;
    }

    [Fact]
    public async Task Agent_CanQueueSetPrSummaryAndHandInForReview_ButNeverStartOrApprove()
    {
        var agent = factory.CreateAgentClient();
        var op = await factory.CreateOperatorClientAsync();
        var id = await CreateAsync(agent, "agent queued task");

        (await MoveAsync(agent, id, "in_progress", "I want to")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await StatusAsync(id)).Should().Be(BuildTaskStatus.Queued);

        (await MoveAsync(op, id, "in_progress", "Client signed")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await agent.PatchAsJsonAsync($"/api/build-tasks/{id}", new { prSummary = "Adds the thing" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await MoveAsync(agent, id, "review")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await MoveAsync(agent, id, "approved", "looks fine")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await MoveAsync(agent, id, "rejected", "nah")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await StatusAsync(id)).Should().Be(BuildTaskStatus.Review);

        (await MoveAsync(op, id, "approved", "Diff read")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await MoveAsync(agent, id, "done", "merge it")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await StatusAsync(id)).Should().Be(BuildTaskStatus.Approved);
    }

    [Fact]
    public async Task Agent_CannotEditPeopleFields()
    {
        var agent = factory.CreateAgentClient();
        var id = await CreateAsync(agent, "fields");

        (await agent.PatchAsJsonAsync($"/api/build-tasks/{id}", new { title = "renamed" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.PatchAsJsonAsync($"/api/build-tasks/{id}", new { riskLevel = "low" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = factory.CreateDbContext();
        (await db.Set<BuildTask>().SingleAsync(t => t.Id == id)).Title.Should().Be("fields");
    }

    [Fact]
    public async Task Transition_NotInTheMachine_Is422AndGatedMovesNeedAReason()
    {
        var op = await factory.CreateOperatorClientAsync();
        var id = await CreateAsync(op, "gates");

        var skip = await MoveAsync(op, id, "done", "ship it");
        skip.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await skip.ReadJsonAsync()).GetProperty("errors").TryGetProperty("to", out _).Should().BeTrue();

        var noReason = await MoveAsync(op, id, "in_progress");
        noReason.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noReason.ReadJsonAsync()).GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();
        (await StatusAsync(id)).Should().Be(BuildTaskStatus.Queued);

        (await MoveAsync(op, id, "in_progress", "Go")).StatusCode.Should().Be(HttpStatusCode.OK);
        await using var db = factory.CreateDbContext();
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var audit = await db.AuditEntries.Where(a => a.RecordType == "build_task" && a.RecordId == idText && a.Action == "build_task.in_progress").SingleAsync();
        audit.Reason.Should().Be("Go");
        audit.ActorName.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task HighRisk_InReviewIsInTheApprovalQueue_AndApprovingResolvesIt()
    {
        var op = await factory.CreateOperatorClientAsync();
        var id = await CreateAsync(op, "high risk", "high");
        await MoveAsync(op, id, "in_progress", "start");
        (await MoveAsync(factory.CreateAgentClient(), id, "review")).StatusCode.Should().Be(HttpStatusCode.OK);
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);

        await using (var db = factory.CreateDbContext())
        {
            var pending = await db.Set<ApprovalRequest>().SingleAsync(a => a.SubjectType == "build_task" && a.SubjectId == idText);
            pending.State.Should().Be(ApprovalState.Pending);
            pending.Subject.Should().Be(ApprovalSubject.HighRiskChange);
        }

        var approved = await MoveAsync(op, id, "approved", "Reviewed the migration");
        approved.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await approved.ReadJsonAsync();
        body.GetProperty("approvedRiskLevel").GetString().Should().Be("high");
        body.GetProperty("approvedBy").GetString().Should().NotBeNullOrEmpty();
        (await MoveAsync(op, id, "done", "Merged")).StatusCode.Should().Be(HttpStatusCode.OK);

        await using var after = factory.CreateDbContext();
        (await after.Set<ApprovalRequest>().SingleAsync(a => a.SubjectType == "build_task" && a.SubjectId == idText)).State.Should().Be(ApprovalState.Approved);
    }

    [Fact]
    public async Task HighRisk_RaisedAfterApproval_NeedsApprovalAgainBeforeDone()
    {
        var op = await factory.CreateOperatorClientAsync();
        var id = await CreateAsync(op, "raised later", "medium");
        await MoveAsync(op, id, "in_progress", "start");
        await MoveAsync(op, id, "review");
        (await MoveAsync(op, id, "approved", "fine at medium")).StatusCode.Should().Be(HttpStatusCode.OK);

        // The agent records a job touching billing for this task: the task becomes high risk.
        var job = await factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs",
            new { buildTaskId = id, taskRequested = "billing tweak", filesTouched = new[] { "src/Billing/Plan.cs" }, result = "success" });
        job.StatusCode.Should().Be(HttpStatusCode.Created);
        var jobId = (await job.ReadJsonAsync()).GetProperty("id").GetInt32();

        var done = await MoveAsync(op, id, "done", "merge");
        done.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await StatusAsync(id)).Should().Be(BuildTaskStatus.Approved);

        (await MoveAsync(op, id, "review", "re-review at high risk")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await MoveAsync(op, id, "approved", "reviewed billing change")).StatusCode.Should().Be(HttpStatusCode.OK);
        // Still blocked: the high-risk job itself has no human approval.
        (await MoveAsync(op, id, "done", "merge")).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        (await op.PatchAsJsonAsync($"/api/agent-jobs/{jobId}", new { humanApproved = true, reason = "Billing change reviewed" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await MoveAsync(op, id, "done", "merge")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RiskLevel_CannotBeLoweredBelowItsAgentJobs()
    {
        var op = await factory.CreateOperatorClientAsync();
        var id = await CreateAsync(op, "lowering", "low");
        await factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs",
            new { buildTaskId = id, taskRequested = "tf", filesTouched = new[] { "deploy/main.tf" }, result = "success" });

        var lower = await op.PatchAsJsonAsync($"/api/build-tasks/{id}", new { riskLevel = "medium" });

        lower.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Create_Validation_And404s()
    {
        var op = await factory.CreateOperatorClientAsync();
        (await op.PostJsonAsync("/api/build-tasks", new { title = "no impact" })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await op.PostJsonAsync("/api/build-tasks", new { title = "bad lead", impact = "improve", leadId = 99999 })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await op.GetAsync("/api/build-tasks/99999")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await MoveAsync(op, 99999, "review")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await op.GetAsync("/api/build-tasks?status=sideways")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task List_FiltersByStatusAndImpact()
    {
        var op = await factory.CreateOperatorClientAsync();
        var id = await CreateAsync(op, "listed");
        await op.PostJsonAsync("/api/build-tasks", new { title = "acquire one", impact = "acquire" });

        var queued = await (await op.GetAsync("/api/build-tasks?status=queued&impact=deliver")).ReadJsonAsync();
        queued.GetProperty("items").EnumerateArray().Should().Contain(t => t.GetProperty("id").GetInt32() == id)
            .And.OnlyContain(t => t.GetProperty("status").GetString() == "queued" && t.GetProperty("impact").GetString() == "deliver");
        queued.GetProperty("items")[0].GetProperty("allowedTransitions").EnumerateArray().Select(e => e.GetString())
            .Should().BeEquivalentTo(["in_progress", "rejected"]);
    }
}
