using System.Net;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.CommandCenter;

/// <summary>
/// GET /api/pipeline-by-stage: the Pipeline by stage card for scripts and reports, with a read key (ADR 248): each
/// stage, each open stage's measured win rate with its sample, and the weighted open pipeline with what it leaves out.
/// </summary>
public sealed class PipelineByStageApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task AReadKey_GetsEachStage_ItsMeasuredRate_AndTheWeightedPipeline()
    {
        var operatorClient = await factory.CreateOperatorClientAsync();
        var leads = Enumerable.Range(0, 10).Select(i => ($"Closed {i}", i < 6 ? "approved" : "lost", 500m))
            .Append(("Open new", "new", 1000m)).Append(("Open proposal", "proposal", 2000m));
        foreach (var (title, status, value) in leads)
        {
            (await operatorClient.PostJsonAsync("/api/leads", new { title, status, estimatedValue = value })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var reader = factory.CreateAgentClient(await factory.CreateKeyAsync("read"));
        var response = await reader.GetAsync("/api/pipeline-by-stage");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.ReadJsonAsync();
        var rows = body.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("stage").GetString()!);
        rows.Keys.Should().Equal("new", "qualified", "proposal", "approved", "building", "shipped", "lost");
        (rows["new"].GetProperty("count").GetInt32(), rows["new"].GetProperty("value").GetDecimal()).Should().Be((1, 1000m));
        var newRate = rows["new"].GetProperty("winRate");
        (newRate.GetProperty("closed").GetInt32(), newRate.GetProperty("won").GetInt32(), newRate.GetProperty("rate").GetDouble()).Should().Be((10, 6, 0.6));
        rows["new"].GetProperty("weighted").GetDecimal().Should().Be(600m);
        rows["proposal"].GetProperty("winRate").GetProperty("rate").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "none of the closed deals was in Proposal");
        rows["proposal"].GetProperty("weighted").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        rows["approved"].GetProperty("winRate").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "a closed stage has no rate to close");
        body.GetProperty("closedDeals").GetInt32().Should().Be(10);
        body.GetProperty("weighted").GetProperty("weighted").GetDecimal().Should().Be(600m);
        var left = body.GetProperty("weighted").GetProperty("unweighted").EnumerateArray().Single();
        (left.GetProperty("stage").GetString(), left.GetProperty("deals").GetInt32(), left.GetProperty("value").GetDecimal()).Should().Be(("proposal", 1, 2000m));
    }

    [Fact]
    public async Task AnUnknownQueryParameter_IsA400_AndNoKeyIsAFailure()
    {
        var reader = factory.CreateAgentClient(await factory.CreateKeyAsync("read"));

        (await reader.GetAsync("/api/pipeline-by-stage?stage=new")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await factory.CreateAnonymousClient().GetAsync("/api/pipeline-by-stage")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }
}
