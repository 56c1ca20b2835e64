using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Results;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Results;

public sealed class ClientSuccessApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    private async Task<int> CreateClientAsync(string status = "shipped")
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/leads", new { title = "Client " + Guid.NewGuid().ToString("N")[..6], company = "Acme", status });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    private object Body(decimal target = 200, decimal baseline = 100, string direction = "higher_is_better") => new
    {
        target = new { metricName = "Bookings per week", unit = "bookings", targetValue = target, dueDate = Now.AddDays(30), direction },
        baseline = new { value = baseline, measuredAt = Now.AddDays(-30), source = "Booking export" },
        whatWorked = "Spanish replies",
        whatFailed = "Auto-tagging",
        clientFeedback = "Happy",
        risks = "Seasonality",
        interventions = new[] { new { whatWasDone = "Launched the bot", doneAt = Now.AddDays(-20) } },
    };

    [Fact]
    public async Task Put_AsOperator_SavesEverythingAndAuditsIt()
    {
        var id = await CreateClientAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PutAsJsonAsync($"/api/leads/{id}/client-success", Body(), ApiJson.Options);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await response.ReadJsonAsync();
        json.GetProperty("target").GetProperty("targetValue").GetDecimal().Should().Be(200);
        json.GetProperty("target").GetProperty("direction").GetString().Should().Be("higher_is_better");
        json.GetProperty("baseline").GetProperty("source").GetString().Should().Be("Booking export");
        json.GetProperty("interventions").GetArrayLength().Should().Be(1);
        json.GetProperty("delta").GetProperty("state").GetString().Should().Be("no_outcome");
        json.GetProperty("current").ValueKind.Should().Be(JsonValueKind.Null);
        await using var db = factory.CreateDbContext();
        (await db.Set<AuditEntry>().CountAsync(a => a.RecordType == "lead" && a.RecordId == id.ToString() && a.Action == "client_success.created")).Should().Be(1);
    }

    [Fact]
    public async Task Put_Twice_ReplacesInterventionsAndAuditsBeforeAndAfter()
    {
        var id = await CreateClientAsync();
        var client = await factory.CreateOperatorClientAsync();
        var first = await (await client.PutAsJsonAsync($"/api/leads/{id}/client-success", Body(), ApiJson.Options)).ReadJsonAsync();
        var interventionId = first.GetProperty("interventions")[0].GetProperty("id").GetInt32();

        var second = await client.PutAsJsonAsync($"/api/leads/{id}/client-success", new
        {
            target = new { metricName = "Bookings per week", targetValue = 250, dueDate = Now.AddDays(30) },
            interventions = new object[]
            {
                new { id = interventionId, whatWasDone = "Launched the bot (renamed)", doneAt = Now.AddDays(-20) },
                new { whatWasDone = "Added Spanish", doneAt = Now.AddDays(-5) },
            },
        }, ApiJson.Options);

        second.StatusCode.Should().Be(HttpStatusCode.OK);
        var json = await second.ReadJsonAsync();
        json.GetProperty("interventions").EnumerateArray().Select(i => i.GetProperty("whatWasDone").GetString())
            .Should().BeEquivalentTo("Launched the bot (renamed)", "Added Spanish");
        json.GetProperty("baseline").ValueKind.Should().Be(JsonValueKind.Null);
        await using var db = factory.CreateDbContext();
        var audit = await db.Set<AuditEntry>().SingleAsync(a => a.RecordId == id.ToString() && a.Action == "client_success.updated");
        audit.Before.Should().Contain("Launched the bot").And.Contain("200");
        audit.After.Should().Contain("250");
    }

    [Fact]
    public async Task Put_WithUnknownInterventionId_Is422AndWritesNothing()
    {
        var id = await CreateClientAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PutAsJsonAsync($"/api/leads/{id}/client-success",
            new { interventions = new[] { new { id = 999999, whatWasDone = "x", doneAt = Now } } }, ApiJson.Options);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("interventions[0].id", out _).Should().BeTrue();
        await using var db = factory.CreateDbContext();
        (await db.Set<ClientSuccess>().AnyAsync(s => s.LeadId == id)).Should().BeFalse();
    }

    [Fact]
    public async Task Put_TargetNotBetterThanBaseline_Is422()
    {
        var id = await CreateClientAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PutAsJsonAsync($"/api/leads/{id}/client-success", Body(target: 50, baseline: 100), ApiJson.Options);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Put_AsViewer_IsForbiddenAndWritesNothing()
    {
        var id = await CreateClientAsync();
        var viewer = await factory.CreateViewerClientAsync();

        var response = await viewer.PutAsJsonAsync($"/api/leads/{id}/client-success", Body(), ApiJson.Options);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = factory.CreateDbContext();
        (await db.Set<ClientSuccess>().AnyAsync(s => s.LeadId == id)).Should().BeFalse();
    }

    [Fact]
    public async Task Put_WithApiKeyHoldingEveryScope_IsForbidden()
    {
        var id = await CreateClientAsync();

        var response = await factory.CreateAgentClient().PutAsJsonAsync($"/api/leads/{id}/client-success", Body(), ApiJson.Options);

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Put_UnknownLead_Is404()
    {
        var client = await factory.CreateOperatorClientAsync();

        (await client.PutAsJsonAsync("/api/leads/987654/client-success", Body(), ApiJson.Options)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Outcome_FromAgentWithOutcomesScope_IsRecordedAndBecomesCurrentWithComputedDelta()
    {
        var id = await CreateClientAsync();
        var operatorClient = await factory.CreateOperatorClientAsync();
        await operatorClient.PutAsJsonAsync($"/api/leads/{id}/client-success", Body(), ApiJson.Options);
        var agent = factory.CreateAgentClient(await factory.CreateKeyAsync(ApiScopes.OutcomesWrite));

        var older = await agent.PostJsonAsync($"/api/leads/{id}/outcomes", new { value = 170, source = "Booking export wk 2", measuredAt = Now.AddDays(-3) });
        var backfilled = await agent.PostJsonAsync($"/api/leads/{id}/outcomes", new { value = 120, source = "Booking export wk 1", measuredAt = Now.AddDays(-10) });

        older.StatusCode.Should().Be(HttpStatusCode.Created);
        backfilled.StatusCode.Should().Be(HttpStatusCode.Created);
        var view = await (await operatorClient.GetAsync($"/api/leads/{id}/client-success")).ReadJsonAsync();
        view.GetProperty("current").GetProperty("value").GetDecimal().Should().Be(170);
        view.GetProperty("delta").GetProperty("absolute").GetDecimal().Should().Be(70);
        view.GetProperty("delta").GetProperty("percent").GetDecimal().Should().Be(70);
        view.GetProperty("delta").GetProperty("movement").GetString().Should().Be("better");
        view.GetProperty("track").GetString().Should().Be("on_track");
        view.GetProperty("outcomes").GetArrayLength().Should().Be(2);
    }

    [Fact]
    public async Task Outcome_WithoutSource_Is422AndNothingIsWritten()
    {
        var id = await CreateClientAsync();
        var agent = factory.CreateAgentClient();

        var response = await agent.PostJsonAsync($"/api/leads/{id}/outcomes", new { value = 12 });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("source")[0].GetString().Should().Contain("required");
        await using var db = factory.CreateDbContext();
        (await db.Set<OutcomeEntry>().AnyAsync(o => o.LeadId == id)).Should().BeFalse();
        (await db.Set<AuditEntry>().AnyAsync(a => a.RecordId == id.ToString() && a.Action == "outcome.recorded")).Should().BeFalse();
    }

    [Fact]
    public async Task Outcome_WithBlankSourceFromOperator_Is422()
    {
        var id = await CreateClientAsync();
        var client = await factory.CreateOperatorClientAsync();

        (await client.PostJsonAsync($"/api/leads/{id}/outcomes", new { value = 12, source = "  " })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task Outcome_FromKeyWithoutOutcomesScope_IsForbidden()
    {
        var id = await CreateClientAsync();
        var agent = factory.CreateAgentClient(await factory.CreateKeyAsync(ApiScopes.LeadsWrite, ApiScopes.Read));

        (await agent.PostJsonAsync($"/api/leads/{id}/outcomes", new { value = 1, source = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Outcome_FromViewer_IsForbidden()
    {
        var id = await CreateClientAsync();
        var viewer = await factory.CreateViewerClientAsync();

        (await viewer.PostJsonAsync($"/api/leads/{id}/outcomes", new { value = 1, source = "x" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Outcome_ForUnknownLead_Is404()
    {
        (await factory.CreateAgentClient().PostJsonAsync("/api/leads/987654/outcomes", new { value = 1, source = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Outcome_WithSameIdempotencyKeyTwice_IsRecordedOnce()
    {
        var id = await CreateClientAsync();
        var agent = factory.CreateAgentClient();
        var body = $"{{\"value\": 5, \"source\": \"weekly report\"}}";

        var first = await agent.PostRawAsync($"/api/leads/{id}/outcomes", body, "outcome-key-" + id);
        var repeat = await agent.PostRawAsync($"/api/leads/{id}/outcomes", body, "outcome-key-" + id);

        first.StatusCode.Should().Be(HttpStatusCode.Created);
        repeat.StatusCode.Should().Be(HttpStatusCode.Created);
        await using var db = factory.CreateDbContext();
        (await db.Set<OutcomeEntry>().CountAsync(o => o.LeadId == id)).Should().Be(1);
    }

    [Fact]
    public async Task Get_ForLeadWithNothingRecorded_SaysNoMeasurementYet()
    {
        var id = await CreateClientAsync();
        var viewer = await factory.CreateViewerClientAsync();

        var json = await (await viewer.GetAsync($"/api/leads/{id}/client-success")).ReadJsonAsync();

        json.GetProperty("target").ValueKind.Should().Be(JsonValueKind.Null);
        json.GetProperty("delta").GetProperty("state").GetString().Should().Be("no_measurement");
        json.GetProperty("delta").GetProperty("note").GetString().Should().Contain("No measurement yet");
        json.GetProperty("flags").EnumerateArray().Select(f => f.GetString()).Should().Equal("no_target");
    }

    [Fact]
    public async Task Get_Anonymous_Is401_AndUnknownLead_Is404()
    {
        (await factory.CreateAnonymousClient().GetAsync("/api/leads/1/client-success")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.CreateAgentClient().GetAsync("/api/leads/987654/client-success")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Clients_ListsOnlyClientsWithTheirFlags_AndFiltersByFlag()
    {
        var offTrack = await CreateClientAsync("building");
        var prospect = await CreateClientAsync("qualified");
        var operatorClient = await factory.CreateOperatorClientAsync();
        await operatorClient.PutAsJsonAsync($"/api/leads/{offTrack}/client-success", new
        {
            target = new { metricName = "Leads per week", targetValue = 200, dueDate = Now.AddDays(5) },
            baseline = new { value = 100, measuredAt = Now.AddDays(-60), source = "CRM" },
        }, ApiJson.Options);
        await operatorClient.PostJsonAsync($"/api/leads/{offTrack}/outcomes", new { value = 105, source = "CRM", measuredAt = Now.AddDays(-1) });

        var all = await (await operatorClient.GetAsync("/api/clients?pageSize=500")).ReadJsonAsync();
        var flagged = await (await operatorClient.GetAsync("/api/clients?flag=off_track&status=building")).ReadJsonAsync();

        var ids = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("leadId").GetInt32()).ToList();
        ids.Should().Contain(offTrack).And.NotContain(prospect);
        var row = flagged.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("leadId").GetInt32() == offTrack);
        row.GetProperty("currentValue").GetDecimal().Should().Be(105);
        row.GetProperty("delta").GetProperty("absolute").GetDecimal().Should().Be(5);
        row.GetProperty("track").GetString().Should().Be("off_track");
        row.GetProperty("lastMeasuredAt").GetDateTime().Should().Be(Now.AddDays(-1));
        flagged.GetProperty("items").EnumerateArray().Should().OnlyContain(i => i.GetProperty("flags").EnumerateArray().Any(f => f.GetString() == "off_track"));
    }

    [Theory]
    [InlineData("/api/clients?flag=sideways")]
    [InlineData("/api/clients?status=qualified")]
    [InlineData("/api/clients?sort=revenue")]
    public async Task Clients_WithInvalidQuery_Is400(string url)
    {
        var response = await factory.CreateAgentClient().GetAsync(url);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task KeyWithOutcomesScope_MayRecordOutcomes_ButNeverEditClientSuccess()
    {
        var id = await CreateClientAsync();
        var agent = factory.CreateAgentClient(await factory.CreateKeyAsync(ApiScopes.OutcomesWrite));

        var put = await agent.PutAsJsonAsync($"/api/leads/{id}/client-success", Body(), ApiJson.Options);
        var post = await agent.PostJsonAsync($"/api/leads/{id}/outcomes", new { value = 3, source = "dashboard" });

        put.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        post.StatusCode.Should().Be(HttpStatusCode.Created);
        await using var db = factory.CreateDbContext();
        (await db.Set<ClientSuccess>().AnyAsync(s => s.LeadId == id)).Should().BeFalse();
    }

    [Fact]
    public async Task OpenApi_DocumentsTheResultsEndpoints()
    {
        var document = await factory.CreateAnonymousClient().GetStringAsync("/openapi/v1.json");

        document.Should().Contain("/api/leads/{id}/client-success").And.Contain("/api/leads/{id}/outcomes")
            .And.Contain("/api/proof-artifacts/{id}/download").And.Contain("/api/clients");
    }
}
