using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace OperatorConsole.Bench.Live;

/// <summary>
/// Chromium's own trace (the DevTools <c>Tracing</c> domain on the browser session), written as a JSON array that
/// chrome://tracing and Perfetto open: what every tab's threads did, event by event, beyond the summed counters. The
/// V8 sampling profiler is on, so the trace also names the page's JavaScript by function (its overhead is in the trace's
/// times, not in untraced runs).
/// </summary>
internal sealed class ChromiumTrace
{
    /// <summary>
    /// The renderer's steps that a change costs, in the order a frame runs them (trace event names). Script is left out:
    /// the trace's JavaScript calls include the bench's own evaluations in each tab; the DevTools counters have it.
    /// </summary>
    private static readonly string[] FrameSteps = ["Layout", "Paint", "Commit", "RasterTask", "ProxyImpl::ScheduledActionDraw"];

    private readonly ICDPSession _session;
    private readonly List<JsonElement> _events = [];
    private readonly TaskCompletionSource _complete = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChromiumTrace(ICDPSession session)
    {
        _session = session;
        session.Event("Tracing.dataCollected").OnEvent += (_, data) =>
        {
            if (data is { } d)
            {
                lock (_events)
                {
                    _events.AddRange(d.GetProperty("value").EnumerateArray().Select(e => e.Clone()));
                }
            }
        };
        session.Event("Tracing.tracingComplete").OnEvent += (_, _) => _complete.TrySetResult();
    }

    public static async Task<ChromiumTrace> StartAsync(IBrowser browser)
    {
        var session = await browser.NewBrowserCDPSessionAsync();
        var trace = new ChromiumTrace(session);
        await session.SendAsync("Tracing.start", new Dictionary<string, object>
        {
            ["transferMode"] = "ReportEvents",
            ["traceConfig"] = new Dictionary<string, object>
            {
                ["includedCategories"] = new[]
                {
                    "devtools.timeline", "blink", "cc", "v8", "toplevel", "disabled-by-default-devtools.timeline", "disabled-by-default-v8.cpu_profiler",
                },
            },
        });
        return trace;
    }

    public async Task StopAsync(string path)
    {
        await _session.SendAsync("Tracing.end");
        await _complete.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await using var file = File.Create(path);
        lock (_events)
        {
            JsonSerializer.Serialize(file, _events);
        }
    }

    /// <summary>
    /// What the traced tabs' renderers did per change, step by step (count and milliseconds), with the raster tiles by
    /// composited layer: tells a change that re-rasters the document's tiles from one confined to small layers.
    /// </summary>
    public string Summary(int changes)
    {
        var time = new Dictionary<string, (int Count, double Ms)>(StringComparer.Ordinal);
        var tilesByLayer = new Dictionary<long, (int Count, double Ms)>();
        lock (_events)
        {
            foreach (var e in _events)
            {
                if (!e.TryGetProperty("ph", out var ph) || ph.GetString() != "X" || !e.TryGetProperty("dur", out var dur))
                {
                    continue;
                }

                var name = e.GetProperty("name").GetString() ?? "";
                var ms = dur.GetDouble() / 1000;
                if (Array.IndexOf(FrameSteps, name) >= 0)
                {
                    var (count, sum) = time.GetValueOrDefault(name);
                    time[name] = (count + 1, sum + ms);
                }

                if (name == "RasterTask" && e.GetProperty("args").TryGetProperty("tileData", out var tile))
                {
                    var layer = tile.GetProperty("layerId").GetInt64();
                    var (count, sum) = tilesByLayer.GetValueOrDefault(layer);
                    tilesByLayer[layer] = (count + 1, sum + ms);
                }
            }
        }

        var steps = FrameSteps.Where(time.ContainsKey).Select(s => string.Create(CultureInfo.InvariantCulture,
            $"{s} {time[s].Count / (double)changes:0.#}× {time[s].Ms / changes:0.00} ms"));
        var layers = tilesByLayer.OrderByDescending(l => l.Value.Ms).Select(l => string.Create(CultureInfo.InvariantCulture,
            $"layer {l.Key}: {l.Value.Count / (double)changes:0.#} tile(s), {l.Value.Ms / changes:0.00} ms"));
        return $"{string.Join(", ", steps)}; raster tiles per change by layer: {string.Join(", ", layers)}";
    }
}
