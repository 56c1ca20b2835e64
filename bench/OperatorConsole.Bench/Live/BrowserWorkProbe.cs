using System.Globalization;
using Microsoft.Playwright;

namespace OperatorConsole.Bench.Live;

/// <summary>
/// Reads one page's renderer counters (<c>Performance.getMetrics</c> over the DevTools protocol) and sums what each
/// change cost it: task, script, style and layout time in ms, and how many style recalculations and layouts ran.
/// </summary>
internal sealed class BrowserWorkProbe
{
    private static readonly string[] Durations = ["TaskDuration", "ScriptDuration", "RecalcStyleDuration", "LayoutDuration"];
    private static readonly string[] Counts = ["RecalcStyleCount", "LayoutCount", "Nodes", "NodesAdded", "NodesRemoved", "AttributesChanged", "TextChanged"];

    /// <summary>Counts DOM mutations on the page (what Blazor's diff applied), so a change's size can be seen.</summary>
    private const string MutationCounter = """
        () => {
            if (window.__ocMutations) { return; }
            const m = window.__ocMutations = { NodesAdded: 0, NodesRemoved: 0, AttributesChanged: 0, TextChanged: 0 };
            new MutationObserver(records => {
                for (const r of records) {
                    if (r.type === 'childList') { m.NodesAdded += r.addedNodes.length; m.NodesRemoved += r.removedNodes.length; }
                    else if (r.type === 'attributes') { m.AttributesChanged++; }
                    else { m.TextChanged++; }
                }
            }).observe(document.body, { childList: true, attributes: true, characterData: true, subtree: true });
        }
        """;

    private readonly IPage _page;

    private readonly ICDPSession _session;
    private readonly Dictionary<string, double> _sums = new(StringComparer.Ordinal);

    private BrowserWorkProbe(ICDPSession session, IPage page)
    {
        _session = session;
        _page = page;
    }

    public static async Task<BrowserWorkProbe> StartAsync(IBrowserContext context, IPage page)
    {
        var session = await context.NewCDPSessionAsync(page);
        await session.SendAsync("Performance.enable");
        await page.EvaluateAsync(MutationCounter);
        return new BrowserWorkProbe(session, page);
    }

    public async Task<Dictionary<string, double>> ReadAsync()
    {
        var result = await _session.SendAsync("Performance.getMetrics");
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var metric in result!.Value.GetProperty("metrics").EnumerateArray())
        {
            values[metric.GetProperty("name").GetString()!] = metric.GetProperty("value").GetDouble();
        }

        foreach (var (name, value) in await _page.EvaluateAsync<Dictionary<string, double>>("() => window.__ocMutations"))
        {
            values[name] = value;
        }

        return values;
    }

    public void Add(Dictionary<string, double> before, Dictionary<string, double> after)
    {
        foreach (var name in Durations.Concat(Counts))
        {
            var delta = name == "Nodes" ? after.GetValueOrDefault(name) : after.GetValueOrDefault(name) - before.GetValueOrDefault(name);
            _sums[name] = _sums.GetValueOrDefault(name) + delta;
        }
    }

    public string Summary(int rounds) => string.Join(", ",
        Durations.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n.Replace("Duration", "", StringComparison.Ordinal)} {_sums.GetValueOrDefault(n) * 1000 / rounds:0.0} ms"))
            .Concat(Counts.Select(n => string.Create(CultureInfo.InvariantCulture, $"{n} {_sums.GetValueOrDefault(n) / rounds:0.#}"))));
}
