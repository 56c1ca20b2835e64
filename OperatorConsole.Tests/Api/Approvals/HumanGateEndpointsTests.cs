using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Approvals;

/// <summary>
/// Every human gate, found in the served OpenAPI document (operations marked <c>x-human-gate</c>), refuses a blank or
/// missing reason (422 on <c>reason</c>, nothing written) and an API key (403). A new gate without a case here fails.
/// </summary>
public sealed class HumanGateEndpointsTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    /// <summary>The gates the issue names; each must be in the document and marked.</summary>
    private static readonly string[] KnownGates =
        ["DecideApproval", "DecideAgentJob", "OverrideAgentJobRisk", "TransitionBuildTask", "DecidePlaybookPromotion"];

    private sealed record Gate(string OperationId, string Method, string Path);

    private async Task<List<Gate>> GatesFromOpenApiAsync()
    {
        using var document = JsonDocument.Parse(await factory.CreateAnonymousClient().GetStringAsync("/openapi/v1.json"));
        var gates = new List<Gate>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                if (operation.Value.ValueKind == JsonValueKind.Object && operation.Value.TryGetProperty("x-human-gate", out _))
                {
                    gates.Add(new Gate(operation.Value.GetProperty("operationId").GetString()!, operation.Name.ToUpperInvariant(), path.Name));
                }
            }
        }

        return gates;
    }

    /// <summary>A real record for each gate and a body whose reason is replaced by the case under test.</summary>
    private async Task<Dictionary<string, (int Id, Func<string?, object> Body)>> SubjectsAsync()
    {
        var agent = factory.CreateAgentClient();
        var job = await (await agent.PostJsonAsync("/api/agent-jobs",
            new { taskRequested = "gate subject", filesTouched = new[] { "src/Payments/Refund.cs" }, result = "success" })).ReadJsonAsync();
        var op = await factory.CreateOperatorClientAsync();
        var task = await (await op.PostJsonAsync("/api/build-tasks", new { title = "gate task", impact = "deliver" })).ReadJsonAsync();
        return new()
        {
            ["DecideApproval"] = (job.GetProperty("approvalRequestId").GetInt32(), r => new { approve = true, reason = r }),
            ["DecideAgentJob"] = (job.GetProperty("id").GetInt32(), r => new { humanApproved = true, reason = r }),
            ["OverrideAgentJobRisk"] = (job.GetProperty("id").GetInt32(), r => new { riskClass = "feature_logic", riskLevel = "medium", reason = r }),
            ["TransitionBuildTask"] = (task.GetProperty("id").GetInt32(), r => new { to = "in_progress", reason = r }),
            ["DecidePlaybookPromotion"] = (1, r => new { approve = true, reason = r }),
        };
    }

    private static HttpRequestMessage Request(Gate gate, int id, object body) =>
        new(new HttpMethod(gate.Method), gate.Path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
        {
            Content = JsonContent.Create(body, options: ApiJson.Options),
        };

    [Fact]
    public async Task OpenApi_MarksEveryKnownGate_AndEveryMarkedGateHasACase()
    {
        var gates = await GatesFromOpenApiAsync();
        var cases = await SubjectsAsync();

        gates.Select(g => g.OperationId).Should().Contain(KnownGates);
        gates.Select(g => g.OperationId).Should().BeSubsetOf(cases.Keys, "every gate in the document needs a case in this test");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task EveryGate_AsOperator_RefusesABlankReason_AndWritesNothing(string? reason)
    {
        var gates = await GatesFromOpenApiAsync();
        var cases = await SubjectsAsync();
        var op = await factory.CreateOperatorClientAsync();
        int auditBefore;
        await using (var db = factory.CreateDbContext())
        {
            auditBefore = await db.AuditEntries.CountAsync();
        }

        foreach (var gate in gates)
        {
            var (id, body) = cases[gate.OperationId];
            var response = await op.SendAsync(Request(gate, id, body(reason)));

            response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, $"{gate.OperationId} must refuse reason {reason ?? "null"}: {await response.Content.ReadAsStringAsync()}");
            (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue(gate.OperationId);
        }

        await using var after = factory.CreateDbContext();
        (await after.AuditEntries.CountAsync()).Should().Be(auditBefore);
    }

    [Fact]
    public async Task EveryGate_WithAnApiKey_Is403_EvenWithAReason()
    {
        var gates = await GatesFromOpenApiAsync();
        var cases = await SubjectsAsync();
        var agent = factory.CreateAgentClient();

        foreach (var gate in gates)
        {
            var (id, body) = cases[gate.OperationId];
            var response = await agent.SendAsync(Request(gate, id, body("the agent says so")));

            response.StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{gate.OperationId}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
