using System.Text.Json;
using Microsoft.Playwright;

namespace OperatorConsole.Bench.Live;

/// <summary>
/// Chromium's own trace (the DevTools <c>Tracing</c> domain on the browser session), written as a JSON array that
/// chrome://tracing and Perfetto open: what every tab's threads did, event by event, beyond the summed counters.
/// </summary>
internal sealed class ChromiumTrace
{
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
                ["includedCategories"] = new[] { "devtools.timeline", "blink", "cc", "v8", "toplevel", "disabled-by-default-devtools.timeline" },
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
}
