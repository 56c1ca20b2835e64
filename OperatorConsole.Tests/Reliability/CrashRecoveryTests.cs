using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// Kill the console with SIGKILL in the middle of sustained ingest, start it again on the same file:
/// every request that got a 201 is in the database, and SQLite's integrity check passes.
/// </summary>
public sealed class CrashRecoveryTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oc-crash", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SigkillDuringIngest_LosesNoAcknowledgedWrite_AndTheFileStaysIntact()
    {
        Directory.CreateDirectory(_folder);
        var database = Path.Combine(_folder, "console.db");
        var acknowledgedRuns = new ConcurrentBag<int>();
        var acknowledgedTouches = new ConcurrentBag<int>();
        int leadId;

        using (var console = new ConsoleProcess(database))
        {
            await console.StartAsync();
            using var http = Client(console.BaseUrl);
            var lead = await http.PostRawAsync("/api/leads", """{"title":"Crash test lead"}""");
            lead.StatusCode.Should().Be(HttpStatusCode.Created);
            leadId = (await lead.ReadJsonAsync()).GetProperty("id").GetInt32();

            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                var i = 0;
                while (!stop.IsCancellationRequested)
                {
                    try
                    {
                        if (i++ % 2 == 0)
                        {
                            var run = await http.PostRawAsync("/api/pipeline-runs",
                                $$"""{"leadId":{{leadId}},"kind":"research","startedAt":"2026-11-25T08:00:00Z","steps":[{"name":"fetch","success":{{(i % 3 == 0 ? "false" : "true")}},"error":"w{{w}}"}]}""");
                            if (run.StatusCode == HttpStatusCode.Created)
                            {
                                acknowledgedRuns.Add((await run.ReadJsonAsync()).GetProperty("id").GetInt32());
                            }
                        }
                        else
                        {
                            var touch = await http.PostRawAsync($"/api/leads/{leadId}/touches", """{"channel":"email","direction":"outbound","summary":"crash test"}""");
                            if (touch.StatusCode == HttpStatusCode.Created)
                            {
                                acknowledgedTouches.Add((await touch.ReadJsonAsync()).GetProperty("id").GetInt32());
                            }
                        }
                    }
                    catch (Exception) when (stop.IsCancellationRequested || true)
                    {
                        // The process is being killed under us; only acknowledged (201) writes count.
                        if (stop.IsCancellationRequested)
                        {
                            return;
                        }

                        await Task.Delay(10);
                    }
                }
            })).ToList();

            // Let ingest run, then kill while writers are mid-flight.
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (acknowledgedRuns.Count + acknowledgedTouches.Count < 200 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            console.Kill();
            stop.Cancel();
            await Task.WhenAll(writers);
        }

        acknowledgedRuns.Should().NotBeEmpty("ingest must have been running when the process was killed");

        using (var restarted = new ConsoleProcess(database))
        {
            await restarted.StartAsync();
            using var http = Client(restarted.BaseUrl);
            var after = await http.GetAsync($"/api/pipeline-runs?leadId={leadId}&pageSize=1");
            after.StatusCode.Should().Be(HttpStatusCode.OK);
            (await after.ReadJsonAsync()).GetProperty("total").GetInt32().Should().BeGreaterThanOrEqualTo(acknowledgedRuns.Count);
            restarted.Kill();
        }

        SqliteConnection.ClearAllPools();
        await using var db = new SqliteConnection($"Data Source={database}");
        await db.OpenAsync();
        var stored = await Ids(db, "PipelineRun");
        stored.Should().Contain(acknowledgedRuns, "every run that was answered 201 must survive the crash");
        (await Ids(db, "Touch")).Should().Contain(acknowledgedTouches, "every touch that was answered 201 must survive the crash");
        output.WriteLine($"acknowledged before SIGKILL: {acknowledgedRuns.Count} runs, {acknowledgedTouches.Count} touches; " +
            $"lost: {acknowledgedRuns.Count(id => !stored.Contains(id))} runs; rows after restart: {stored.Count} runs");
        await using var check = db.CreateCommand();
        check.CommandText = "PRAGMA integrity_check;";
        (await check.ExecuteScalarAsync()).Should().Be("ok");
    }

    private static HttpClient Client(string baseUrl)
    {
        var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ConsoleFactory.AgentKey);
        return http;
    }

    private static async Task<HashSet<int>> Ids(SqliteConnection db, string table)
    {
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT Id FROM {table}";
        var ids = new HashSet<int>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetInt32(0));
        }

        return ids;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
