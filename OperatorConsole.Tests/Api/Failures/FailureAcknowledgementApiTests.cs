using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Failures;

/// <summary>
/// Acknowledge and snooze through the API. Each test makes its own lead and looks only at that lead's item, so
/// tests that move the shared clock do not disturb each other.
/// </summary>
public sealed class FailureAcknowledgementApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static string Key(int leadId) => "lead:" + leadId;

    private async Task<JsonElement> ReportAsync(HttpClient client, bool includeAcknowledged = false)
    {
        var response = await client.GetAsync("/api/failures" + (includeAcknowledged ? "?include=acknowledged" : ""));
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.ReadJsonAsync();
    }

    private static JsonElement? StaleItem(JsonElement report, int leadId) =>
        report.GetProperty("staleByTouch").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(i => i!.Value.GetProperty("leadId").GetInt32() == leadId);

    private Task<HttpResponseMessage> SnoozeAsync(HttpClient client, int leadId, DateTime until, string reason = "Contact on holiday") =>
        client.PostJsonAsync("/api/failures/acknowledgements", new { bucket = "stale_by_touch", key = Key(leadId), kind = "snooze", until, reason });

    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task Acknowledge_ByOperator_LeavesCountsButIsListedUnderIncludeAcknowledged_AndIsAudited()
    {
        var lead = await factory.AddLeadAsync("Ack me " + Guid.NewGuid(), LeadStatus.Qualified, 30, 9);
        var client = await factory.CreateOperatorClientAsync();
        var before = await ReportAsync(client);
        StaleItem(before, lead.Id).Should().NotBeNull();

        var response = await client.PostJsonAsync("/api/failures/acknowledgements",
            new { bucket = "stale_by_touch", key = Key(lead.Id), kind = "ack", reason = "I call them Monday" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var ack = await response.ReadJsonAsync();
        ack.GetProperty("kind").GetString().Should().Be("ack");
        ack.GetProperty("bucket").GetString().Should().Be("stale_by_touch");
        var after = await ReportAsync(client);
        StaleItem(after, lead.Id).Should().BeNull();
        after.GetProperty("counts").GetProperty("staleByTouch").GetInt32().Should().Be(before.GetProperty("counts").GetProperty("staleByTouch").GetInt32() - 1);
        after.GetProperty("acknowledgedCounts").GetProperty("staleByTouch").GetInt32().Should().BeGreaterThan(0);

        var listed = StaleItem(await ReportAsync(client, includeAcknowledged: true), lead.Id);
        listed.Should().NotBeNull();
        listed!.Value.GetProperty("acknowledgement").GetProperty("reason").GetString().Should().Be("I call them Monday");

        await using var db = factory.CreateDbContext();
        (await db.Set<AuditEntry>().AnyAsync(a => a.Action == "failure.acknowledged" && a.RecordId == "stale_by_touch/" + Key(lead.Id) && a.Reason == "I call them Monday"))
            .Should().BeTrue();
    }

    [Fact]
    public async Task Snooze_ComesBackWhenTheSnoozeEnds()
    {
        var lead = await factory.AddLeadAsync("Snooze ends " + Guid.NewGuid(), LeadStatus.Qualified, 30, 8);
        var client = await factory.CreateOperatorClientAsync();

        (await SnoozeAsync(client, lead.Id, Now.AddHours(6))).StatusCode.Should().Be(HttpStatusCode.Created);
        StaleItem(await ReportAsync(client), lead.Id).Should().BeNull();

        factory.Clock.Advance(TimeSpan.FromHours(6));

        var back = StaleItem(await ReportAsync(client), lead.Id);
        back.Should().NotBeNull("the snooze ended");
        back!.Value.TryGetProperty("acknowledgement", out var ack).Should().BeTrue();
        ack.ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task Snooze_ComesBackEarlyWhenItGetsWorse()
    {
        var lead = await factory.AddLeadAsync("Gets worse " + Guid.NewGuid(), LeadStatus.Qualified, 60, 8);
        var client = await factory.CreateOperatorClientAsync();
        (await SnoozeAsync(client, lead.Id, Now.AddDays(30))).StatusCode.Should().Be(HttpStatusCode.Created);

        factory.Clock.Advance(TimeSpan.FromDays(3));
        client = await factory.CreateOperatorClientAsync(); // the sign-in cookie expires as the clock moves days
        StaleItem(await ReportAsync(client), lead.Id).Should().BeNull("11 d is not a full threshold (7 d) worse than 8 d");

        factory.Clock.Advance(TimeSpan.FromDays(4));
        client = await factory.CreateOperatorClientAsync();
        var back = StaleItem(await ReportAsync(client), lead.Id);
        back.Should().NotBeNull("15 d without a touch is a full threshold worse than when it was snoozed");
        back!.Value.GetProperty("daysSinceTouch").GetInt32().Should().Be(15);
    }

    [Fact]
    public async Task Snooze_ATouchThenStaleAgain_IsANewOccurrenceThatShows()
    {
        var lead = await factory.AddLeadAsync("New episode " + Guid.NewGuid(), LeadStatus.Qualified, 60, 8);
        var client = await factory.CreateOperatorClientAsync();
        (await SnoozeAsync(client, lead.Id, Now.AddDays(60))).StatusCode.Should().Be(HttpStatusCode.Created);

        var agent = factory.CreateAgentClient();
        (await agent.PostJsonAsync($"/api/leads/{lead.Id}/touches", new { channel = "call", direction = "outbound" })).StatusCode.Should().Be(HttpStatusCode.Created);
        StaleItem(await ReportAsync(client), lead.Id).Should().BeNull("just touched");

        factory.Clock.Advance(TimeSpan.FromDays(8));
        client = await factory.CreateOperatorClientAsync();
        StaleItem(await ReportAsync(client), lead.Id).Should().NotBeNull("stale again after the touch: not the occurrence that was snoozed");
    }

    [Fact]
    public async Task Reopen_CountsTheItemAgain_AndASecondReopenIsAConflict()
    {
        var lead = await factory.AddLeadAsync("Reopen " + Guid.NewGuid(), LeadStatus.New, 30, 9);
        var client = await factory.CreateOperatorClientAsync();
        var created = await (await SnoozeAsync(client, lead.Id, Now.AddDays(2))).ReadJsonAsync();
        var id = created.GetProperty("id").GetInt32();

        var reopened = await client.PostJsonAsync($"/api/failures/acknowledgements/{id}/reopen", new { reason = "They replied" });

        reopened.StatusCode.Should().Be(HttpStatusCode.OK);
        (await reopened.ReadJsonAsync()).GetProperty("active").GetBoolean().Should().BeFalse();
        StaleItem(await ReportAsync(client), lead.Id).Should().NotBeNull();
        (await client.DeleteAsync($"/api/failures/acknowledgements/{id}")).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.PostJsonAsync("/api/failures/acknowledgements/999999/reopen", new { })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Acknowledge_WithApiKeyOrAsViewer_Is403AndWritesNothing()
    {
        var lead = await factory.AddLeadAsync("Machines cannot ack " + Guid.NewGuid(), LeadStatus.New, 30, 9);
        var body = new { bucket = "stale_by_touch", key = Key(lead.Id), kind = "ack", reason = "trying" };

        (await factory.CreateAgentClient().PostJsonAsync("/api/failures/acknowledgements", body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await factory.CreateViewerClientAsync()).PostJsonAsync("/api/failures/acknowledgements", body)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await using var db = factory.CreateDbContext();
        (await db.Set<FailureAcknowledgement>().AnyAsync(a => a.RecordKey == Key(lead.Id))).Should().BeFalse();
    }

    [Fact]
    public async Task Reopen_WithApiKey_Is403()
    {
        var lead = await factory.AddLeadAsync("Key cannot reopen " + Guid.NewGuid(), LeadStatus.New, 30, 9);
        var client = await factory.CreateOperatorClientAsync();
        var id = (await (await SnoozeAsync(client, lead.Id, Now.AddDays(1))).ReadJsonAsync()).GetProperty("id").GetInt32();

        (await factory.CreateAgentClient().PostJsonAsync($"/api/failures/acknowledgements/{id}/reopen", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Acknowledge_InvalidRequests_Are422WithTheField()
    {
        var lead = await factory.AddLeadAsync("Invalid " + Guid.NewGuid(), LeadStatus.New, 30, 9);
        var client = await factory.CreateOperatorClientAsync();

        async Task Expect(object body, string field)
        {
            var response = await client.PostJsonAsync("/api/failures/acknowledgements", body);
            response.StatusCode.Should().Be((HttpStatusCode)422, await response.Content.ReadAsStringAsync());
            (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(field);
        }

        await Expect(new { bucket = "stale_by_touch", key = Key(lead.Id), kind = "ack" }, "reason");
        await Expect(new { bucket = "stale_by_touch", key = "lead:987654", kind = "ack", reason = "x" }, "key");
        await Expect(new { bucket = "stale_by_touch", key = Key(lead.Id), kind = "snooze", reason = "x" }, "until");
        await Expect(new { bucket = "stale_by_touch", key = Key(lead.Id), kind = "snooze", reason = "x", until = Now.AddDays(400) }, "until");
        await Expect(new { bucket = "nope", key = Key(lead.Id), kind = "ack", reason = "x" }, "bucket");
    }

    [Fact]
    public async Task Acknowledge_Twice_IsAConflict()
    {
        var lead = await factory.AddLeadAsync("Twice " + Guid.NewGuid(), LeadStatus.New, 30, 9);
        var client = await factory.CreateOperatorClientAsync();
        var body = new { bucket = "stale_by_touch", key = Key(lead.Id), kind = "ack", reason = "mine" };

        (await client.PostJsonAsync("/api/failures/acknowledgements", body)).StatusCode.Should().Be(HttpStatusCode.Created);
        (await client.PostJsonAsync("/api/failures/acknowledgements", body)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }
}
