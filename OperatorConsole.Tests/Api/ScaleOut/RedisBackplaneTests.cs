using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Live;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Api.ScaleOut;

/// <summary>Two console instances on one database and one real Redis: a change on A reaches B's dashboards.</summary>
public sealed class RedisBackplaneTests : IDisposable
{
    private readonly RedisServer _redis = new();
    private readonly ConsoleFactory _a;
    private readonly ConsoleFactory _b;

    public RedisBackplaneTests()
    {
        _a = new ConsoleFactory();
        _a.Settings["Live:Redis"] = _redis.ConnectionString;
        _b = new ConsoleFactory();
        _b.Settings["Live:Redis"] = _redis.ConnectionString;
        _b.Settings["ConnectionStrings:OperatorConsole"] = $"Data Source={_a.DatabasePath}";
    }

    [Fact]
    public async Task RunPostedToInstanceA_IsDeliveredToSubscribersOnInstanceB_WithinOneSecond()
    {
        var clientA = _a.CreateAgentClient();
        _ = _b.Server; // start B (shares A's database)
        var eventsB = _b.Services.GetRequiredService<ConsoleEvents>();
        _b.Services.GetRequiredService<ILiveBackplane>().Should().BeOfType<RedisBackplane>();
        var received = new TaskCompletionSource<IReadOnlyList<ConsoleChange>>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = eventsB.Subscribe(["PipelineRun"], changes =>
        {
            received.TrySetResult(changes);
            return Task.CompletedTask;
        });
        await Task.Delay(300); // let both subscribers attach to the channel

        var stopwatch = Stopwatch.StartNew();
        var response = await clientA.PostRawAsync("/api/pipeline-runs",
            """{"kind":"research","startedAt":"2026-11-25T08:00:00Z","steps":[{"name":"fetch","success":false,"error":"boom"}]}""");
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        var changes = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));
        stopwatch.Stop();

        changes.Should().Contain(c => c.Topic == "PipelineRun");
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1), "a change on one instance must reach the other's dashboards within a second");
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
        _redis.Dispose();
    }
}
