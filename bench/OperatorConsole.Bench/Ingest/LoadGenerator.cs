using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace OperatorConsole.Bench.Ingest;

/// <summary>What one load phase measured.</summary>
public sealed class LoadResult(string name)
{
    public string Name { get; } = name;
    public Samples Latency { get; } = new(name);
    public long Requests;
    public long Errors;
    public double Seconds { get; set; }
    public ConcurrentDictionary<int, int> StatusCounts { get; } = new();
    public ConcurrentBag<int> RunIds { get; } = [];
    public ConcurrentBag<int> TouchIds { get; } = [];

    /// <summary>Per integration name: the message of the last heartbeat that was acknowledged (each worker sends its own in order).</summary>
    public ConcurrentDictionary<string, string> LastHeartbeat { get; } = new();

    public ConcurrentBag<string> ErrorSamples { get; } = [];

    public double RequestsPerSecond => Requests / Seconds;

    /// <summary>CPU the server process used during the phase (zero when not measured).</summary>
    public TimeSpan ServerCpu { get; set; }

    public double CpuPerRequestMs => Requests == 0 ? 0 : ServerCpu.TotalMilliseconds / Requests;

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Requests} | {RequestsPerSecond:0} | {Latency.Percentile(50):0.0} | {Latency.Percentile(95):0.0} | {Latency.Percentile(99):0.0} | {Latency.Max:0.0} | {Errors} |");

    public const string Header = "| phase | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|---|---|";
}

/// <summary>
/// N workers, each with its own HttpClient, sending the agent's event mix as fast as answers come back:
/// a pipeline run (201), a touch on the worker's lead (201), an integration heartbeat (204), in turn.
/// The same loop and bodies go to the no-op server, so the ratio isolates what the console does per request.
/// </summary>
public static class LoadGenerator
{
    public static async Task<LoadResult> RunAsync(string name, string baseUrl, string apiKey, IReadOnlyList<int> leadIds, int workers, TimeSpan duration, bool expectConsoleAnswers, int[]? kinds = null)
    {
        var result = new LoadResult(name);
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            using var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10), MaxConnectionsPerServer = 4 };
            using var client = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
            var leadId = leadIds[w % leadIds.Count];
            var integration = $"bench-w{w}";
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var kind = kinds is null ? i % 3 : kinds[i % kinds.Length];
                var (path, body) = kind switch
                {
                    0 => ("/api/pipeline-runs",
                        $$"""{"leadId":{{leadId}},"kind":"research","startedAt":"2026-11-25T08:00:00Z","finishedAt":"2026-11-25T08:00:03Z","steps":[{"name":"fetch","success":true},{"name":"score","success":{{(i % 7 == 0 ? "false" : "true")}},"error":"w{{w}}-{{i}}"}]}"""),
                    1 => ($"/api/leads/{leadId}/touches", $$"""{"channel":"email","direction":"outbound","summary":"bench w{{w}} #{{i}}"}"""),
                    _ => ($"/api/integrations/{integration}/heartbeat", $$"""{"ok":true,"message":"w{{w}}-{{i}}"}"""),
                };
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    using var content = new StringContent(body, Encoding.UTF8, "application/json");
                    using var response = await client.PostAsync(path, content, CancellationToken.None);
                    var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
                    result.Latency.Add(Samples.Since(t0));
                    Interlocked.Increment(ref result.Requests);
                    var status = (int)response.StatusCode;
                    result.StatusCounts.AddOrUpdate(status, 1, (_, n) => n + 1);
                    var expected = !expectConsoleAnswers ? HttpStatusCode.NoContent : kind == 2 ? HttpStatusCode.NoContent : HttpStatusCode.Created;
                    if (response.StatusCode != expected)
                    {
                        Interlocked.Increment(ref result.Errors);
                        if (result.ErrorSamples.Count < 10)
                        {
                            result.ErrorSamples.Add($"{status} {path}: {text[..Math.Min(300, text.Length)]}");
                        }

                        continue;
                    }

                    if (!expectConsoleAnswers)
                    {
                        continue;
                    }

                    if (kind == 0)
                    {
                        result.RunIds.Add(JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32());
                    }
                    else if (kind == 1)
                    {
                        result.TouchIds.Add(JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32());
                    }
                    else
                    {
                        result.LastHeartbeat[integration] = $"w{w}-{i}";
                    }
                }
                catch (Exception ex)
                {
                    result.Latency.Add(Samples.Since(t0));
                    Interlocked.Increment(ref result.Requests);
                    Interlocked.Increment(ref result.Errors);
                    if (result.ErrorSamples.Count < 10)
                    {
                        result.ErrorSamples.Add($"{ex.GetType().Name} {path}: {ex.Message}");
                    }
                }
            }
        })).ToList();

        await Task.Delay(duration);
        stop.Cancel();
        await Task.WhenAll(tasks);
        result.Seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return result;
    }

    /// <summary>One lead per worker, created through the API like an agent would.</summary>
    public static async Task<List<int>> CreateLeadsAsync(string baseUrl, string apiKey, int count)
    {
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        var ids = new List<int>();
        for (var i = 0; i < count; i++)
        {
            using var response = await client.PostAsync("/api/leads", new StringContent($$"""{"title":"Bench lead {{i}}"}""", Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created)
            {
                throw new InvalidOperationException($"Creating a lead failed: {(int)response.StatusCode} {text}");
            }

            ids.Add(JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt32());
        }

        return ids;
    }

    public static void Print(LoadResult r)
    {
        Console.WriteLine(r.Row());
        Console.WriteLine("   statuses: " + string.Join(", ", r.StatusCounts.OrderBy(k => k.Key).Select(k => $"{k.Key}×{k.Value}")));
        foreach (var e in r.ErrorSamples.Take(5))
        {
            Console.WriteLine("   error: " + e);
        }
    }
}
