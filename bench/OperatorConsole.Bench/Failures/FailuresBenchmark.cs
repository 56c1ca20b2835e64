using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Features.Failures;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Bench.Failures;

/// <summary>
/// GET /api/failures end to end over HTTP (steady state from the shared cache, and cold: recomputed for every
/// request), the same report's SQL replayed with bare ADO.NET (the floor), and the push latency from a failed-run
/// POST to 100 subscribers that each re-load the report.
/// </summary>
public sealed class FailuresBenchmark : IBenchCommand
{
    public string Name => "failures";

    public string Description => "Failures report: HTTP p50/p95 vs raw SQL floor, and push latency to 100 subscribers";

    public async Task<int> RunAsync(BenchOptions options)
    {
        var folder = options.String("dir") ?? Path.Combine(Path.GetTempPath(), "oc-bench-failures-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var databasePath = Path.Combine(folder, "bench.db");
        var connectionString = $"Data Source={databasePath}";
        var requests = options.Int("requests", 200);
        var coldRequests = options.Int("cold-requests", 50);
        var subscribers = options.Int("subscribers", 100);
        var rounds = options.Int("push-rounds", 30);
        // Enough recomputations for tiered JIT to have promoted the report's per-row code to optimised code.
        var warmups = options.Int("warmups", 100);
        var dataset = FailuresDataset.FromOptions(options);

        Console.WriteLine($"Machine: {BenchMachine.Describe()}");
        Console.WriteLine($"Database: {databasePath}");

        await using var host = new BenchHost(databasePath);
        var startup = Stopwatch.StartNew();
        host.Start();
        Console.WriteLine($"Console started on {host.BaseUrl} (migrations, operator, key) in {startup.ElapsedMilliseconds} ms");

        var now = DateTime.UtcNow;
        var load = Stopwatch.StartNew();
        var reuse = options.String("reuse") is not null && await HasDataAsync(connectionString);
        if (!reuse)
        {
            await dataset.WriteAsync(connectionString, now, options.String("maven"));
        }

        Console.WriteLine($"Dataset written in {load.ElapsedMilliseconds} ms: {string.Join(", ", dataset.Written.Select(w => $"{w.Value:N0} {w.Key}"))}");

        var cache = host.Services.GetRequiredService<FailuresReportCache>();
        cache.Invalidate();
        using var client = await host.OperatorClientAsync();
        var body = await WarmUpAsync(client, cache, warmups, options.String("save-report"));
        var (warm, cold) = await MeasureHttpAsync(client, cache, requests, coldRequests);
        var inServer = await MeasureInServerAsync(host, cache, coldRequests);
        var service = await MeasureServiceAndFloorAsync(host, connectionString, coldRequests, options.String("explain") is not null);

        // (b') the same two measured in alternation: a cold request, then the floor (the order flips every pair), so
        // whatever else the machine does falls on both alike; separate phases had floors 34-57 ms apart run to run.
        var (pairedCold, pairedFloor, pairRatios) = await MeasurePairsAsync(client, cache, connectionString, service.Statements, coldRequests);

        // (c) push: a failed run POSTed with the API key; 100 subscribers of the console's event stream each
        // re-load the report (what a circuit does before it re-renders). Latency = POST sent → subscriber holds
        // a report that contains the new run.
        var push = await MeasurePushAsync(host, cache, subscribers, rounds, now);

        var report = new StringBuilder();
        report.AppendLine("| measurement | n | median ms | p95 ms | max ms |");
        report.AppendLine("|---|---|---|---|---|");
        foreach (var s in new[] { warm, cold, inServer.Cache, inServer.Host, service.Service, service.Serialise, service.Floor, pairedCold, pairedFloor, push.Samples })
        {
            report.AppendLine(s.Row());
        }

        var floor = service.Floor;
        report.AppendLine();
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- Floor rows read per report: {service.Rows:N0}; report JSON {Encoding.UTF8.GetByteCount(body):N0} bytes."));
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- Endpoint / floor (p95): steady state {warm.P95 / floor.P95:0.00}×, cold {cold.P95 / floor.P95:0.00}×; (median: {warm.Median / floor.Median:0.00}×, {cold.Median / floor.Median:0.00}×)."));
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"- Cold / floor measured in alternation ({pairRatios.Count} pairs): p95 {pairedCold.P95 / pairedFloor.P95:0.00}×, median {pairedCold.Median / pairedFloor.Median:0.00}×; per pair: median {pairRatios.Median:0.00}×, p95 {pairRatios.P95:0.00}×."));
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- Push: {subscribers} subscribers × {rounds} failed runs; report computations during the push phase: {push.Computations} ({push.Computations / (double)rounds:0.0} per POST; without sharing it would be {subscribers} per POST); stale deliveries: {push.Stale}."));
        report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- Targets: HTTP p95 ≤ 50 ms (steady {Verdict(warm.P95 <= 50)}, cold {Verdict(cold.P95 <= 50)}); endpoint ≤ 3× floor (steady {Verdict(warm.P95 <= 3 * floor.P95)}, cold {Verdict(cold.P95 <= 3 * floor.P95)}); push p95 ≤ 250 ms ({Verdict(push.Samples.P95 <= 250)})."));
        Console.WriteLine();
        Console.WriteLine(report.ToString());

