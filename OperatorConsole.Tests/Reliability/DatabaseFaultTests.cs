using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// The database refusing work (busy: another process holds the write lock; full: no page can be added) is a
/// 503 problem document with Retry-After, never a 500, nothing is written, and Failures &amp; Interventions shows a
/// broken integration "database".
/// </summary>
public sealed class DatabaseFaultTests : IDisposable
{
    private readonly List<ConsoleFactory> _factories = [];

    private ConsoleFactory Factory(Action<IServiceCollection>? services = null, int busyTimeoutMs = 200)
    {
        var factory = new ConsoleFactory { ConfigureServices = services };
        factory.Settings["Database:BusyTimeoutMs"] = busyTimeoutMs.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _factories.Add(factory);
        return factory;
    }

    /// <summary>Another connection holding the write lock, as another process or a backup would.</summary>
    private static async Task<SqliteConnection> HoldWriteLockAsync(string path)
    {
        var holder = new SqliteConnection($"Data Source={path};Pooling=False");
        await holder.OpenAsync();
        await using var begin = holder.CreateCommand();
        begin.CommandText = "BEGIN EXCLUSIVE;";
        await begin.ExecuteNonQueryAsync();
        return holder;
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(3000)]
    public async Task HeldLock_503ArrivesWithinTheBusyTimeout_NotTheProviders30Seconds(int busyTimeoutMs)
    {
        var factory = Factory(busyTimeoutMs: busyTimeoutMs);
        var agent = factory.CreateAgentClient();
        (await agent.PostRawAsync("/api/leads", """{"title":"warm up"}""")).StatusCode.Should().Be(HttpStatusCode.Created);

        await using var holder = await HoldWriteLockAsync(factory.DatabasePath);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var response = await agent.PostRawAsync("/api/leads", """{"title":"while locked"}""");
        var elapsed = clock.Elapsed;

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        elapsed.Should().BeGreaterThan(TimeSpan.FromMilliseconds(busyTimeoutMs * 0.9), "the writer does wait for the lock");
        elapsed.Should().BeLessThan(TimeSpan.FromMilliseconds(busyTimeoutMs + 1500), "the busy timeout setting is the bound");
        Console.WriteLine($"busy timeout {busyTimeoutMs} ms → 503 after {elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task HeldLock_ReadinessIsUnhealthy_FailuresShowDatabase_AndTheOutageIsKeptAcrossARestart()
    {
        var factory = Factory();
        var anonymous = factory.CreateAnonymousClient();
        (await anonymous.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK);
        var @operator = await factory.CreateOperatorClientAsync();

        await using (var holder = await HoldWriteLockAsync(factory.DatabasePath))
        {
            var ready = await anonymous.GetAsync("/health/ready");
            ready.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable, "readiness must not say Healthy while every write fails");

            // No API write has failed: the probe alone puts the database in Failures.
            var report = await (await @operator.GetAsync("/api/failures")).ReadJsonAsync();
            report.GetProperty("brokenIntegrations").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Should().Contain("database");
            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        (await anonymous.GetAsync("/health/ready")).StatusCode.Should().Be(HttpStatusCode.OK, "writes work again");
        var after = await (await @operator.GetAsync("/api/failures")).ReadJsonAsync();
        after.GetProperty("brokenIntegrations").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Should().NotContain("database");

        // A restarted console (a new host on the same file) still has the outage on the "database" integration.
        var restarted = new ConsoleFactory();
        restarted.Settings["ConnectionStrings:OperatorConsole"] = $"Data Source={factory.DatabasePath}";
        _factories.Add(restarted);
        var integrations = await (await restarted.CreateAgentClient().GetAsync("/api/integrations")).ReadJsonAsync();
        var database = integrations.EnumerateArray().Single(i => i.GetProperty("name").GetString() == "database");
        database.GetProperty("lastError").GetString().Should().Contain("Refused writes");
    }

    [Fact]
    public async Task LockedDatabase_Answers503WithRetryAfter_WritesNothing_AndShowsInFailures()
    {
        var factory = Factory();
        var agent = factory.CreateAgentClient();
        var lead = await agent.PostRawAsync("/api/leads", """{"title":"Busy database lead"}""");
        lead.StatusCode.Should().Be(HttpStatusCode.Created);
        var leadId = (await lead.ReadJsonAsync()).GetProperty("id").GetInt32();
        int runsBefore;
        await using (var db = factory.CreateDbContext())
        {
            runsBefore = await db.Set<PipelineRun>().CountAsync();
        }

        var @operator = await factory.CreateOperatorClientAsync();

        await using (var holder = new SqliteConnection($"Data Source={factory.DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }

            var responses = new[]
            {
                await agent.PostRawAsync("/api/pipeline-runs", $$"""{"leadId":{{leadId}},"kind":"research","startedAt":"2026-11-25T08:00:00Z","steps":[{"name":"fetch","success":true}]}"""),
                await agent.PostRawAsync($"/api/leads/{leadId}/touches", """{"channel":"email","direction":"outbound","summary":"while locked"}"""),
                await agent.PostRawAsync("/api/integrations/crm-sync/heartbeat", """{"ok":true}"""),
            };
            foreach (var response in responses)
            {
                response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
                response.Headers.RetryAfter.Should().NotBeNull();
                var body = await response.Content.ReadAsStringAsync();
                body.Should().NotContain("SqliteException").And.NotContain("   at ");
            }

            // Shown while the database refuses writes (until a write works again).
            var report = await (await @operator.GetAsync("/api/failures")).ReadJsonAsync();
            report.GetProperty("brokenIntegrations").EnumerateArray().Select(i => i.GetProperty("name").GetString()).Should().Contain("database");

            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        await using (var db = factory.CreateDbContext())
        {
            (await db.Set<PipelineRun>().CountAsync()).Should().Be(runsBefore, "nothing is written when the database refuses");
            (await db.Set<OperatorConsole.Domain.Leads.Touch>().CountAsync(t => t.LeadId == leadId)).Should().Be(0);
        }

        // And the console works again once the lock is gone.
        (await agent.PostRawAsync($"/api/leads/{leadId}/touches", """{"channel":"email","direction":"outbound","summary":"after"}"""))
            .StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task FullDatabase_Answers503WithRetryAfter_NeverA500()
    {
        var full = new FullSwitch();
        var factory = Factory(services =>
        {
            services.RemoveAll<IDbContextFactory<ConsoleDbContext>>();
            services.AddSingleton<IDbContextFactory<ConsoleDbContext>>(sp =>
                new FillingFactory(sp.GetRequiredService<IDbContextFactory<SqliteConsoleDbContext>>(), full));
        });
        var agent = factory.CreateAgentClient();
        var lead = await agent.PostRawAsync("/api/leads", """{"title":"Full disk lead"}""");
        var leadId = (await lead.ReadJsonAsync()).GetProperty("id").GetInt32();

        full.On = true;
        var statuses = new List<HttpStatusCode>();
        var big = new string('x', 1900);
        for (var i = 0; i < 40 && !statuses.Contains(HttpStatusCode.ServiceUnavailable); i++)
        {
            var response = await agent.PostRawAsync($"/api/leads/{leadId}/touches", $$"""{"channel":"email","direction":"outbound","summary":"{{big}}"}""");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                response.Headers.RetryAfter.Should().NotBeNull();
                (await response.ReadJsonAsync()).GetProperty("status").GetInt32().Should().Be(503);
            }
        }

        full.On = false;
        statuses.Should().NotContain(HttpStatusCode.InternalServerError);
        statuses.Should().Contain(HttpStatusCode.ServiceUnavailable, "a write that needs a new page fails with SQLITE_FULL");
        await using var db = factory.CreateDbContext();
        (await db.Set<OperatorConsole.Domain.Leads.Touch>().CountAsync(t => t.LeadId == leadId))
            .Should().Be(statuses.Count(s => s == HttpStatusCode.Created), "only acknowledged touches are stored");
    }

    public void Dispose()
    {
        foreach (var factory in _factories)
        {
            factory.Dispose();
        }
    }

    private sealed class FullSwitch
    {
        public volatile bool On;
    }

    /// <summary>
    /// While switched on, every context's connection may not grow the file (max_page_count = current size): the
    /// next write that needs a page fails with SQLITE_FULL (13), which is what a full disk looks like to the app.
    /// Unpooled connections so the limit does not outlive the context.
    /// </summary>
    private sealed class FillingFactory(IDbContextFactory<SqliteConsoleDbContext> inner, FullSwitch full) : IDbContextFactory<ConsoleDbContext>
    {
        public ConsoleDbContext CreateDbContext()
        {
            if (!full.On)
            {
                return inner.CreateDbContext();
            }

            string connectionString;
            using (var probe = inner.CreateDbContext())
            {
                connectionString = probe.Database.GetConnectionString()!;
            }

            var connection = new SqliteConnection(connectionString + ";Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout=200; PRAGMA foreign_keys=ON;";
            command.ExecuteNonQuery();
            command.CommandText = "PRAGMA page_count;";
            var pages = Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            command.CommandText = $"PRAGMA max_page_count = {pages};";
            command.ExecuteNonQuery();
            return new SqliteConsoleDbContext(new DbContextOptionsBuilder<SqliteConsoleDbContext>().UseSqlite(connection, contextOwnsConnection: true).Options);
        }
    }
}
