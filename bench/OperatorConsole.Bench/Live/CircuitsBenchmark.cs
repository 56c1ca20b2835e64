using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using OperatorConsole.Bench.Failures;

namespace OperatorConsole.Bench.Live;

/// <summary>
/// Real Blazor circuits, not their service-level stand-ins: N Chromium pages each hold the Command Center open
/// (one circuit each, every live card subscribed). Measures the server's memory per circuit, and the push latency
/// from a failed-run POST (API key) to the moment each browser shows the new Failures total — server computation,
/// every circuit's re-render, the SignalR hop and the browser's DOM update included. Then the same tabs on a page
/// where only the badge changes: the floor that the browsers sharing these cores set, measured in the same run.
/// </summary>
public sealed class CircuitsBenchmark : IBenchCommand
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        // Many tabs in one window: without these, Chromium delays work in hidden tabs, which would be measured
        // as server latency.
        "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
    ];

    public string Name => "circuits";

    public string Description => "Real Blazor circuits in Chromium: server memory per circuit, push latency POST → every browser shows it";

    public async Task<int> RunAsync(BenchOptions options)
    {
        var run = new Run(options);
        Console.WriteLine($"Machine: {BenchMachine.Describe()}");
        // --server-process PUBLISHED_DLL: the console in its own process, so its CPU is measured without this process's Playwright
        // client (which parses every tab's protocol traffic); the managed heap and the console's meters are then not
        // readable from here.
        await using var host = await CircuitsServer.StartAsync(run.DatabasePath, options.String("server-process"));
        await run.EnsureDatasetAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchChromiumAsync(playwright, options);
        var context = await run.OpenContextAsync(browser, host);
        var memory = await run.OpenPagesAsync(context, host);
        var idle = await run.MeasureIdleAsync(context, host);
        using var meters = ServerMeters.Start();
        using var agent = host.AgentClient();
        var push = await run.MeasurePushAsync(browser, host, agent, idle.Probe, meters);

        // The floor, in the same run: the same tabs on a page where a failed run changes only the app bar's badge.
        // What the Command Center costs beyond it is the cards; what the floor costs is 100 browsers sharing the cores.
        var baselinePath = options.String("baseline-path") ?? "/not-found";
        var baseline = baselinePath == "none"
            ? null
            : await MeasureBaselineAsync(run.Pages, host, agent, baselinePath, options.Int("baseline-warmup-rounds", 10), run.Rounds, run.Warmups + run.Rounds, run.Settle);
        run.Print(host, memory, idle, push, meters, baseline, baselinePath);
        await context.CloseAsync();
        return push.Samples.Missed == 0 ? 0 : 1;
    }

    /// <summary>One run's settings (from the options), its open pages, and each of its phases.</summary>
    private sealed class Run(BenchOptions options)
    {

        public int Circuits { get; } = options.Int("circuits", 100);

        public int Rounds { get; } = options.Int("rounds", 10);

        // Methods are optimised (tier 1) after 30 calls, and a change's path runs once per change: with 2 warm-up rounds the
        // measured changes ran unoptimised code (0.44 s of console CPU per change vs 0.31 s after 40, same code; ADR 196).
        public int Warmups { get; } = options.Int("warmup-rounds", 40);

        public TimeSpan Settle { get; } = TimeSpan.FromMilliseconds(options.Int("settle-ms", 3000));

        public string PagePath { get; } = options.String("path") ?? "/";

        public List<IPage> Pages { get; } = [];

        public SocketFrames? Frames { get; private set; }

        /// <summary>The bench database in <c>--dir</c> (or a folder of this process's own), the folder created once.</summary>
        public string DatabasePath { get; } = DatabaseIn(options.String("dir") ?? Path.Combine(Path.GetTempPath(), "oc-bench-circuits-" + Environment.ProcessId));

        private string ConnectionString => $"Data Source={DatabasePath}";

        private static string DatabaseIn(string folder)
        {
            Directory.CreateDirectory(folder);
            return Path.Combine(folder, "bench.db");
        }

        public async Task EnsureDatasetAsync()
        {
            if (options.String("reuse") is null || !await FailuresBenchmark.HasDataAsync(ConnectionString))
            {
                // The failures benchmark's dataset (10,000 leads …), so each Command Center holds a realistic report.
                var dataset = FailuresDataset.FromOptions(options);
                await dataset.WriteAsync(ConnectionString, DateTime.UtcNow, options.String("maven"));
                Console.WriteLine($"Dataset: {string.Join(", ", dataset.Written.Select(w => $"{w.Value:N0} {w.Key}"))}");
            }
        }

        /// <summary>The browser context every tab opens in, signed in once (its cookie serves every later page).</summary>
        public async Task<IBrowserContext> OpenContextAsync(IBrowser browser, CircuitsServer host)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl });
            if (options.String("css") is { } css)
            {
                // --css RULES: a what-if for the browser's share (e.g. no shadows), added to every page before its own styles
                // load; diagnosis only, the console ships without it.
                await context.AddInitScriptAsync($"document.addEventListener('DOMContentLoaded', () => {{ const s = document.createElement('style'); s.textContent = {JsonSerializer.Serialize(css)}; document.head.appendChild(s); }});");
            }

            context.SetDefaultTimeout(120_000);
            var first = await context.NewPageAsync();
            await SignInAsync(first);
            await WaitForTotalAsync(first);
            await first.CloseAsync();
            return context;
        }

        /// <summary>Opens the tabs, one circuit each, reading the managed heap before, half-way and after.</summary>
        public async Task<CircuitMemory> OpenPagesAsync(IBrowserContext context, CircuitsServer host)
        {
            // Memory: managed heap after full collections, before and after the circuits are open and loaded.
            var heapBefore = host.SettledHeap();
            var workingSetBefore = host.WorkingSet;
            var open = Stopwatch.StartNew();
            long? heapHalf = null;
            for (var i = 0; i < Circuits; i++)
            {
                if (i == Circuits / 2 && Circuits >= 10)
                {
                    // Half-way: the slope from here to the end is what one more open screen costs, without the one-off
                    // growth of the first ones (pools, caches, the first render of each component type).
                    await Task.Delay(3000);
                    heapHalf = host.SettledHeap();
                    await HoldAsync(options, "half", host);
                }

                var page = await context.NewPageAsync();
                Frames ??= options.String("frames") is null ? null : SocketFrames.Attach(page);
                await page.GotoAsync(PagePath);
                await WaitForTotalAsync(page);
                Pages.Add(page);
            }

            Console.WriteLine($"{Circuits} pages of {PagePath} open and live in {open.Elapsed.TotalSeconds:0.0} s");
            await Task.Delay(3000);
            var heapAfter = host.SettledHeap();
            await HoldAsync(options, "all", host);
            return new CircuitMemory(Circuits, heapBefore, heapHalf, heapAfter, workingSetBefore, host.WorkingSet);
        }

        /// <summary>
        /// Idle: the same window with nothing changed, so what a change costs can be told from what open pages cost
        /// anyway (timers, animations, SignalR keep-alives).
        /// </summary>
        public async Task<IdleCost> MeasureIdleAsync(IBrowserContext context, CircuitsServer host)
        {
            // One page's own renderer, through the DevTools protocol: what one tab does per change (script, style, layout),
            // so the browser's share can be told apart from the number of tabs sharing the cores.
            var probe = await BrowserWorkProbe.StartAsync(context, Pages[0]);
            var idleProbe = await BrowserWorkProbe.StartAsync(context, Pages[0]);
            var idleProbeBefore = await idleProbe.ReadAsync();
            // Chromium's CPU is read from /proc (≈ 10 ms of this process for 200 processes) outside the server's window.
            var browserBefore = BrowserCpu();
            var selfBefore = host.Cpu;
            await Task.Delay(Settle);
            var self = host.Cpu - selfBefore;
            var browser = BrowserCpu() - browserBefore;
            idleProbe.Add(idleProbeBefore, await idleProbe.ReadAsync());
            return new IdleCost(probe, idleProbe, self, browser);
        }

        /// <summary>
        /// The warm-up changes, a steady idle window, then the measured ones: a failed-run POST each, every tab's stamp of
        /// when it showed it, and the CPU of the console, Chromium and the harness in the settle after each.
        /// </summary>
        public async Task<PushRun> MeasurePushAsync(IBrowser browser, CircuitsServer host, HttpClient agent, BrowserWorkProbe probe, ServerMeters meters)
        {
            // Push: each page records (wall clock, ms) when its Failures total changes; the POST is stamped just before
            // it is sent. Browser and bench share this machine's clock.
            var result = new PushRun(new PushSamples($"Push: failed-run POST → {Circuits} browsers show the new Failures total ({PagePath})"));
            var trace = options.String("trace");
            ChromiumTrace? tracer = null;
            var mutations = options.String("mutations") is not null;
            for (var round = -Warmups; round < Rounds; round++)
            {
                if (round == 0)
                {
                    await MeasureSteadyIdleAsync(host, result);
                    // The cue to attach a profiler to this process (dotnet-trace -p) for the measured changes only.
                    Console.WriteLine($"Measuring {Rounds} changes now (process {host.ProcessId})");
                    if (trace is not null)
                    {
                        // --trace FILE: Chromium's own trace of the measured rounds (open it in chrome://tracing or Perfetto),
                        // to see what a tab does with a change beyond the DevTools counters.
                        tracer = await ChromiumTrace.StartAsync(browser);
                    }
                }

                await MeasureRoundAsync(round, host, agent, probe, meters, result, mutations && round == 0);
            }

            if (tracer is not null)
            {
                await tracer.StopAsync(trace!);
                Console.WriteLine($"Chromium trace of the {Rounds} measured changes in {trace} (times include the tracer's own overhead); per change: {tracer.Summary(Rounds)}");
            }

            return result;
        }

        /// <summary>
        /// Idle after the warm-up, over one max-age period of the shared answers (30 s): what the open screens cost with
        /// nothing written (the answers that depend on time are recomputed anyway), to tell from what a change costs.
        /// The idle window after the pages opened is taken while the JIT is still busy.
        /// </summary>
        private async Task MeasureSteadyIdleAsync(CircuitsServer host, PushRun result)
        {
            var window = TimeSpan.FromMilliseconds(options.Int("idle-ms", 30_000));
            var before = host.Cpu;
            var browserBefore = BrowserCpu();
            await Task.Delay(window);
            result.IdleWindow = window;
            result.IdleSteady = (host.Cpu - before) * (Settle / window);
            result.IdleSteadyBrowser = (BrowserCpu() - browserBefore) * (Settle / window);
        }

        /// <summary>One change: rounds below zero warm up (JIT of the push path) and are not recorded.</summary>
        private async Task MeasureRoundAsync(int round, CircuitsServer host, HttpClient agent, BrowserWorkProbe probe, ServerMeters meters, PushRun result, bool mutations)
        {
            var measured = round >= 0;
            var urgentBefore = await ServerUrgentAsync(Pages[0]);
            await Task.WhenAll(Pages.Select(p => p.EvaluateAsync(WatchScript)));
            if (mutations)
            {
                await Pages[0].EvaluateAsync(MutationsScript);
            }

            if (round == 0)
            {
                Frames?.Mark();
            }

            meters.Recording = measured;
            var probeBefore = await probe.ReadAsync();
            var sentWallMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var browserBefore = CpuByProcessType();
            var selfBefore = host.Cpu;
            var driverBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var wallBefore = Stopwatch.GetTimestamp();
            await PostFailedRunAsync(agent, round + Warmups);

            // The pages stamp the change themselves; asking them only after a quiet wait keeps the bench's own
            // round trips to 100 browsers out of the measured window.
            await Task.Delay(Settle);
            if (measured)
            {
                result.AddCpu(host.Cpu - selfBefore, Process.GetCurrentProcess().TotalProcessorTime - driverBefore, browserBefore, CpuByProcessType(), Stopwatch.GetElapsedTime(wallBefore));
                probe.Add(probeBefore, await probe.ReadAsync());
            }

            if (round == 0)
            {
                // --frames x: what the first measured change exchanged over the first tab's socket.
                Frames?.Print($"One failed run, {PagePath}");
            }

            if (mutations)
            {
                // The first measured round's DOM changes in the first tab (installed before the POST, read after the settle).
                PrintMutations(await Pages[0].EvaluateAsync<string[]>("() => window.__ocDomChanges ?? []"));
            }

            var seen = await CollectStampsAsync(Pages, TimeSpan.FromSeconds(10) - Settle);
            if (measured)
            {
                result.Samples.Add(seen, sentWallMs, urgentBefore, await ServerUrgentAsync(Pages[0]));
            }

            meters.Recording = false;
            await Task.Delay(500);
        }

        public void Print(CircuitsServer host, CircuitMemory memory, IdleCost idle, PushRun push, ServerMeters meters, BaselineResult? baseline, string baselinePath)
        {
            var rounds = Rounds;
            var settle = Settle;
            Console.WriteLine();
            Console.WriteLine("| measurement | n | median ms | p95 ms | max ms |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine(push.Samples.Latency.Row());
            if (baseline is not null)
            {
                Console.WriteLine(baseline.Push.Latency.Row());
            }

            foreach (var lag in meters.Lags.OrderBy(l => l.Key.Contains("FailuresBadge", StringComparison.Ordinal) ? 0 : 1).ThenBy(l => l.Key, StringComparer.Ordinal))
            {
                Console.WriteLine(lag.Value.Row());
            }

            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- Pages that never showed the change within 10 s: {push.Samples.Missed} of {Circuits * rounds}; page-rounds in which the server's urgent count did not move either (a failed run left the window as this one entered), so there was nothing to show: {push.Samples.NothingToShow}."));
            if (baseline is not null)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"- Floor in the same run, the same {Circuits} tabs on {baselinePath} (only the badge changes): push p50 {baseline.Push.Latency.Median:0} ms, p95 {baseline.Push.Latency.P95:0} ms, missed {baseline.Push.Missed}, nothing to show {baseline.Push.NothingToShow}; CPU per change {host.Label} {baseline.ServerCpu.TotalSeconds / rounds:0.00} s, Chromium {baseline.BrowserCpu.TotalSeconds / rounds:0.00} s. The Command Center's p50 / p95 are {push.Samples.Latency.Median / baseline.Push.Latency.Median:0.00}× / {push.Samples.Latency.P95 / baseline.Push.Latency.P95:0.00}× the floor's."));
            }

            Console.WriteLine(memory.Describe());
            if (host.Separate)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"- The bench's own process (Playwright's client, the POST, reading Chromium's CPU) in the same windows: {push.Driver.TotalSeconds / rounds:0.00} s per change, not counted above or below."));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- CPU in the {settle.TotalSeconds:0} s after each measured POST: {host.Label} {push.Self.TotalSeconds / rounds:0.00} s, Chromium {push.Browser.TotalSeconds / rounds:0.00} s ({string.Join(", ", push.BrowserByType.OrderByDescending(t => t.Value).Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Key} {t.Value.TotalSeconds / rounds:0.00}")))}), of {2 * push.Wall.TotalSeconds / rounds:0.00} s available on {Environment.ProcessorCount} cores; Playwright's driver (node, relaying every tab's DevTools events to this process) {push.Playwright.TotalSeconds / rounds:0.00} s, counted in neither."));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"- CPU in {settle.TotalSeconds:0} s with nothing changed (idle pages): {host.Label} {idle.Self.TotalSeconds:0.00} s, Chromium {idle.Browser.TotalSeconds:0.00} s, right after the pages opened; after the warm-up, over {push.IdleWindow.TotalSeconds:0} s: {host.Label} {push.IdleSteady.TotalSeconds:0.00} s, Chromium {push.IdleSteadyBrowser.TotalSeconds:0.00} s per {settle.TotalSeconds:0} s, so a change's own cost is {(push.Self.TotalSeconds / rounds) - push.IdleSteady.TotalSeconds:0.00} s ({host.Label}) and {(push.Browser.TotalSeconds / rounds) - push.IdleSteadyBrowser.TotalSeconds:0.00} s (Chromium)."));
            Console.WriteLine(host.Separate
                ? "- Render batches per change: not readable from here (the console's meters are in its own process)."
                : string.Create(CultureInfo.InvariantCulture,
                $"- Render batches sent per change and circuit (Blazor's render_diff meter): {meters.RenderBatches / (double)(rounds * Circuits):0.0}, diff size {meters.RenderDiffs / (double)(rounds * Circuits):0.0} (render_diff.size, summed)."));
            Console.WriteLine($"- One tab's renderer per change (DevTools Performance metrics, mean of {rounds}, idle time included): {idle.Probe.Summary(rounds)}; the same tab in {settle.TotalSeconds:0} s with nothing changed: {idle.IdleProbe.Summary(1)}.");
            Console.WriteLine($"- Target push p95 ≤ 300 ms (issue 18): {(push.Samples.Latency.P95 <= 300 && push.Samples.Missed == 0 ? "met" : "MISSED")}");
        }
    }

    /// <summary>The console's managed heap (or working set) before, half-way and after the circuits opened.</summary>
    private sealed record CircuitMemory(int Circuits, long? HeapBefore, long? HeapHalf, long? HeapAfter, long WorkingSetBefore, long WorkingSetAfter)
    {
        public string Describe()
        {
            var perCircuitHeap = (HeapAfter - HeapBefore ?? 0) / (double)Circuits;
            var marginalHeap = HeapHalf is { } half ? (HeapAfter - half ?? 0) / (double)(Circuits - (Circuits / 2)) : perCircuitHeap;
            var perCircuitWorkingSet = (WorkingSetAfter - WorkingSetBefore) / (double)Circuits;
            return HeapBefore is null
                ? string.Create(CultureInfo.InvariantCulture, $"- Server memory per open Command Center circuit: {perCircuitWorkingSet / 1024:0.0} KB working set of the console process (its managed heap is not readable from here; run without --server-process).")
                : string.Create(CultureInfo.InvariantCulture, $"- Server memory per open Command Center circuit: {perCircuitHeap / 1024:0.0} KB managed heap on average (after full GCs: {HeapBefore / 1024.0 / 1024:0.0} → {HeapAfter / 1024.0 / 1024:0.0} MB, one-off growth included){(HeapHalf is null ? "" : string.Create(CultureInfo.InvariantCulture, $", {marginalHeap / 1024:0.0} KB per circuit opened after the first {Circuits / 2}"))}; {perCircuitWorkingSet / 1024:0.0} KB working set (the bench process also hosts Playwright's client).");
        }
    }

    /// <summary>What the open pages cost with nothing changed, right after they opened; the probes of the first tab's renderer.</summary>
    private sealed record IdleCost(BrowserWorkProbe Probe, BrowserWorkProbe IdleProbe, TimeSpan Self, TimeSpan Browser);

    /// <summary>The measured changes: latencies, and the CPU of the console, the bench, Chromium by process type and Playwright's driver.</summary>
    private sealed class PushRun(PushSamples samples)
    {
        public PushSamples Samples { get; } = samples;

        public TimeSpan Self { get; private set; }

        public TimeSpan Driver { get; private set; }

        public TimeSpan Browser { get; private set; }

        public Dictionary<string, TimeSpan> BrowserByType { get; } = new(StringComparer.Ordinal);

        public TimeSpan Playwright { get; private set; }

        public TimeSpan Wall { get; private set; }

        public TimeSpan IdleWindow { get; set; }

        public TimeSpan IdleSteady { get; set; }

        public TimeSpan IdleSteadyBrowser { get; set; }

        public void AddCpu(TimeSpan self, TimeSpan driver, Dictionary<string, TimeSpan> browserBefore, Dictionary<string, TimeSpan> browserAfter, TimeSpan wall)
        {
            Self += self;
            Driver += driver;
            Wall += wall;
            foreach (var (type, cpu) in browserAfter)
            {
                var spent = cpu - browserBefore.GetValueOrDefault(type);
                if (type == PlaywrightDriver)
                {
                    Playwright += spent;
                    continue;
                }

                Browser += spent;
                BrowserByType[type] = BrowserByType.GetValueOrDefault(type) + spent;
            }
        }
    }

    /// <summary>
    /// The server's side of the pushes, from the console's meters while a measured round records: each circuit's
    /// components report (OperatorConsole.Live) how long after the change was heard they had re-rendered, each shared
    /// query its computation, and Blazor's own meter one render_diff per render batch a circuit sends to its browser.
    /// </summary>
    private sealed class ServerMeters : IDisposable
    {
        private readonly System.Diagnostics.Metrics.MeterListener _listener = new();
        private long _renderBatches;
        private long _renderDiffs;
        private volatile bool _recording;

        private ServerMeters()
        {
        }

        public System.Collections.Concurrent.ConcurrentDictionary<string, Samples> Lags { get; } = new(StringComparer.Ordinal);

        public bool Recording
        {
            get => _recording;
            set => _recording = value;
        }

        public long RenderBatches => Interlocked.Read(ref _renderBatches);

        public long RenderDiffs => Interlocked.Read(ref _renderDiffs);

        public static ServerMeters Start()
        {
            var meters = new ServerMeters();
            var listener = meters._listener;
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == OperatorConsole.Web.Live.LiveMetrics.MeterName
                    || (instrument.Meter.Name.StartsWith("Microsoft.AspNetCore.Components", StringComparison.Ordinal) && instrument.Name is "aspnetcore.components.render_diff.duration" or "aspnetcore.components.render_diff.size"))
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((instrument, value, _, _) => meters.OnSize(instrument, value));
            listener.SetMeasurementEventCallback<int>((instrument, value, _, _) => meters.OnSize(instrument, value));
            listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => meters.OnDuration(instrument, value, tags));
            listener.Start();
            return meters;
        }

        public void Dispose() => _listener.Dispose();

        private void OnSize(System.Diagnostics.Metrics.Instrument instrument, long value)
        {
            if (_recording && instrument.Name == "aspnetcore.components.render_diff.size")
            {
                Interlocked.Add(ref _renderDiffs, value);
            }
        }

        private void OnDuration(System.Diagnostics.Metrics.Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            if (!_recording)
            {
                return;
            }

            if (instrument.Name == "aspnetcore.components.render_diff.duration")
            {
                Interlocked.Increment(ref _renderBatches);
                return;
            }

            var component = "";
            var query = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "component")
                {
                    component = tag.Value as string ?? "";
                }
                else if (tag.Key == "query")
                {
                    query = tag.Value as string ?? "";
                }
            }

            var name = query.Length > 0
                ? $"Shared query {query[(query.LastIndexOf('.', query.LastIndexOf('.') - 1) + 1)..]} (once for all circuits)"
                : $"Change heard → {component} re-rendered, per circuit (server)";
            Lags.GetOrAdd(name, n => new Samples(n)).Add(value);
        }
    }

    /// <summary>
    /// The same pushes to the same tabs after each has loaded <paramref name="path"/> (a new circuit each): a page
    /// where a failed run changes nothing but the badge, so the browsers' and the SignalR hop's share is measured alone.
    /// </summary>
    private static async Task<BaselineResult> MeasureBaselineAsync(
        IReadOnlyList<IPage> pages, CircuitsServer host, HttpClient agent, string path, int warmups, int rounds, int firstRun, TimeSpan settle)
    {
        foreach (var page in pages)
        {
            await page.GotoAsync(path);
            await WaitForTotalAsync(page);
        }

        await Task.Delay(settle);
        var push = new PushSamples($"Floor: the same POST → {pages.Count} browsers on {path} show it");
        var browserCpu = TimeSpan.Zero;
        var serverCpu = TimeSpan.Zero;
        for (var round = -warmups; round < rounds; round++)
        {
            var urgentBefore = await ServerUrgentAsync(pages[0]);
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(WatchScript)));
            var sentWallMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var browserBefore = BrowserCpu();
            var serverBefore = host.Cpu;
            await PostFailedRunAsync(agent, firstRun + round + warmups);
            await Task.Delay(settle);
            if (round >= 0)
            {
                browserCpu += BrowserCpu() - browserBefore;
                serverCpu += host.Cpu - serverBefore;
                push.Add(await CollectStampsAsync(pages, TimeSpan.FromSeconds(10) - settle), sentWallMs, urgentBefore, await ServerUrgentAsync(pages[0]));
            }

            await Task.Delay(500);
        }

        return new BaselineResult(push, browserCpu, serverCpu);
    }

    private sealed record BaselineResult(PushSamples Push, TimeSpan BrowserCpu, TimeSpan ServerCpu);

    /// <summary>A failed run for lead <c>1 + index</c>, 30 s ago: one new item in the Failures report's urgent count.</summary>
    private static async Task PostFailedRunAsync(HttpClient agent, int index)
    {
        var startedAt = DateTime.UtcNow.AddSeconds(-30);
        var json = JsonSerializer.Serialize(new
        {
            leadId = 1 + index,
            kind = "bench-circuit-" + index.ToString(CultureInfo.InvariantCulture),
            startedAt,
            finishedAt = startedAt.AddSeconds(20),
            steps = new[] { new { name = "fetch", success = false, error = "bench: upstream 503" } },
        });
        var response = await agent.PostAsync("/api/pipeline-runs", new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Each page's stamp of when it showed the change; pages still without one are asked again until <paramref name="patience"/>.</summary>
    internal static async Task<double?[]> CollectStampsAsync(IReadOnlyList<IPage> pages, TimeSpan patience)
    {
        var seen = new double?[pages.Count];
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            for (var i = 0; i < pages.Count; i++)
            {
                seen[i] ??= await pages[i].EvaluateAsync<double?>("() => window.__ocChangedAt ?? null");
            }

            if (seen.All(s => s is not null) || deadline.Elapsed >= patience)
            {
                return seen;
            }

            await Task.Delay(250);
        }
    }

    /// <summary>
    /// The badge's number as the server has it (the report's <c>groups.urgent</c> from <c>GET /api/failures</c>, with
    /// the page's own cookie): tells a push that never arrived from a round in which the count did not move.
    /// </summary>
    private static Task<int> ServerUrgentAsync(IPage page) =>
        page.EvaluateAsync<int>("async () => (await (await fetch('/api/failures?limit=1')).json()).groups.urgent");

    private static void PrintMutations(string[] changes)
    {
        Console.WriteLine($"DOM changes one failed run made in the first tab ({changes.Length}):");
        foreach (var change in changes)
        {
            Console.WriteLine("  " + change);
        }
    }

    /// <summary>
    /// --mutations x: records every DOM change the next push makes in a page (which element, what changed, old → new),
    /// to tell the changes a screen must show from ones it could avoid.
    /// </summary>
    private const string MutationsScript = """
        () => {
            window.__ocDomChanges = [];
            const where = (node) => {
                const el = node.nodeType === 1 ? node : node.parentElement;
                const owner = el?.closest('[data-testid],[id]');
                const name = owner ? (owner.dataset.testid ? `[data-testid=${owner.dataset.testid}]` : `#${owner.id}`) : 'body';
                return owner === el ? name : `${name} ${el?.tagName.toLowerCase()}`;
            };
            const cut = (v) => v === null || v === undefined ? '-' : (v.length > 60 ? v.slice(0, 57) + '...' : v);
            if (window.__ocMutationObserver) { window.__ocMutationObserver.disconnect(); }
            window.__ocMutationObserver = new MutationObserver((list) => {
                for (const m of list) {
                    const now = m.type === 'attributes' ? m.target.getAttribute(m.attributeName)
                        : m.type === 'characterData' ? m.target.data : `+${m.addedNodes.length} -${m.removedNodes.length} nodes`;
                    window.__ocDomChanges.push(`${where(m.target)}: ${m.type}${m.attributeName ? ' ' + m.attributeName : ''} ${cut(m.oldValue)} => ${cut(now)}`);
                }
            });
            window.__ocMutationObserver.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true, attributeOldValue: true, characterDataOldValue: true });
        }
        """;

    /// <summary>Remembers when this page's Failures total next changes (a MutationObserver, no polling).</summary>
    internal const string WatchScript = """
        () => {
            window.__ocChangedAt = null;
            const el = document.querySelector('[data-testid=failures-total]');
            const before = el.textContent;
            if (window.__ocObserver) { window.__ocObserver.disconnect(); }
            window.__ocObserver = new MutationObserver(() => {
                if (window.__ocChangedAt === null && el.textContent !== before) { window.__ocChangedAt = Date.now(); }
            });
            window.__ocObserver.observe(el, { childList: true, characterData: true, subtree: true });
        }
        """;

    /// <summary>
    /// The group <see cref="CpuByProcessType"/> puts Playwright's driver in: a node process between this process and
    /// Chromium that relays the DevTools events of every tab (a SignalR frame is one in each direction), so its CPU is
    /// the harness's, on the same cores as what it measures.
    /// </summary>
    private const string PlaywrightDriver = "playwright driver";

    /// <summary>CPU time of every Chromium process (Linux /proc), to tell browser work from server work.</summary>
    internal static TimeSpan BrowserCpu() => CpuByProcessType().Where(t => t.Key != PlaywrightDriver).Aggregate(TimeSpan.Zero, (sum, t) => sum + t.Value);

    /// <summary>
    /// CPU time (user and system) by Chromium process type (<c>--type=renderer</c>, <c>gpu-process</c>, <c>utility</c>;
    /// none is the browser process), and <see cref="PlaywrightDriver"/>'s, from one read of /proc: which one a change
    /// costs says whether the tabs' own work or the routing between them is the load.
    /// </summary>
    private static Dictionary<string, TimeSpan> CpuByProcessType()
    {
        var byType = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                // The driver's comm is "MainThread" (node renames its main thread); it is told by its executable's path.
                var comm = File.ReadAllText(Path.Combine(dir, "comm")).Trim();
                if (!comm.Contains("chrom", StringComparison.OrdinalIgnoreCase) && comm != "MainThread")
                {
                    continue;
                }

                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                var type = comm == "MainThread"
                    ? cmdline.Contains(".playwright/node/", StringComparison.Ordinal) ? PlaywrightDriver : null
                    : cmdline.Split(['\0', ' ']).FirstOrDefault(a => a.StartsWith("--type=", StringComparison.Ordinal))?["--type=".Length..] ?? "browser";
                if (type is null)
                {
                    continue;
                }

                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                byType[type] = byType.GetValueOrDefault(type) + TimeSpan.FromSeconds(ticks / 100.0);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return byType;
    }

    /// <summary>Signs the bench's operator in on <paramref name="page"/> (its context keeps the cookie for every later page).</summary>
    internal static async Task SignInAsync(IPage page)
    {
        await page.GotoAsync("/login");
        await page.FillAsync("[data-testid=login-email]", BenchHost.OperatorEmail);
        await page.FillAsync("[data-testid=login-password]", BenchHost.Password);
        await page.ClickAsync("[data-testid=login-submit]");
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
    }

    /// <summary>
    /// Headless Chromium as every browser bench here runs it (<c>--chromium PATH</c>, default Debian's);
    /// <c>--chromium-args "a=1 b"</c> adds switches for a what-if (say, a different process model), written without
    /// their dashes so the bench's own option parser does not take them for its options; printed, so a figure is
    /// never read without them.
    /// </summary>
    internal static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright, BenchOptions options)
    {
        var extra = (options.String("chromium-args") ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => "--" + s.TrimStart('-'))
            .ToArray();
        if (extra.Length > 0)
        {
            Console.WriteLine($"Chromium what-if switches: {string.Join(' ', extra)}");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = options.String("chromium") ?? "/usr/bin/chromium", Headless = true, Args = [.. ChromiumArgs, .. extra],
        });
    }

    internal static async Task WaitForTotalAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined && window.oc !== undefined && /^[\\d,]+$/.test(document.querySelector('[data-testid=failures-total]')?.textContent ?? '')");

    /// <summary>
    /// --hold-ms N: waits N ms at each heap reading (half-way and all open), after printing the console's process id,
    /// so a dump can be taken there (dotnet-dump or dotnet-gcdump) and the two compared by type.
    /// </summary>
    private static async Task HoldAsync(BenchOptions options, string label, CircuitsServer host)
    {
        if (options.Int("hold-ms", 0) is var ms and > 0)
        {
            Console.WriteLine($"HOLD {label} pid={host.ProcessId}");
            await Task.Delay(ms);
        }
    }

    internal static long SettledHeap()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        return GC.GetTotalMemory(forceFullCollection: true);
    }
}

