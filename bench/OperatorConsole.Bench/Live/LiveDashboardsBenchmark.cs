using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Bench.Ingest;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Live;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Web.Features.Failures;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Bench.Live;

/// <summary>
/// 200 dashboards subscribed while ingest runs: the service-level equivalent of circuits. Each subscribes to
/// ConsoleEvents the way LiveComponentBase does (same topics, at most one reload at a time, bursts coalesced into
/// one more) and re-loads what a screen shows: half the Failures report (through the shared cache, as the panel
/// does), half the Command Center's recent runs. Push latency = from the commit (the moment the change is
/// published, inside SaveChanges) to the end of the reload that includes it, per subscriber and reload.
/// Memory per dashboard = managed heap after a full GC with the 200 subscribed, minus before, / 200.
/// The console runs in this process (the subscriptions must live in the server), on real Kestrel.
/// </summary>
public sealed class LiveDashboardsBenchmark : IBenchCommand
{
    [ThreadStatic]
    private static long _commitTimestamp;

    public string Name => "live";

    public string Description => "Live: 200 subscribed dashboards re-loading while 32 workers ingest; push latency p95, memory per dashboard";

    public async Task<int> RunAsync(BenchOptions options)
    {
        var dashboards = options.Int("dashboards", 200);
        var workers = options.Int("workers", 32);
        var duration = TimeSpan.FromSeconds(options.Int("duration", 60));
        var folder = options.String("dir") ?? Path.Combine(Path.GetTempPath(), "oc-bench-live-" + Environment.ProcessId);
        Directory.CreateDirectory(folder);
        var databasePath = Path.Combine(folder, "live.db");
        foreach (var f in Directory.GetFiles(folder, "live.db*"))
        {
            File.Delete(f);
        }

        await using var host = new BenchHost(databasePath);
        host.Start();
        var leads = await LoadGenerator.CreateLeadsAsync(host.BaseUrl, BenchHost.AgentKey, workers);
        var events = host.Services.GetRequiredService<ConsoleEvents>();
        var cache = host.Services.GetRequiredService<FailuresReportCache>();
        var dbFactory = host.Services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>();

        // Subscribed first, so within one synchronous delivery it runs before every dashboard: it stamps the
        // commit time the dashboards read (deliveries are synchronous on the committing thread in-process).
        using var probe = events.Subscribe([], _ =>
        {
            _commitTimestamp = Stopwatch.GetTimestamp();
            return Task.CompletedTask;
        });

        var latency = new Samples("push latency (commit → reload done)");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var list = new List<Dashboard>();
        for (var i = 0; i < dashboards; i++)
        {
            Func<Task<object>> load = i % 2 == 0
                ? async () => await cache.GetAsync()
                : async () =>
                {
                    await using var db = await dbFactory.CreateDbContextAsync();
                    return await db.Set<PipelineRun>().AsNoTracking().OrderByDescending(r => r.Id).Take(20).ToListAsync();
                };
            var dashboard = new Dashboard(load, latency);
            await dashboard.StartAsync(events, i % 2 == 0 ? cache.Topics : [nameof(PipelineRun)]);
            list.Add(dashboard);
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        var perDashboard = (after - before) / (double)dashboards;

        var ingest = await LoadGenerator.RunAsync("ingest with dashboards", host.BaseUrl, BenchHost.AgentKey, leads, workers, duration, expectConsoleAnswers: true);
        await Task.Delay(2000); // let the last reloads finish
        var reloads = list.Sum(d => d.Reloads);
        foreach (var d in list)
        {
            d.Dispose();
        }

        Console.WriteLine(LoadResult.Header);
        LoadGenerator.Print(ingest);
        Console.WriteLine();
        Console.WriteLine("| measure | samples | p50 ms | p95 ms | max ms |\n|---|---|---|---|---|");
        Console.WriteLine(latency.Row());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Dashboards: {dashboards}, reloads: {reloads} ({reloads / ingest.Seconds:0}/s), managed heap for {dashboards} subscribed dashboards: {(after - before) / 1024.0:0} KB = {perDashboard / 1024.0:0.0} KB per dashboard"));
        Console.WriteLine($"Target push p95 ≤ 500 ms: {(latency.P95 <= 500 ? "met" : "NOT met")}");
        return 0;
    }

    /// <summary>What LiveComponentBase does, minus rendering: one reload at a time, changes during it cause exactly one more.</summary>
    private sealed class Dashboard(Func<Task<object>> load, Samples latency) : IDisposable
    {
        private IDisposable? _subscription;
        private int _pending;
        private long _oldestCommit;
        private object? _data;

        public int Reloads;

        public async Task StartAsync(ConsoleEvents events, IReadOnlyCollection<string> topics)
        {
            _data = await load();
            _subscription = events.Subscribe(topics, OnChangesAsync);
        }

        private Task OnChangesAsync(IReadOnlyList<ConsoleChange> changes)
        {
            var commit = _commitTimestamp != 0 ? _commitTimestamp : Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref _oldestCommit, commit, 0);
            return Interlocked.Increment(ref _pending) > 1 ? Task.CompletedTask : LoopAsync();
        }

        private async Task LoopAsync()
        {
            while (true)
            {
                var seen = Volatile.Read(ref _pending);
                var oldest = Interlocked.Exchange(ref _oldestCommit, 0);
                await Task.Yield(); // a circuit re-renders on its own dispatcher, not on the committing thread
                _data = await load();
                Interlocked.Increment(ref Reloads);
                if (oldest != 0)
                {
                    latency.Add(Samples.Since(oldest));
                }

                if (Interlocked.CompareExchange(ref _pending, 0, seen) == seen)
                {
                    return;
                }
            }
        }

        public void Dispose()
        {
            _subscription?.Dispose();
            GC.KeepAlive(_data);
        }
    }
}
