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
        var clock = Stopwatch.StartNew();
        TimeSpan? committedOnA = null, deliveredOnB = null;
        _a.Services.GetRequiredService<ConsoleEvents>().Delivered += changes =>
        {
            if (changes.Any(c => c.Topic == "PipelineRun"))
            {
                committedOnA ??= clock.Elapsed;
            }
        };
        using var subscription = eventsB.Subscribe(["PipelineRun"], changes =>
        {
            deliveredOnB ??= clock.Elapsed;
            received.TrySetResult(changes);
            return Task.CompletedTask;
        });
        await Task.Delay(300); // let both subscribers attach to the channel

        var response = await clientA.PostRawAsync("/api/pipeline-runs",
            """{"kind":"research","startedAt":"2026-11-25T08:00:00Z","steps":[{"name":"fetch","success":false,"error":"boom"}]}""");
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.Created);
        var changes = await received.Task.WaitAsync(TimeSpan.FromSeconds(5));

        changes.Should().Contain(c => c.Topic == "PipelineRun");
        committedOnA.Should().NotBeNull();
        // Measured from the commit on A (its own dashboards are told at that moment) to B's subscriber.
        (deliveredOnB!.Value - committedOnA!.Value).Should().BeLessThan(TimeSpan.FromSeconds(1), "a change on one instance must reach the other's dashboards within a second");
    }

    public void Dispose()
    {
        _b.Dispose();
        _a.Dispose();
        _redis.Dispose();
    }
}
