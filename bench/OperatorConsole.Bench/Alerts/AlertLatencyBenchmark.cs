using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OperatorConsole.Bench.Ingest;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Features.Failures;

namespace OperatorConsole.Bench.Alerts;

/// <summary>
/// Issue 23's line: how long a failure takes to reach somebody who is not looking, against how long it takes to
/// reach somebody who is. Each round POSTs one failed run with the API key over real HTTP; the clock starts just
/// before the POST and stops (a) when a webhook receiver (a second Kestrel on loopback, standing in for Slack)
/// has the alert naming that run, and (b) when a dashboard subscribed to the failures report the way the Failures
/// panel is holds a report that lists the run. The alert path is the console's own: report change → alert rules
/// → delivery queued in the database → delivery worker → signed HTTP POST (with the resilience pipeline).
/// </summary>
public sealed class AlertLatencyBenchmark : IBenchCommand
{
    public string Name => "alerts";

    public string Description => "Alerts: failed-run POST → webhook received (p50/p95) vs → live dashboard holds it, same run";

    public async Task<int> RunAsync(BenchOptions options)
    {
        var rounds = options.Int("rounds", 60);
        var warmup = options.Int("warmup", 5);
        var folder = options.String("dir") ?? Path.Combine(Path.GetTempPath(), "oc-bench-alerts-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        foreach (var f in Directory.GetFiles(folder, "alerts.db*"))
        {
            File.Delete(f);
        }

        await using var receiver = await Receiver.StartAsync();
        await using var host = new BenchHost(Path.Combine(folder, "alerts.db"));
        host.Start();
        using var operatorClient = await host.OperatorClientAsync();
        using var agent = host.AgentClient();
        await CreateChannelAsync(operatorClient, receiver.Url);
        var leads = await LoadGenerator.CreateLeadsAsync(host.BaseUrl, BenchHost.AgentKey, rounds + warmup);

        var cache = host.Services.GetRequiredService<FailuresReportCache>();
        var dashboard = new Dashboard(cache);
        using var subscription = cache.Subscribe(dashboard.OnChangeAsync);
        await dashboard.OnChangeAsync();

        var webhook = new Samples("failed-run POST → webhook receiver has the alert");
        var live = new Samples("failed-run POST → live dashboard holds the run");
        var post = new Samples("the POST itself (201)");
        for (var i = 0; i < rounds + warmup; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var runId = await PostFailedRunAsync(agent, leads[i]);
            var posted = Stopwatch.GetTimestamp();
            var link = FailureLinks.Run(runId);
            var hook = await receiver.WaitForAsync(link, TimeSpan.FromSeconds(30));
            var shown = await dashboard.WaitForAsync(runId, TimeSpan.FromSeconds(30));
            if (i >= warmup)
            {
                post.Add(Stopwatch.GetElapsedTime(started, posted).TotalMilliseconds);
                webhook.Add(Stopwatch.GetElapsedTime(started, hook).TotalMilliseconds);
                live.Add(Stopwatch.GetElapsedTime(started, shown).TotalMilliseconds);
            }

            await Task.Delay(100); // one alert per round: the next failure is a new event, not part of a burst
        }

        Console.WriteLine($"Alert latency: {rounds} failed runs (after {warmup} warm-up rounds), webhook channel on loopback, one dashboard subscribed");
        Console.WriteLine("| measure | samples | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|");
        Console.WriteLine(post.Row());
        Console.WriteLine(live.Row());
        Console.WriteLine(webhook.Row());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Webhook vs live push: p50 {webhook.Median / live.Median:0.0}×, p95 {webhook.P95 / live.P95:0.0}× (webhook requests received: {receiver.Count})"));
        return 0;
    }

    private static async Task CreateChannelAsync(HttpClient operatorClient, string url)
    {
        using var response = await operatorClient.PostAsJsonAsync("/api/alerts/channels", new
        {
            name = "bench-webhook",
            kind = "webhook",
            webhookUrl = url,
            preset = "json",
            buckets = new[] { FailureBucket.FailedRuns.Code() },
            minAgeMinutes = 0,
            minCount = 1,
            sendResolved = false,
            reason = "alert latency benchmark",
        });
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating the channel failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static async Task<int> PostFailedRunAsync(HttpClient agent, int leadId)
    {
        var finished = DateTimeOffset.UtcNow;
        using var response = await agent.PostAsJsonAsync("/api/pipeline-runs", new
        {
            leadId,
            kind = "enrichment",
            startedAt = finished.AddSeconds(-20),
            finishedAt = finished,
            steps = new[] { new { name = "score", success = false, error = "model timeout", durationMs = 20000 } },
        });
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Recording the run failed: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32();
    }

    /// <summary>What the Failures panel does on a change: read the shared report. Remembers when each failed run first appeared.</summary>
    private sealed class Dashboard(FailuresReportCache cache)
    {
        private readonly ConcurrentDictionary<int, long> _firstSeen = new();

        public async Task OnChangeAsync()
        {
            await Task.Yield(); // a circuit re-renders on its own dispatcher, not on the committing thread
            var report = await cache.GetAsync();
            var now = Stopwatch.GetTimestamp();
            foreach (var run in report.FailedRuns)
            {
                _firstSeen.TryAdd(run.RunId, now);
            }
        }

        public async Task<long> WaitForAsync(int runId, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (!_firstSeen.TryGetValue(runId, out _))
            {
                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"The dashboard never showed run {runId}.");
                }

                await Task.Delay(1);
            }

            return _firstSeen[runId];
        }
    }

    /// <summary>A webhook receiver on a free loopback port that notes when each body arrived.</summary>
    private sealed class Receiver : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<(string Body, long At)> _received = new();

        private Receiver(WebApplication app) => _app = app;

        public string Url { get; private set; } = "";

        public int Count => _received.Count;

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var receiver = new Receiver(app);
            app.MapPost("/hook", async (HttpContext http) =>
            {
                using var reader = new StreamReader(http.Request.Body);
                var body = await reader.ReadToEndAsync();
                receiver._received.Enqueue((body, Stopwatch.GetTimestamp()));
                return Results.Text("ok");
            });
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            receiver.Url = address.TrimEnd('/') + "/hook";
            return receiver;
        }

        public async Task<long> WaitForAsync(string link, TimeSpan timeout)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
            while (true)
            {
                foreach (var (body, at) in _received)
                {
                    if (body.Contains(link + "\"", StringComparison.Ordinal))
                    {
                        return at;
                    }
                }

                if (Stopwatch.GetTimestamp() > deadline)
                {
                    throw new TimeoutException($"No webhook named {link} within {timeout.TotalSeconds:0} s ({_received.Count} received).");
                }

                await Task.Delay(1);
            }
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}