/// <summary>
/// Push latencies of the measured rounds. A page without a stamp is a miss, unless the server's urgent count did not
/// move in that round (a failed run left the seven-day window as the new one entered): then there was nothing to show.
/// </summary>
internal sealed class PushSamples(string name)
{
    public Samples Latency { get; } = new(name);

    public int Missed { get; private set; }

    public int NothingToShow { get; private set; }

    public void Add(double?[] seen, long sentWallMs, int urgentBefore, int urgentAfter)
    {
        foreach (var at in seen)
        {
            if (at is { } changed)
            {
                Latency.Add(Math.Max(0, changed - sentWallMs));
            }
            else if (urgentBefore == urgentAfter)
            {
                NothingToShow++;
            }
            else
            {
                Missed++;
            }
        }
    }
}

/// <summary>The console the circuits connect to: in the bench's process (the default) or in its own.</summary>
internal sealed class CircuitsServer : IAsyncDisposable
{
    private readonly BenchHost? _host;
    private readonly ServerProcess? _process;

    private CircuitsServer(BenchHost? host, ServerProcess? process)
    {
        _host = host;
        _process = process;
    }

    /// <param name="publishedDll">The published console's dll to run in its own process (a build output does not serve
    /// the screens' static files outside Development); null to host the console in this process.</param>
    public static async Task<CircuitsServer> StartAsync(string databasePath, string? publishedDll)
    {
        if (publishedDll is not null)
        {
            return new CircuitsServer(null, await ServerProcess.StartConsoleAsync(databasePath, dll: Path.GetFullPath(publishedDll)));
        }

        var host = new BenchHost(databasePath);
        host.Start();
        return new CircuitsServer(host, null);
    }

    public bool Separate => _process is not null;

    public string BaseUrl => _process?.BaseUrl ?? _host!.BaseUrl;

    public int ProcessId => _process?.ProcessId ?? Environment.ProcessId;

    /// <summary>Whose CPU the figures are: the console alone, or the console with the bench's own work.</summary>
    public string Label => Separate ? "console process" : "console + bench process";

    public TimeSpan Cpu => _process?.ProcessorTime ?? Process.GetCurrentProcess().TotalProcessorTime;

    public long WorkingSet => _process?.WorkingSetBytes ?? Process.GetCurrentProcess().WorkingSet64;

    /// <summary>The managed heap after full collections; null when the console runs in its own process.</summary>
    public long? SettledHeap() => Separate ? null : CircuitsBenchmark.SettledHeap();

    public HttpClient AgentClient() => BenchHost.AgentClient(BaseUrl);

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
