using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace OperatorConsole.Bench.Live;

/// <summary>
/// The floor under any live screen: N Chromium tabs of a page that holds one number and one plain WebSocket, no Blazor,
/// no MudBlazor, no console — a bare Kestrel in this process sends each tab the new number, one tab after another, and
/// each tab stamps when its text changed (the same <c>MutationObserver</c> stamp as <c>circuits</c>). Whatever the
/// <c>circuits</c> bench measures beyond this, on the same cores, is the console's and its page's share; what this
/// measures is what 100 browser tabs sharing the cores cost whatever the server does.
/// <c>--copy-of PATH</c> serves instead a static copy of the console's page at PATH (as the operator's browser had it:
/// markup and stylesheets, scripts removed) with the same socket: the page's weight without Blazor's runtime, so the
/// floor's cost can be split between the page (style, layout, paint) and the framework (SignalR, render batches).
/// </summary>
public sealed class SocketFloorBenchmark : IBenchCommand
{
    /// <summary>Shows each number the socket sends in the element the <c>circuits</c> bench watches.</summary>
    private const string SocketScript = """
        <script>
          const socket = new WebSocket(location.href.replace('http', 'ws') + 'ws');
          socket.onopen = () => { window.__ready = true; };
          socket.onmessage = (e) => { document.querySelector('[data-testid=failures-total]').textContent = e.data; };
        </script>
        """;

    private const string PlainPage = $"""
        <!doctype html><html><head><meta charset="utf-8"><title>socket floor</title></head>
        <body><p>Failures: <span data-testid="failures-total">0</span></p>{SocketScript}</body></html>
        """;

    public string Name => "socket-floor";

    public string Description => "The browsers' floor: a bare WebSocket push of one number to N Chromium tabs (no Blazor), p50/p95 and Chromium CPU";

    public async Task<int> RunAsync(BenchOptions options)
    {
        var tabs = options.Int("circuits", 100);
        var rounds = options.Int("rounds", 10);
        var warmups = options.Int("warmup-rounds", 10);
        var settle = TimeSpan.FromMilliseconds(options.Int("settle-ms", 3000));
        var sockets = new List<WebSocket>();
        var (html, console) = options.String("copy-of") is { } copyOf ? await CopyConsolePageAsync(options, copyOf) : (PlainPage, null);
        await using var app = await StartServerAsync(options.Int("port", 5098), sockets, html);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await CircuitsBenchmark.LaunchChromiumAsync(playwright, options);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.Urls.First() });
        var pages = new List<IPage>();
        for (var i = 0; i < tabs; i++)
        {
            var page = await context.NewPageAsync();
            await page.GotoAsync("/");
            await page.WaitForFunctionAsync("() => window.__ready === true");
            pages.Add(page);
        }

        await Task.Delay(settle);
        var idleBefore = CircuitsBenchmark.BrowserCpu();
        await Task.Delay(settle);
        var idle = CircuitsBenchmark.BrowserCpu() - idleBefore;

        var push = new PushSamples($"Socket floor: one number pushed → {tabs} plain tabs show it");
        var browserCpu = TimeSpan.Zero;
        var serverCpu = TimeSpan.Zero;
        for (var round = -warmups; round < rounds; round++)
        {
            await Task.WhenAll(pages.Select(p => p.EvaluateAsync(CircuitsBenchmark.WatchScript)));
            var payload = Encoding.UTF8.GetBytes((round + warmups + 1).ToString(CultureInfo.InvariantCulture));
            var sentWallMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            var browserBefore = CircuitsBenchmark.BrowserCpu();
            var selfBefore = Process.GetCurrentProcess().TotalProcessorTime;
            // One tab after another, as a server's fan-out does (every tab connected before the first round).
            WebSocket[] connected;
            lock (sockets)
            {
                connected = [.. sockets];
            }

            foreach (var socket in connected)
            {
                await socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            }

            await Task.Delay(settle);
            if (round >= 0)
            {
                browserCpu += CircuitsBenchmark.BrowserCpu() - browserBefore;
                serverCpu += Process.GetCurrentProcess().TotalProcessorTime - selfBefore;
                push.Add(await CircuitsBenchmark.CollectStampsAsync(pages, TimeSpan.FromSeconds(10) - settle), sentWallMs, urgentBefore: 0, urgentAfter: 1);
            }

            await Task.Delay(500);
        }

        Console.WriteLine($"Machine: {BenchMachine.Describe()}; {tabs} tabs, {rounds} measured pushes after {warmups} warm-up ones");
        Console.WriteLine("| measurement | n | median ms | p95 ms | max ms |");
        Console.WriteLine("|---|---|---|---|---|");
        Console.WriteLine(push.Latency.Row());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- Missed: {push.Missed} of {tabs * rounds}. CPU in the {settle.TotalSeconds:0} s after each push: Chromium {browserCpu.TotalSeconds / rounds:0.00} s ({browserCpu.TotalMilliseconds / rounds / tabs:0.0} ms per tab), this process (server and Playwright client) {serverCpu.TotalSeconds / rounds:0.00} s; Chromium with nothing pushed {idle.TotalSeconds:0.00} s per {settle.TotalSeconds:0} s."));
        Console.WriteLine($"- Push p95 ≤ 300 ms with no console at all: {(push.Latency.P95 <= 300 ? "yes" : "NO")}");
        await context.CloseAsync();
        if (console is not null)
        {
            await console.DisposeAsync();
        }

        return 0;
    }

    /// <summary>
    /// The console's page at <paramref name="path"/> as a signed-in browser shows it, scripts removed, stylesheets still
    /// loaded from the console (a base address), and the socket script added; the console keeps running to serve them.
    /// </summary>
    private static async Task<(string Html, CircuitsServer? Console)> CopyConsolePageAsync(BenchOptions options, string path)
    {
        var folder = options.String("dir") ?? throw new ArgumentException("--copy-of needs --dir with the circuits bench's database");
        var console = await CircuitsServer.StartAsync(Path.Combine(folder, "bench.db"), publishedDll: null);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await CircuitsBenchmark.LaunchChromiumAsync(playwright, options);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = console.BaseUrl });
        await CircuitsBenchmark.SignInAsync(page);
        await page.GotoAsync(path);
        await CircuitsBenchmark.WaitForTotalAsync(page);
        var markup = await page.EvaluateAsync<string>("() => { document.querySelectorAll('script').forEach(s => s.remove()); return document.documentElement.outerHTML; }");
        markup = markup.Replace("<head>", $"<head><base href=\"{console.BaseUrl}/\">", StringComparison.Ordinal)
            .Replace("</body>", SocketScript + "</body>", StringComparison.Ordinal);
        Console.WriteLine($"Serving a static copy of {path} ({markup.Length:N0} characters of markup, scripts removed)");
        return ("<!doctype html>" + markup, console);
    }

    private static async Task<WebApplication> StartServerAsync(int port, List<WebSocket> sockets, string page)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.UseWebSockets();
        app.MapGet("/", () => Results.Content(page, "text/html"));
        app.Map("/ws", async (HttpContext context) =>
        {
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            lock (sockets)
            {
                sockets.Add(socket);
            }

            var buffer = new byte[64];
            while (socket.State == WebSocketState.Open)
            {
                var received = await socket.ReceiveAsync(buffer, context.RequestAborted);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        });
        await app.StartAsync();
        return app;
    }
}
