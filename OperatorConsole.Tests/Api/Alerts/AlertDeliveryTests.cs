using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Failures;

namespace OperatorConsole.Tests.Api.Alerts;

/// <summary>From a failure to a receiver: signed webhooks, retries, the broken-channel path and restarts.</summary>
public sealed class AlertDeliveryTests : IAsyncLifetime
{
    private WebhookReceiver _receiver = default!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task FailedRun_ReachesTheWebhook_SignedOverTimestampAndBody()
    {
        using var factory = AlertsTestKit.Console();
        await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url));

        var run = await factory.PostFailedRunAsync(error: "enrichment API timed out");

        var hook = await _receiver.WaitForAsync(r => r.Event == "failure.opened");
        var json = JsonDocument.Parse(hook.Body).RootElement;
        json.GetProperty("item").GetProperty("key").GetString().Should().Be($"run:{run.Id}");
        json.GetProperty("item").GetProperty("group").GetString().Should().Be("broken");
        json.GetProperty("item").GetProperty("link").GetString().Should().Be($"https://console.agency.test/runs/{run.Id}");
        json.GetProperty("title").GetString().Should().Contain("enrichment API timed out");

        var now = factory.Clock.GetUtcNow();
        AlertSignature.Verify(AlertsTestKit.Secret, hook.Timestamp, hook.Signature, hook.Body, now).Should().BeTrue();
        AlertSignature.Verify("another-secret", hook.Timestamp, hook.Signature, hook.Body, now).Should().BeFalse();
        AlertSignature.Verify(AlertsTestKit.Secret, hook.Timestamp, hook.Signature, hook.Body.Replace("enrichment", "harmless", StringComparison.Ordinal), now).Should().BeFalse();
        // A replay an hour later is refused even though the signature is genuine.
        AlertSignature.Verify(AlertsTestKit.Secret, hook.Timestamp, hook.Signature, hook.Body, now.AddHours(1)).Should().BeFalse();
    }

    /// <summary>
    /// Watching the report keeps it hot (recomputed after every change). With no channel enabled nobody is to be
    /// alerted, so the engine does not watch it and writes cost no recompute; enabling a channel starts the watch.
    /// </summary>
    [Fact]
    public async Task WithoutAnEnabledChannel_WritesDoNotRecomputeTheReport_AndEnablingOneStartsAlerting()
    {
        using var factory = AlertsTestKit.Console();
        var cache = factory.Services.GetRequiredService<FailuresReportCache>();
        await factory.PostFailedRunAsync(error: "before any channel");
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = cache.Computations;

        await factory.PostFailedRunAsync(error: "still no channel");
        await factory.PostFailedRunAsync(error: "still none");
        await Task.Delay(TimeSpan.FromSeconds(1)); // several refresh intervals

        cache.Computations.Should().Be(before, "nothing watches the report while no channel is enabled");

        await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url));
        await AlertsTestKit.WaitUntilAsync(() => Task.FromResult(cache.Computations > before), "the engine read the report once a channel was enabled");
        var watched = cache.Computations;
        var later = await factory.PostFailedRunAsync(error: "after the channel");
        await _receiver.WaitForAsync(r => r.Event == "failure.opened" && r.Body.Contains($"run:{later.Id}", StringComparison.Ordinal));
        cache.Computations.Should().BeGreaterThan(watched, "the watched report was recomputed after the write");
    }

    [Fact]
    public async Task OpenItem_AlertsOnce_NoRepeatWhileItStaysOpen()
    {
        using var factory = AlertsTestKit.Console();
        var channel = await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url));
        var run = await factory.PostFailedRunAsync();
        await _receiver.WaitForAsync(r => r.Body.Contains($"run:{run.Id}", StringComparison.Ordinal));

        // More changes and more evaluations, with time passing: the item stays open, so nothing more is queued.
        await factory.HeartbeatAsync("crm-sync", ok: true);
        for (var i = 0; i < 3; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(20));
            await factory.EvaluateAsync();
        }

        var deliveries = await factory.DeliveriesAsync(channel.Id);
        deliveries.Where(d => d.MessageJson.Contains($"run:{run.Id}", StringComparison.Ordinal)).Should().ContainSingle();
        deliveries.Should().OnlyContain(d => d.Kind == AlertKind.Opened);
    }

    [Fact]
    public async Task FailingReceiver_IsRetriedWithBackoff_ThenBecomesABrokenIntegration_AndRecovers()
    {
        using var factory = AlertsTestKit.Console();
        var channel = await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url));
        _receiver.FailNext(int.MaxValue);
        await factory.PostFailedRunAsync();

        // Each queue attempt is retried twice in-process; the queue then waits (30 s, 2 min, …) on the fake clock.
        try
        {
            await AlertsTestKit.WaitUntilAsync(async () => (await factory.DeliveriesAsync(channel.Id)).Sum(d => d.Attempts) >= AlertRouting.BrokenAfterFailures,
                "three failed attempts", step: () => factory.Clock.Advance(TimeSpan.FromSeconds(30)));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(string.Join("; ", (await factory.DeliveriesAsync(channel.Id)).Select(d => $"{d.Status} {d.Attempts} {d.NextAttemptAt:O} {d.LastError}"))
                + " now " + factory.Clock.GetUtcNow().ToString("O") + " requests " + _receiver.Requests);
        }
        _receiver.Requests.Should().BeGreaterThanOrEqualTo(AlertRouting.BrokenAfterFailures * 3, "every queue attempt retries twice inside the resilience pipeline");

        await using (var db = factory.CreateDbContext())
        {
            var attempts = await db.Set<AlertDeliveryAttempt>().Where(a => a.ChannelId == channel.Id).ToListAsync();
            attempts.Should().OnlyContain(a => !a.Ok && a.StatusCode == 500 && a.Response!.Contains("down for maintenance"));
            var health = await db.Set<IntegrationHealth>().SingleAsync(i => i.Name == AlertRouting.IntegrationName(channel.Id));
            health.LastReportOk.Should().BeFalse();
            health.LastError.Should().Contain("ops-hook").And.Contain("in a row");
        }

        using var operatorClient = await factory.CreateOperatorClientAsync();
        var report = await (await operatorClient.GetAsync("/api/failures")).ReadJsonAsync();
        report.GetProperty("brokenIntegrations").EnumerateArray().Select(i => i.GetProperty("name").GetString())
            .Should().Contain(AlertRouting.IntegrationName(channel.Id), "a failing alert channel is never a silent failure");

        // The receiver comes back: the queued alert is delivered and the channel reports healthy again.
        _receiver.FailNext(0);
        await AlertsTestKit.WaitUntilAsync(async () => (await factory.DeliveriesAsync(channel.Id)).Any(d => d.Status == AlertDeliveryStatus.Delivered),
            "delivery after recovery", step: () => factory.Clock.Advance(TimeSpan.FromMinutes(1)));
        await using (var db = factory.CreateDbContext())
        {
            (await db.Set<IntegrationHealth>().SingleAsync(i => i.Name == AlertRouting.IntegrationName(channel.Id))).LastReportOk.Should().BeTrue();
            (await db.Set<AlertChannel>().SingleAsync(c => c.Id == channel.Id)).ConsecutiveFailures.Should().Be(0);
        }
    }

    [Fact]
    public async Task QueuedDeliveries_SurviveARestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "oc-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var database = Path.Combine(folder, "restart.db");
        int channelId;
        int runId;
        _receiver.FailNext(int.MaxValue);
        using (var first = AlertsTestKit.Console(database))
        {
            channelId = (await first.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url))).Id;
            runId = (await first.PostFailedRunAsync()).Id;
            await AlertsTestKit.WaitUntilAsync(async () => (await first.DeliveriesAsync(channelId)).Any(d => d.Attempts == 1), "a first failed attempt");
        }

        _receiver.Received.Should().BeEmpty();
        _receiver.FailNext(0);
        using var second = AlertsTestKit.Console(database);
        _ = second.Server; // start the host: the worker picks up what the first run left queued
        await AlertsTestKit.WaitUntilAsync(async () => (await second.DeliveriesAsync(channelId)).Any(d => d.Status == AlertDeliveryStatus.Delivered),
            "the queued delivery after the restart", step: () => second.Clock.Advance(TimeSpan.FromSeconds(30)));
        (await _receiver.WaitForAsync(r => r.Body.Contains($"run:{runId}", StringComparison.Ordinal))).Event.Should().Be("failure.opened");
        (await second.DeliveriesAsync(channelId)).Should().ContainSingle("the restart neither lost nor duplicated the alert");
    }

    [Fact]
    public async Task SlackPreset_SendsTextAndBlocks_WithoutSignature()
    {
        using var factory = AlertsTestKit.Console();
        var channel = await factory.CreateChannelAsync(AlertsTestKit.Webhook(_receiver.Url, "slack", WebhookPreset.Slack) with { SecretName = null });
        using var client = await factory.CreateOperatorClientAsync();
        (await client.PostAsync($"/api/alerts/channels/{channel.Id}/test", null)).StatusCode.Should().Be(System.Net.HttpStatusCode.Created);

        var hook = await _receiver.WaitForAsync(r => r.Event == "channel.test");
        var json = JsonDocument.Parse(hook.Body).RootElement;
        json.GetProperty("text").GetString().Should().Contain("Test alert");
        json.GetProperty("blocks")[0].GetProperty("text").GetProperty("type").GetString().Should().Be("mrkdwn");
        hook.Signature.Should().BeNullOrEmpty();
    }
}
