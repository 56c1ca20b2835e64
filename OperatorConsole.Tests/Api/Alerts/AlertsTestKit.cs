using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Runs;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Alerts;

namespace OperatorConsole.Tests.Api.Alerts;

/// <summary>Arranging alert scenarios: a console wired to a local receiver and SMTP server, channels, failures.</summary>
internal static class AlertsTestKit
{
    public const string Secret = "test-signing-secret-0123456789";

    public static ConsoleFactory Console(string? databasePath = null, int? smtpPort = null)
    {
        var factory = new ConsoleFactory();
        factory.Settings["Alerts:Secrets:hook"] = Secret;
        factory.Settings["Alerts:ConsoleUrl"] = "https://console.agency.test";
        if (smtpPort is { } port)
        {
            factory.Settings["Alerts:Smtp:Host"] = "127.0.0.1";
            factory.Settings["Alerts:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            factory.Settings["Alerts:Smtp:Security"] = "None";
            factory.Settings["Alerts:Smtp:From"] = "Console <alerts@agency.test>";
        }

        if (databasePath is not null)
        {
            factory.Settings["ConnectionStrings:OperatorConsole"] = $"Data Source={databasePath}";
        }

        return factory;
    }

    public static AlertChannelRequest Webhook(string url, string name = "ops-hook", WebhookPreset preset = WebhookPreset.Json, IReadOnlyList<string>? buckets = null) =>
        new(name, AlertChannelKind.Webhook, WebhookUrl: url, Preset: preset, SecretName: "hook", Buckets: buckets);

    public static async Task<AlertChannelView> CreateChannelAsync(this ConsoleFactory factory, AlertChannelRequest request)
    {
        using var client = await factory.CreateOperatorClientAsync();
        var response = await client.PostJsonAsync("/api/alerts/channels", request);
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<AlertChannelView>();
    }

    public static async Task<RunView> PostFailedRunAsync(this ConsoleFactory factory, string kind = "enrich", string error = "timeout from the enrichment API")
    {
        using var agent = factory.CreateAgentClient();
        var response = await agent.PostJsonAsync("/api/pipeline-runs", new RecordRunRequest(
            null, kind, factory.Clock.GetUtcNow().UtcDateTime, factory.Clock.GetUtcNow().UtcDateTime, [new RecordRunStep("call", false, error)]));
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<RunView>();
    }

    public static async Task HeartbeatAsync(this ConsoleFactory factory, string name, bool ok, string? message = null)
    {
        using var agent = factory.CreateAgentClient();
        var response = await agent.PostJsonAsync($"/api/integrations/{name}/heartbeat", new { ok, message });
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs the rules once now (the engine also runs by itself; evaluations never overlap).</summary>
    public static Task<int> EvaluateAsync(this ConsoleFactory factory) => factory.Services.GetRequiredService<AlertEngine>().EvaluateOnceAsync();

    public static async Task<List<AlertDelivery>> DeliveriesAsync(this ConsoleFactory factory, int channelId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<AlertDelivery>().AsNoTracking().Where(d => d.ChannelId == channelId).OrderBy(d => d.Id).ToListAsync();
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, Action? step = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < until)
        {
            if (await condition())
            {
                return;
            }

            step?.Invoke();
            await Task.Delay(50);
        }

        throw new TimeoutException("Timed out waiting for: " + what);
    }
}