        if (options.String("keep") is null && options.String("dir") is null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TryDelete(folder);
        }

        return 0;
    }

    /// <summary>Warm-up: JIT, EF query compilation, connection pool, SQLite page cache; the last report's JSON.</summary>
    private static async Task<string> WarmUpAsync(HttpClient client, FailuresReportCache cache, int warmups, string? savePath)
    {
        var body = "";
        for (var i = 0; i < warmups; i++)
        {
            cache.Invalidate();
            body = await client.GetStringAsync("/api/failures");
        }

        if (savePath is not null)
        {
            await File.WriteAllTextAsync(savePath, body);
        }

        using var doc = JsonDocument.Parse(body);
        Console.WriteLine($"Report: {Encoding.UTF8.GetByteCount(body):N0} bytes, counts {doc.RootElement.GetProperty("counts").GetRawText()}, " +
            $"lastRunStatusByLead {doc.RootElement.GetProperty("lastRunStatusByLead").GetArrayLength():N0} rows");
        return body;
    }

    /// <summary>
    /// (a) steady state: every open dashboard and API caller between changes is served from the shared report; (a')
    /// cold: the first request after a change pays the whole computation.
    /// </summary>
    private static async Task<(Samples Warm, Samples Cold)> MeasureHttpAsync(HttpClient client, FailuresReportCache cache, int requests, int coldRequests)
    {
        var warm = new Samples("GET /api/failures over HTTP, steady state (shared report)");
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await ReadFullyAsync(client, "/api/failures");
            warm.Add(Samples.Since(start));
        }

        var cold = new Samples("GET /api/failures over HTTP, cold (recomputed each request)");
        var computationsBefore = cache.Computations;
        var cost = ProcessCost.Now();
        for (var i = 0; i < coldRequests; i++)
        {
            cache.Invalidate();
            var start = Stopwatch.GetTimestamp();
            await ReadFullyAsync(client, "/api/failures");
            cold.Add(Samples.Since(start));
        }

        Console.WriteLine($"Computations per cold HTTP request: {(cache.Computations - computationsBefore) / (double)coldRequests:0.00}; {cost.PerItem(coldRequests, "request")}");
        return (warm, cold);
    }

    /// <summary>The same recomputation through the console's own services (its pooled contexts and interceptors), no HTTP.</summary>
    private static async Task<(Samples Host, Samples Cache)> MeasureInServerAsync(BenchHost host, FailuresReportCache cache, int coldRequests)
    {
        var hostService = host.Services.GetRequiredService<FailuresService>();
        var hostSamples = new Samples("The console's FailuresService, in the server (no HTTP)");
        for (var i = 0; i < coldRequests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await hostService.GetReportAsync();
            hostSamples.Add(Samples.Since(start));
        }

        var jsonOptions = JsonOptions(host);
        var cacheSamples = new Samples("FailuresReportCache after a change: recompute + JSON (no HTTP)");
        var computationsBefore = cache.Computations;
        var cost = ProcessCost.Now();
        for (var i = 0; i < coldRequests; i++)
        {
            cache.Invalidate();
            var start = Stopwatch.GetTimestamp();
            await cache.GetFirstPageJsonAsync(OperatorConsole.Domain.Clock.ClockMode.Data, false, OperatorConsole.Domain.Failures.FailurePaging.DefaultLimit, jsonOptions);
            cacheSamples.Add(Samples.Since(start));
        }

        Console.WriteLine($"Computations per cold cache read: {(cache.Computations - computationsBefore) / (double)coldRequests:0.00}; {cost.PerItem(coldRequests, "read")}");
        return (hostSamples, cacheSamples);
    }

    private sealed record ServiceAndFloor(Samples Service, Samples Serialise, Samples Floor, List<SqlCapture.Statement> Statements, int Rows);

    /// <summary>
    /// The service alone (EF queries + materialisation + rules, every feature's intervention and low-confidence source
    /// as the console registers them), no HTTP; the report's JSON; and (b) the floor: the exact statements of one
    /// report, captured from the service and replayed with bare ADO.NET, every value read.
    /// </summary>
    private static async Task<ServiceAndFloor> MeasureServiceAndFloorAsync(BenchHost host, string connectionString, int coldRequests, bool explain)
    {
        var capture = new SqlCapture();
        var captureFactory = new CapturingContextFactory(connectionString, capture);
        await using var traced = ReportServices(connectionString, captureFactory, explain);
        var service = traced.GetRequiredService<FailuresService>();
        for (var i = 0; i < 5; i++)
        {
            await service.GetReportAsync();
        }

        var serviceSamples = new Samples("FailuresService.GetReportAsync (EF + every source, no HTTP)");
        FailuresReport computed = null!;
        for (var i = 0; i < coldRequests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            computed = await service.GetReportAsync();
            serviceSamples.Add(Samples.Since(start));
        }

        // Serialising the report the way the endpoint does (its JSON options), once per computation.
        var jsonOptions = JsonOptions(host);
        var serialise = new Samples("Serialising the report to JSON (System.Text.Json, endpoint options)");
        for (var i = 0; i < coldRequests + 5; i++)
        {
            var start = Stopwatch.GetTimestamp();
            JsonSerializer.SerializeToUtf8Bytes(computed.View(false), jsonOptions);
            if (i >= 5)
            {
                serialise.Add(Samples.Since(start));
            }
        }

        capture.Recording = true;
        await service.GetReportAsync();
        capture.Recording = false;
        var statements = capture.Statements.ToList();
        if (explain)
        {
            await SqlExplain.PrintAsync(connectionString, statements);
        }

        for (var i = 0; i < 5; i++)
        {
            await SqlCapture.ReplayAsync(connectionString, statements);
        }

        var floor = new Samples($"Raw SQL floor ({statements.Count} statements, ADO.NET)");
        var rows = 0;
        for (var i = 0; i < coldRequests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            rows = await SqlCapture.ReplayAsync(connectionString, statements);
            floor.Add(Samples.Since(start));
        }

        return new ServiceAndFloor(serviceSamples, serialise, floor, statements, rows);
    }

    /// <summary>The endpoint's serializer options; read once before a timed loop, so no service lookup is timed.</summary>
    private static JsonSerializerOptions JsonOptions(BenchHost host) =>
        host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;

    internal static async Task<bool> HasDataAsync(string connectionString)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Lead";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) > 0;
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    /// <summary>
    /// Cold HTTP requests and floor replays in alternation (cold first in even pairs, floor first in odd ones), with
    /// each pair's ratio; the ratio of the two under the same conditions, which separate phases cannot give.
    /// </summary>
    private static async Task<(Samples Cold, Samples Floor, Samples Ratios)> MeasurePairsAsync(
        HttpClient client, FailuresReportCache cache, string connectionString, IReadOnlyList<SqlCapture.Statement> statements, int pairs)
    {
        var cold = new Samples("Cold HTTP, in alternation with the floor");
        var floor = new Samples("Raw SQL floor, in alternation with cold HTTP");
        var ratios = new Samples("cold / floor per pair");
        for (var i = 0; i < pairs; i++)
        {
            double c = 0, f = 0;
            for (var step = 0; step < 2; step++)
            {
                var coldNow = (step == 0) == (i % 2 == 0);
                if (coldNow)
                {
                    cache.Invalidate();
                }

                var start = Stopwatch.GetTimestamp();
                if (coldNow)
                {
                    await ReadFullyAsync(client, "/api/failures");
                    c = Samples.Since(start);
                }
                else
                {
                    await SqlCapture.ReplayAsync(connectionString, statements);
                    f = Samples.Since(start);
                }
            }

            cold.Add(c);
            floor.Add(f);
            ratios.Add(c / f);
        }

        return (cold, floor, ratios);
    }

    private static async Task<(Samples Samples, long Computations, int Stale)> MeasurePushAsync(
        BenchHost host, FailuresReportCache cache, int subscribers, int rounds, DateTime now)
    {
        _ = host.Services.GetRequiredService<ConsoleEvents>();
        var samples = new Samples($"Push: failed-run POST → {subscribers} subscribers re-loaded the report");
        var stale = 0;
        string? expectedKind = null;
        long roundStart = 0;
        var done = new bool[subscribers];
        var remaining = 0;
        TaskCompletionSource? allDone = null;
        var gate = new Lock();

        var subscriptions = new List<IDisposable>();
        for (var s = 0; s < subscribers; s++)
        {
            var index = s;
            // Subscribed the way a Command Center circuit is: watching the report's live query.
            subscriptions.Add(host.Services.GetRequiredService<LiveQueries>().Watch(cache.Query, async _ =>
            {
                var report = await cache.GetAsync();
                var elapsed = Samples.Since(roundStart);
                lock (gate)
                {
                    if (expectedKind is null || done[index])
                    {
                        return;
                    }

                    if (!report.FailedRuns.Any(r => r.Kind == expectedKind))
                    {
                        // An earlier event of the same POST (the run is saved before the lead is updated); the next
                        // one brings the run. Counted only if no later delivery catches up (see below).
                        return;
                    }

                    done[index] = true;
                    samples.Add(elapsed);
                    if (--remaining == 0)
                    {
                        allDone!.TrySetResult();
                    }
                }
            }));
        }

        using var agent = host.AgentClient();
        var computationsBefore = cache.Computations;
        for (var round = 0; round < rounds; round++)
        {
            lock (gate)
            {
                expectedKind = "bench-push-" + round.ToString(CultureInfo.InvariantCulture);
                Array.Clear(done);
                remaining = subscribers;
                allDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            var startedAt = DateTime.UtcNow.AddSeconds(-30);
            var json = JsonSerializer.Serialize(new
            {
                leadId = 1 + round,
                kind = expectedKind,
                startedAt,
                finishedAt = startedAt.AddSeconds(20),
                steps = new[] { new { name = "fetch", success = false, error = "bench: upstream 503" } },
            });
            roundStart = Stopwatch.GetTimestamp();
            var response = await agent.PostAsync("/api/pipeline-runs", new StringContent(json, Encoding.UTF8, "application/json"));
            response.EnsureSuccessStatusCode();
            var finished = await Task.WhenAny(allDone!.Task, Task.Delay(5000));
            if (finished != allDone.Task)
            {
                lock (gate)
                {
                    stale += remaining;
                    expectedKind = null;
                }
            }

            await Task.Delay(200);
        }

        var computations = cache.Computations - computationsBefore;
        foreach (var subscription in subscriptions)
        {
            subscription.Dispose();
        }

        return (samples, computations, stale);
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder; harmless.
        }
    }

    /// <summary>
    /// The report service wired as the console wires it (every feature's sources), on a context factory that
    /// captures SQL. With <paramref name="debug"/>, the service logs its per-bucket timings.
    /// </summary>
    private static ServiceProvider ReportServices(string connectionString, CapturingContextFactory factory, bool debug)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:OperatorConsole"] = connectionString })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            if (debug)
            {
                b.AddSimpleConsole().SetMinimumLevel(LogLevel.Debug).AddFilter("Microsoft", LogLevel.Warning);
            }
        });
        services.AddData(configuration);
        services.AddSingleton<Microsoft.EntityFrameworkCore.IDbContextFactory<OperatorConsole.Data.Infrastructure.ConsoleDbContext>>(factory);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Reads the whole body through a small pooled buffer and discards it. The client shares this process (and
    /// its garbage collector) with the server, so buffering 4 MB and decoding an 8 MB string per request, as
    /// GetStringAsync does, would charge the client's collections to the server's latency.
    /// </summary>
    private static async Task ReadFullyAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(Stream.Null);
    }
}
