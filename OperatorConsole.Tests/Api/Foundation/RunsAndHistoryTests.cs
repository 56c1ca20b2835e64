using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Foundation;

/// <summary>Run status is computed from the steps; a lead's last run is the latest start; status history keeps every change.</summary>
public sealed class RunsAndHistoryTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static string Run(int? leadId, string startedAt, string steps, string extra = "") =>
        $$"""{"leadId":{{(leadId is null ? "null" : leadId.ToString())}},"kind":"research","startedAt":"{{startedAt}}","finishedAt":null,"steps":{{steps}}{{extra}}}""";

    [Theory]
    [InlineData("""[{"name":"a","success":true},{"name":"b","success":true}]""", "success", null)]
    [InlineData("""[{"name":"a","success":true},{"name":"b","success":false,"error":"rate limited"}]""", "partial", "b: rate limited")]
    [InlineData("""[{"name":"a","success":false,"error":"dns"},{"name":"b","success":false}]""", "fail", "a: dns")]
    [InlineData("[]", "fail", RunStatusPolicy.NoStepsError)]
    public async Task RecordRun_ComputesTheStatus(string steps, string status, string? error)
    {
        var client = factory.CreateAgentClient();

        var response = await client.SendRawAsync("POST", "/api/pipeline-runs", Run(null, "2026-11-25T07:00:00Z", steps));

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var run = await response.ReadJsonAsync();
        run.GetProperty("status").GetString().Should().Be(status);
        (run.GetProperty("error").ValueKind == JsonValueKind.Null ? null : run.GetProperty("error").GetString()).Should().Be(error);
        var fetched = await (await client.GetAsync(response.Headers.Location)).ReadJsonAsync();
        fetched.GetProperty("status").GetString().Should().Be(status);
        fetched.GetProperty("steps").GetArrayLength().Should().Be(JsonDocument.Parse(steps).RootElement.GetArrayLength());
    }

    [Fact]
    public async Task RecordRun_RefusesAStatusSentByTheClient_BecauseItIsComputed()
    {
        // Strict bodies (docs/api.md): a computed field sent by the client is an unknown field, refused by name.
        var response = await factory.CreateAgentClient().SendRawAsync("POST", "/api/pipeline-runs",
            Run(null, "2026-11-25T07:00:00Z", """[{"name":"a","success":false}]""", ""","status":"success" """));

        await response.ShouldHaveFieldErrorAsync("status");
    }

    [Fact]
    public async Task LeadLastRunStatus_FollowsTheLatestStart_NotTheLatestPost()
    {
        var lead = await factory.CreateLeadAsync("Last-run lead");
        var client = factory.CreateAgentClient();
        var newer = await (await client.SendRawAsync("POST", "/api/pipeline-runs",
            Run(lead.Id, "2026-11-25T08:00:00Z", """[{"name":"a","success":false}]"""))).ReadJsonAsync();

        var older = await client.SendRawAsync("POST", "/api/pipeline-runs", Run(lead.Id, "2026-11-24T08:00:00Z", """[{"name":"a","success":true}]"""));
        older.StatusCode.Should().Be(HttpStatusCode.Created);

        var view = await (await client.GetAsync($"/api/leads/{lead.Id}")).ReadJsonAsync();
        view.GetProperty("lastRunStatus").GetString().Should().Be("fail");
        view.GetProperty("lastRunId").GetInt32().Should().Be(newer.GetProperty("id").GetInt32());

        await client.SendRawAsync("POST", "/api/pipeline-runs", Run(lead.Id, "2026-11-25T08:30:00Z", """[{"name":"a","success":true},{"name":"b","success":false}]"""));
        (await (await client.GetAsync($"/api/leads/{lead.Id}")).ReadJsonAsync()).GetProperty("lastRunStatus").GetString().Should().Be("partial");
    }

    [Fact]
    public async Task ListRuns_FiltersByStatusKindAndLead_NewestStartFirst()
    {
        var lead = await factory.CreateLeadAsync("Filter lead");
        var client = factory.CreateAgentClient();
        await client.SendRawAsync("POST", "/api/pipeline-runs", Run(lead.Id, "2026-11-20T08:00:00Z", """[{"name":"a","success":false}]"""));
        await client.SendRawAsync("POST", "/api/pipeline-runs", Run(lead.Id, "2026-11-22T08:00:00Z", """[{"name":"a","success":false}]"""));
        await client.SendRawAsync("POST", "/api/pipeline-runs", Run(lead.Id, "2026-11-21T08:00:00Z", """[{"name":"a","success":true}]"""));

        var failed = await (await client.GetAsync($"/api/pipeline-runs?leadId={lead.Id}&status=fail&kind=research")).ReadJsonAsync();

        failed.GetProperty("total").GetInt32().Should().Be(2);
        failed.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("startedAt").GetDateTime())
            .Should().BeInDescendingOrder();
        (await (await client.GetAsync($"/api/pipeline-runs?leadId={lead.Id}&kind=score")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task StatusHistory_KeepsCreationAndEveryChange_WithTimeAndActor()
    {
        var client = await factory.CreateOperatorClientAsync();
        var created = await (await client.SendRawAsync("POST", "/api/leads", """{"title":"History lead"}""")).ReadJsonAsync();
        var id = created.GetProperty("id").GetInt32();
        var t0 = factory.Clock.GetUtcNow().UtcDateTime;

        factory.Clock.Advance(TimeSpan.FromHours(1));
        (await client.SendRawAsync("POST", $"/api/leads/{id}/status", """{"status":"qualified"}""")).StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        (await client.SendRawAsync("POST", $"/api/leads/{id}/status", """{"status":"lost","reason":"went with a freelancer"}""")).StatusCode.Should().Be(HttpStatusCode.OK);
        factory.Clock.Advance(TimeSpan.FromHours(1));
        (await client.SendRawAsync("POST", $"/api/leads/{id}/status", """{"status":"proposal","reason":"freelancer vanished"}""")).StatusCode.Should().Be(HttpStatusCode.OK);

        var history = (await (await client.GetAsync($"/api/leads/{id}/status-history")).ReadJsonAsync()).EnumerateArray().Reverse().ToList();
        history.Select(h => h.GetProperty("toStatus").GetString()).Should().Equal("new", "qualified", "lost", "proposal");
        history.Select(h => h.GetProperty("fromStatus").ValueKind == JsonValueKind.Null ? null : h.GetProperty("fromStatus").GetString())
            .Should().Equal(null, "new", "qualified", "lost");
        history.Select(h => h.GetProperty("changedAt").GetDateTime().ToUniversalTime())
            .Should().Equal(t0, t0.AddHours(1), t0.AddHours(2), t0.AddHours(3));
        history.Should().OnlyContain(h => h.GetProperty("actorName").GetString()!.Length > 0 && h.GetProperty("actorKind").GetString() == "User");
        history[3].GetProperty("reason").GetString().Should().Be("freelancer vanished");

        var lead = await (await client.GetAsync($"/api/leads/{id}")).ReadJsonAsync();
        lead.GetProperty("status").GetString().Should().Be("proposal");
        lead.GetProperty("statusChangedAt").GetDateTime().ToUniversalTime().Should().Be(t0.AddHours(3));
        await using var db = factory.CreateDbContext();
        (await db.Set<AuditEntry>().CountAsync(a => a.RecordType == "lead" && a.RecordId == id.ToString() && a.Action == "lead.status_changed")).Should().Be(3);
    }

    [Fact]
    public async Task StatusHistory_RecordsTheMachineThatCreatedTheLead()
    {
        var created = await (await factory.CreateAgentClient().SendRawAsync("POST", "/api/leads", """{"title":"Agent lead"}""")).ReadJsonAsync();

        var history = await (await factory.CreateAgentClient().GetAsync($"/api/leads/{created.GetProperty("id").GetInt32()}/status-history")).ReadJsonAsync();

        history.GetArrayLength().Should().Be(1);
        history[0].GetProperty("actorKind").GetString().Should().Be("ApiKey");
    }

    [Fact]
    public async Task LeavingLost_WithoutAReason_Is422_AndWritesNothing()
    {
        var lead = await factory.CreateLeadAsync("Lost lead", LeadStatus.Lost);
        var client = await factory.CreateOperatorClientAsync();
        var before = await factory.CountRowsAsync();

        var response = await client.SendRawAsync("POST", $"/api/leads/{lead.Id}/status", """{"status":"new"}""");

        await response.ShouldHaveFieldErrorAsync("reason");
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task SameStatus_Is422_AndWritesNothing()
    {
        var lead = await factory.CreateLeadAsync("Same lead", LeadStatus.Qualified);
        var client = await factory.CreateOperatorClientAsync();
        var before = await factory.CountRowsAsync();

        var response = await client.SendRawAsync("POST", $"/api/leads/{lead.Id}/status", """{"status":"qualified","reason":"again"}""");

        await response.ShouldHaveFieldErrorAsync("status");
        (await factory.CountRowsAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Touches_SetLastContactAt_ToTheNewestOccurrence()
    {
        var lead = await factory.CreateLeadAsync("Touch lead");
        var client = factory.CreateAgentClient();

        await client.SendRawAsync("POST", $"/api/leads/{lead.Id}/touches", """{"channel":"email","direction":"outbound","occurredAt":"2026-11-24T10:00:00Z"}""");
        await client.SendRawAsync("POST", $"/api/leads/{lead.Id}/touches", """{"channel":"call","direction":"inbound","occurredAt":"2026-11-20T10:00:00Z"}""");

        var view = await (await client.GetAsync($"/api/leads/{lead.Id}")).ReadJsonAsync();
        view.GetProperty("lastContactAt").GetString().Should().Be("2026-11-24T10:00:00Z");
    }
}
