using System.Net;
using System.Text.Json;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Tests.Api.Failures;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Alerts;

/// <summary>Routing rules on a fake clock: quiet hours, minimum age, acknowledgements, reminders, resolved, digest.</summary>
public sealed class AlertRulesTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = default!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task QuietHours_HoldTheAlert_UntilTheyEnd_InTheChannelsTimeZone()
    {
        using var factory = AlertsTestKit.Console();
        // 22:30 UTC is 23:30 in Berlin (CET): inside 22:00–07:00 there.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 25, 22, 30, 0, TimeSpan.Zero));
        var channel = await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url) with { QuietFrom = "22:00", QuietTo = "07:00", TimeZone = "Europe/Berlin" });

        var run = await factory.PostFailedRunAsync();
        await factory.EvaluateAsync();
        (await factory.DeliveriesAsync(channel.Id)).Should().BeEmpty("it is night in Berlin");

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 5, 59, 0, TimeSpan.Zero)); // 06:59 in Berlin
        await factory.EvaluateAsync();
        (await factory.DeliveriesAsync(channel.Id)).Should().BeEmpty();

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 6, 0, 0, TimeSpan.Zero)); // 07:00 in Berlin
        await factory.EvaluateAsync();
        (await _receiver.WaitForAsync(r => r.Body.Contains($"run:{run.Id}", StringComparison.Ordinal))).Event.Should().Be("failure.opened");
    }

    [Fact]
    public async Task MinimumAge_WaitsThenAlerts_ButAnAcknowledgedItemNeverAlerts()
    {
        using var factory = AlertsTestKit.Console();
        var channel = await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url) with { MinAgeMinutes = 10 });
        await factory.HeartbeatAsync("crm-sync", ok: false, "401 from the CRM");
        await factory.HeartbeatAsync("mailer", ok: false, "SMTP relay refused");
        await factory.EvaluateAsync();
        (await factory.DeliveriesAsync(channel.Id)).Should().BeEmpty("neither failure is 10 minutes old yet");

        using var operatorClient = await factory.CreateOperatorClientAsync();
        var ack = await operatorClient.PostJsonAsync("/api/failures/acknowledgements",
            new AcknowledgeFailureRequest(FailureBucket.BrokenIntegrations, FailureKeys.Integration("mailer"), AcknowledgementKind.Ack, "I am on it"));
        ack.IsSuccessStatusCode.Should().BeTrue(await ack.Content.ReadAsStringAsync());

        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        await factory.EvaluateAsync();
        var hook = await _receiver.WaitForAsync(r => r.Event == "failure.opened");
        hook.Body.Should().Contain("integration:crm-sync");
        var deliveries = await factory.DeliveriesAsync(channel.Id);
        deliveries.Should().ContainSingle().Which.MessageJson.Should().NotContain("integration:mailer", "acknowledged items do not alert");
    }

    [Fact]
    public async Task StillOpen_GetsAReminderAfterNHours_AndAResolvedMessageWhenItClears()
    {
        using var factory = AlertsTestKit.Console();
        var channel = await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url) with { ReminderHours = 2 });
        await factory.HeartbeatAsync("crm-sync", ok: false, "401 from the CRM");
        await _receiver.WaitForAsync(r => r.Event == "failure.opened");

        factory.Clock.Advance(TimeSpan.FromHours(1));
        await factory.EvaluateAsync();
        (await factory.DeliveriesAsync(channel.Id)).Should().ContainSingle("an hour is not yet two");

        factory.Clock.Advance(TimeSpan.FromHours(1));
        await factory.EvaluateAsync();
        (await _receiver.WaitForAsync(r => r.Event == "failure.reminder")).Body.Should().Contain("integration:crm-sync");

        await factory.HeartbeatAsync("crm-sync", ok: true);
        var resolved = await _receiver.WaitForAsync(r => r.Event == "failure.resolved");
        resolved.Body.Should().Contain("integration:crm-sync");
        await factory.EvaluateAsync();
        (await factory.DeliveriesAsync(channel.Id)).Select(d => d.Kind).Should().Equal(AlertKind.Opened, AlertKind.Reminder, AlertKind.Resolved);
    }

    [Fact]
    public async Task Routing_OnlyTheChosenBuckets_AndMinCount()
    {
        using var factory = AlertsTestKit.Console();
        var approvalsOnly = await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url, "approvals", buckets: ["needs_approval"]));
        var runsInBulk = await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url, "runs", buckets: ["failed_runs"]) with { MinCount = 2 });

        await factory.PostFailedRunAsync();
        await factory.EvaluateAsync();
        (await factory.DeliveriesAsync(runsInBulk.Id)).Should().BeEmpty("one failed run is below the channel's minimum count");
        (await factory.DeliveriesAsync(approvalsOnly.Id)).Should().BeEmpty("the channel hears only about approvals");

        await factory.PostFailedRunAsync("score");
        await factory.EvaluateAsync();
        (await factory.DeliveriesAsync(runsInBulk.Id)).Should().HaveCount(2);
        (await factory.DeliveriesAsync(approvalsOnly.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Digest_AtTheChosenHour_ListsBrokenDecisionsOldestFirstStaleAndYesterdaysWins()
    {
        using var factory = AlertsTestKit.Console();
        var now = factory.Clock.GetUtcNow().UtcDateTime; // 09:00 UTC
        var channel = await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url) with { DigestHour = 10, Buckets = [] });
        await factory.PostFailedRunAsync(error: "scoring model unavailable");
        await factory.AddLeadAsync("Quiet Dental", LeadStatus.Qualified, createdDaysAgo: 40, touchedDaysAgo: 30);
        var won = await factory.AddLeadAsync("Helio SaaS", LeadStatus.Approved, createdDaysAgo: 20, touchedDaysAgo: 1);
        await using (var db = factory.CreateDbContext())
        {
            db.Add(Approval("Send proposal to Newer Co", now.AddDays(-1)));
            db.Add(Approval("Deploy Older Co", now.AddDays(-4)));
            db.Add(new Proposal
            {
                LeadId = won.Id, Title = "Automation retainer", Status = ProposalStatus.Sent, CreatedAt = now.AddDays(-5), UpdatedAt = now.AddDays(-1),
                SentAt = now.AddDays(-3), Outcome = ProposalOutcome.Won, OutcomeAt = now.AddDays(-1), OutcomeValue = 12000,
                CreatedByKind = ActorKind.User, CreatedById = "op", CreatedByName = "Operator",
            });
            await db.SaveChangesAsync();
        }

        await factory.EvaluateAsync();
        (await factory.DeliveriesAsync(channel.Id)).Should().BeEmpty("the digest hour has not come");

        factory.Clock.Advance(TimeSpan.FromHours(1));
        await factory.EvaluateAsync();
        var digest = JsonDocument.Parse((await _receiver.WaitForAsync(r => r.Event == "digest.daily")).Body).RootElement;
        var sections = digest.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("title").GetString()!, s => s);
        Titles(sections["Broken"]).Should().ContainSingle(t => t.Contains("scoring model unavailable"));
        Titles(sections["Waiting for a decision (oldest first)"]).Should().Equal(
            [.. Titles(sections["Waiting for a decision (oldest first)"]).Where(t => t.Contains("Older Co")), .. Titles(sections["Waiting for a decision (oldest first)"]).Where(t => t.Contains("Newer Co"))]);
        Titles(sections["Waiting for a decision (oldest first)"])[0].Should().Contain("Older Co");
        Titles(sections["Went stale"]).Should().Contain(t => t.Contains("Quiet Dental"));
        Titles(sections["Yesterday's wins"]).Should().ContainSingle().Which.Should().Contain("Helio SaaS").And.Contain("Automation retainer");
        sections["Broken"].GetProperty("items")[0].GetProperty("link").GetString().Should().StartWith("https://console.agency.test/runs/");

        factory.Clock.Advance(TimeSpan.FromHours(3));
        await factory.EvaluateAsync();
        (await factory.DeliveriesAsync(channel.Id)).Where(d => d.Kind == AlertKind.Digest).Should().ContainSingle("one digest a day");
    }

    private static List<string> Titles(JsonElement section) =>
        section.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToList();

    private static ApprovalRequest Approval(string title, DateTime at) => new()
    {
        Subject = ApprovalSubject.Deploy, SubjectType = "deploy", SubjectId = Guid.NewGuid().ToString("N"), Title = title, RequestedAt = at,
        RequestedByKind = ActorKind.ApiKey, RequestedById = "agent", RequestedByName = "Coding agent",
    };
}
