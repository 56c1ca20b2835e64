using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.AgentJobs;

/// <summary>The hook the approvals inbox calls, and the API document listing the ledger.</summary>
public sealed class AgentJobApprovalInboxTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static readonly Actor Operator = new(ActorKind.User, "op-1", "Olga Operator", IsOperator: true);

    private async Task<int> HighRiskJobAsync()
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs",
            new { taskRequested = "inbox job", filesTouched = new[] { ".github/workflows/deploy.yml" }, result = "success" });
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    [Fact]
    public async Task ApplyApproval_FromTheInbox_ApprovesTheJobAndResolvesTheRequest()
    {
        var id = await HighRiskJobAsync();
        var service = factory.Services.GetRequiredService<AgentJobService>();

        var result = await service.ApplyApprovalAsync(id, approved: true, "Checked the workflow", Operator);

        result.Succeeded.Should().BeTrue();
        result.Value!.HumanApproved.Should().BeTrue();
        result.Value.ApprovedBy.Should().Be("Olga Operator");
        await using var db = factory.CreateDbContext();
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = await db.Set<ApprovalRequest>().SingleAsync(a => a.SubjectType == "agent_job" && a.SubjectId == idText);
        request.State.Should().Be(ApprovalState.Approved);
        request.DecisionNote.Should().Be("Checked the workflow");
    }

    [Fact]
    public async Task ApplyApproval_ByAMachineOrViewer_IsForbidden()
    {
        var id = await HighRiskJobAsync();
        var service = factory.Services.GetRequiredService<AgentJobService>();

        (await service.ApplyApprovalAsync(id, true, null, new Actor(ActorKind.ApiKey, "key:1", "agent"))).Status.Should().Be(OperationStatus.Forbidden);
        (await service.ApplyApprovalAsync(id, true, null, new Actor(ActorKind.User, "v", "Viewer", IsOperator: false))).Status.Should().Be(OperationStatus.Forbidden);
        await using var db = factory.CreateDbContext();
        (await db.Set<AgentJob>().SingleAsync(j => j.Id == id)).HumanApproved.Should().BeFalse();
    }

    [Fact]
    public async Task Refusing_LeavesTheJobUnapprovedAndUndeployable()
    {
        var id = await HighRiskJobAsync();
        var service = factory.Services.GetRequiredService<AgentJobService>();

        (await service.ApplyApprovalAsync(id, approved: false, "Touches prod secrets", Operator)).Succeeded.Should().BeTrue();
        var deploy = await service.DecideAsync(id, new DecideAgentJobRequest(DeployedAt: factory.Clock.GetUtcNow().UtcDateTime), Operator);

        deploy.Status.Should().Be(OperationStatus.Invalid);
        await using var db = factory.CreateDbContext();
        var idText = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        (await db.Set<ApprovalRequest>().SingleAsync(a => a.SubjectType == "agent_job" && a.SubjectId == idText)).State.Should().Be(ApprovalState.Rejected);
        (await db.AuditEntries.AnyAsync(a => a.RecordId == idText && a.Action == "agent_job.rejected")).Should().BeTrue();
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheBuildOpsEndpoints()
    {
        var response = await factory.CreateAnonymousClient().GetAsync("/openapi/v1.json");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.Should().Contain("/api/agent-jobs").And.Contain("/api/build-tasks/{id}/transition").And.Contain("/api/template-starters").And.Contain("/api/settings/risk-rules");
    }
}
