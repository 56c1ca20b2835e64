using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using netDumbster.smtp;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Api.Failures;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Alerts;

/// <summary>Settings → Alerts over HTTP: operator only, audited, no secret echoed, never a client's address; e-mail over SMTP.</summary>
public sealed class AlertChannelsApiTests : IDisposable
{
    private readonly SimpleSmtpServer _smtp = SimpleSmtpServer.Start();
    private readonly ConsoleFactory _factory;

    public AlertChannelsApiTests() => _factory = AlertsTestKit.Console(smtpPort: _smtp.Configuration.Port);

    public void Dispose()
    {
        _factory.Dispose();
        _smtp.Dispose();
    }

    [Fact]
    public async Task Channel_CannotPointAtALeadsContact_NeitherByEmailNorByWebhookHost()
    {
        await _factory.AddLeadAsync("Client Co", LeadStatus.Proposal, 10, 1);
        await using (var db = _factory.CreateDbContext())
        {
            var lead = await db.Set<Lead>().SingleAsync(l => l.Title == "Client Co");
            lead.ContactEmail = "CEO@Client-Co.test";
            await db.SaveChangesAsync();
        }

        using var client = await _factory.CreateOperatorClientAsync();
        var byEmail = await client.PostJsonAsync("/api/alerts/channels",
            new AlertChannelRequest("ops mail", AlertChannelKind.Email, EmailTo: ["ops@agency.test", "ceo@client-co.test"]));
        byEmail.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await byEmail.ReadJsonAsync()).GetProperty("errors").GetProperty("emailTo")[0].GetString().Should().Contain("never to a client");

