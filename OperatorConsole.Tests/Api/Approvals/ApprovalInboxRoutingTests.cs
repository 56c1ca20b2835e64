using System.Net;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Approvals;

/// <summary>A decision taken in the one approvals inbox has the same effect as one taken on the record's own page.</summary>
public sealed class ApprovalInboxRoutingTests : IDisposable
{
    private readonly ConsoleFactory _factory = new();

    [Fact]
    public async Task ApprovingAHighRiskAgentJobInTheInbox_RecordsTheApprovalOnTheJob()
    {
        var job = await _factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs", new
        {
            taskRequested = "Change invoice rounding",
            filesTouched = new[] { "src/Billing/Invoices.cs" },
            branch = "agent/invoices",
            result = "success",
            testsPassed = 10,
            testsFailed = 0,
        });
        job.StatusCode.Should().Be(HttpStatusCode.Created);
        var jobJson = await job.ReadJsonAsync();
        jobJson.GetProperty("requiresReview").GetBoolean().Should().BeTrue();
        var jobId = jobJson.GetProperty("id").GetInt32();

        var client = await _factory.CreateOperatorClientAsync();
        var approvals = await (await client.GetAsync("/api/approvals?state=pending")).ReadJsonAsync();
        var approvalId = approvals.GetProperty("items").EnumerateArray()
            .Single(a => a.GetProperty("subjectType").GetString() == "agent_job" && a.GetProperty("subjectId").GetString() == jobId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .GetProperty("id").GetInt32();

        var decided = await client.PostJsonAsync($"/api/approvals/{approvalId}/decision", new { approve = true, reason = "Reviewed the rounding change" });

        decided.StatusCode.Should().Be(HttpStatusCode.OK);
        (await decided.ReadJsonAsync()).GetProperty("state").GetString().Should().Be("approved");
        var after = await (await client.GetAsync($"/api/agent-jobs/{jobId}")).ReadJsonAsync();
        after.GetProperty("humanApproved").GetBoolean().Should().BeTrue();
        (await _factory.CreateAgentClient().PostJsonAsync($"/api/approvals/{approvalId}/decision", new { approve = false, reason = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    public void Dispose() => _factory.Dispose();
}
