using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Contract;

/// <summary>
/// Issue 20 part 6: a typed client generated from the served document (NSwag, as an integrator would) compiles with
/// the agent's code and its main calls work: a lead, a touch, a run, a heartbeat, an agent job, and a typed problem.
/// </summary>
public sealed class GeneratedClientTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static readonly string ScenarioFolder = Path.Combine(AppContext.BaseDirectory, "Api", "Contract", "GeneratedClient");

    [Fact]
    public async Task TheAgentsMainCalls_ThroughAClientGeneratedFromTheServedDocument_Work()
    {
        var document = await factory.CreateAnonymousClient().GetStringAsync("/openapi/v1.json");
        var client = await GeneratedClient.GenerateAsync(document);
        var assembly = GeneratedClient.Compile(client, Directory.GetFiles(ScenarioFolder, "*.cs").Select(File.ReadAllText));
        var integration = "typed-client-" + Guid.NewGuid().ToString("N")[..8];

        var run = assembly.GetType("OperatorConsole.Integrator.AgentScenario")!.GetMethod("RunAsync")!;
        var seen = await (Task<Dictionary<string, object?>>)run.Invoke(null, [factory.CreateAgentClient(), integration, factory.Clock.GetUtcNow()])!;

        seen["runStatus"].Should().Be("Partial", "one of its two steps failed");
        seen["runSteps"].Should().Be(2);
        seen["jobRiskLevel"].Should().Be("High", "a password-reset change under src/Auth is an auth change");
        seen["jobRequiresReview"].Should().Be(true);
        seen["jobFiles"].Should().Be("src/Auth/PasswordReset.cs,tests/Auth/PasswordResetTests.cs");
        seen["badRun"].Should().Be(422);
        seen["badRunErrors"].As<string>().Should().Contain("finishedAt");

        await using var db = factory.CreateDbContext();
        (await db.Set<PipelineRun>().CountAsync(r => r.Id == (int)seen["runId"]!)).Should().Be(1);
        (await db.Set<AgentJob>().CountAsync(j => j.Id == (int)seen["jobId"]!)).Should().Be(1);
        (await db.Set<IntegrationHealth>().SingleAsync(i => i.Name == integration)).LastOkAt.Should().NotBeNull();
    }

    [Fact]
    public async Task ADocumentThatDropsAnOperationTheAgentCalls_FailsToCompile()
    {
        // The guard works only if a breaking change is a compile error: remove RecordAgentJob from the document.
        var document = System.Text.Json.Nodes.JsonNode.Parse(await factory.CreateAnonymousClient().GetStringAsync("/openapi/v1.json"))!;
        document["paths"]!.AsObject().Remove("/api/agent-jobs");
        var client = await GeneratedClient.GenerateAsync(document.ToJsonString());

        var compile = () => GeneratedClient.Compile(client, Directory.GetFiles(ScenarioFolder, "*.cs").Select(File.ReadAllText));

        compile.Should().Throw<InvalidOperationException>().WithMessage("*RecordAgentJobAsync*");
    }
}