        var byHook = await client.PostJsonAsync("/api/alerts/channels", AlertsTestKit.Webhook("https://hooks.client-co.test/incoming"));
        byHook.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await byHook.ReadJsonAsync()).GetProperty("errors").GetProperty("webhookUrl")[0].GetString().Should().Contain("never to a client");

        await using var check = _factory.CreateDbContext();
        (await check.Set<AlertChannel>().CountAsync()).Should().Be(0, "nothing is written on rejection");
        (await check.AuditEntries.CountAsync(a => a.Action.StartsWith("alert_channel"))).Should().Be(0);
    }

    [Fact]
    public async Task AddressThatBecomesAClientLater_IsRefusedAtSendTime()
    {
        var channel = await _factory.CreateChannelAsync(new AlertChannelRequest("ops mail", AlertChannelKind.Email, EmailTo: ["pat@agency.test"]));
        var lead = await _factory.AddLeadAsync("Pat's side project", LeadStatus.New, 1, null);
        await using (var db = _factory.CreateDbContext())
        {
            (await db.Set<Lead>().SingleAsync(l => l.Id == lead.Id)).ContactEmail = "pat@agency.test";
            await db.SaveChangesAsync();
        }

        using var client = await _factory.CreateOperatorClientAsync();
        (await client.PostAsync($"/api/alerts/channels/{channel.Id}/test", null)).StatusCode.Should().Be(HttpStatusCode.Created);
        await AlertsTestKit.WaitUntilAsync(async () => (await _factory.DeliveriesAsync(channel.Id)).Any(d => d.Status == AlertDeliveryStatus.Refused), "refusal");
        _smtp.ReceivedEmailCount.Should().Be(0);
    }

    [Fact]
    public async Task EmailChannel_SendTest_ArrivesOverSmtp_AndTheLogKeepsTheAnswer()
    {
        var channel = await _factory.CreateChannelAsync(new AlertChannelRequest("ops mail", AlertChannelKind.Email, EmailTo: ["ops@agency.test", "pat@agency.test"]));
        using var client = await _factory.CreateOperatorClientAsync();
        (await client.PostAsync($"/api/alerts/channels/{channel.Id}/test", null)).StatusCode.Should().Be(HttpStatusCode.Created);

        await AlertsTestKit.WaitUntilAsync(() => Task.FromResult(_smtp.ReceivedEmailCount == 1), "the e-mail");
        var mail = _smtp.ReceivedEmail[0];
        mail.Subject.Should().Contain("Test alert");
        mail.ToAddresses.Select(a => a.Address).Should().BeEquivalentTo(["ops@agency.test", "pat@agency.test"]);
        string.Concat(mail.MessageParts.Select(p => p.BodyData)).Should().Contain("https://console.agency.test/settings");

        await AlertsTestKit.WaitUntilAsync(async () => (await _factory.DeliveriesAsync(channel.Id)).Any(d => d.Status == AlertDeliveryStatus.Delivered), "logged");
        var log = await (await client.GetAsync($"/api/alerts/deliveries?channelId={channel.Id}")).ReadJsonAsync();
        var attempt = log[0].GetProperty("attemptLog")[0];
        attempt.GetProperty("ok").GetBoolean().Should().BeTrue();
        attempt.GetProperty("statusCode").GetInt32().Should().Be(250);
        attempt.GetProperty("latencyMs").GetInt32().Should().BeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public async Task Channels_AreOperatorOnly_Audited_AndNeverEchoSecretsOrTheFullUrl()
    {
        const string url = "https://hooks.slack.com/services/T000/B000/XXXXSECRETPATH";
        using var client = await _factory.CreateOperatorClientAsync();
        var created = await client.PostJsonAsync("/api/alerts/channels", AlertsTestKit.Webhook(url, "slack", WebhookPreset.Slack) with { Reason = "on-call channel" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await created.Content.ReadAsStringAsync();
        body.Should().NotContain("XXXXSECRETPATH").And.NotContain(AlertsTestKit.Secret).And.Contain("https://hooks.slack.com/…");
        var view = await created.ReadAsync<AlertChannelView>();
        view.SecretConfigured.Should().BeTrue();

        var list = await client.GetStringAsync("/api/alerts/channels");
        list.Should().NotContain("XXXXSECRETPATH").And.NotContain(AlertsTestKit.Secret);

        // An update without a URL keeps the stored one.
        var updated = await client.PutAsJsonAsync($"/api/alerts/channels/{view.Id}", AlertsTestKit.Webhook("", "slack", WebhookPreset.Slack) with { ReminderHours = 4 }, ApiJson.Options);
        updated.StatusCode.Should().Be(HttpStatusCode.OK, await updated.Content.ReadAsStringAsync());
        await using (var db = _factory.CreateDbContext())
        {
            (await db.Set<AlertChannel>().SingleAsync()).WebhookUrl.Should().Be(url);
            var audit = await db.AuditEntries.Where(a => a.RecordType == "alert_channel").OrderBy(a => a.Id).ToListAsync();
            audit.Select(a => a.Action).Should().Equal("alert_channel.created", "alert_channel.changed");
            audit[0].Reason.Should().Be("on-call channel");
            audit.Should().OnlyContain(a => a.ActorName != null && !(a.After ?? "").Contains("XXXXSECRETPATH") && !(a.Before ?? "").Contains("XXXXSECRETPATH"));
        }

        using var viewer = await _factory.CreateViewerClientAsync();
        (await viewer.GetAsync("/api/alerts/channels")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        using var agent = _factory.CreateAgentClient();
        (await agent.PostJsonAsync("/api/alerts/channels", AlertsTestKit.Webhook("https://hooks.example.test/x"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.PostAsync($"/api/alerts/channels/{view.Id}/test", null)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task BadInput_Is422WithFieldErrors()
    {
        using var client = await _factory.CreateOperatorClientAsync();
        var response = await client.PostJsonAsync("/api/alerts/channels", new AlertChannelRequest(
            "", AlertChannelKind.Webhook, WebhookUrl: "http://hooks.example.test/plain", Buckets: ["nope"], QuietFrom: "25:00", TimeZone: "Mars/Olympus", DigestHour: 24));
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        foreach (var field in new[] { "name", "webhookUrl", "buckets", "quietFrom", "timeZone", "digestHour" })
        {
            errors.TryGetProperty(field, out _).Should().BeTrue(field);
        }

        (await client.PostRawAsync("/api/alerts/channels", "{\"name\":\"x\",\"kind\":\"pager\"}")).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        await using var db = _factory.CreateDbContext();
        (await db.Set<AlertChannel>().CountAsync()).Should().Be(0);
    }
}
