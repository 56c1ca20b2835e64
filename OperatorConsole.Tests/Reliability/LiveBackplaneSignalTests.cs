using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Reliability;

/// <summary>A failing Redis backplane is a broken integration "live-backplane" until a publish succeeds again.</summary>
public sealed class LiveBackplaneSignalTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public void Signal_IsBrokenAfterAFailure_AndClearsAfterSuccess()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var health = new LiveBackplaneHealth(clock);
        var signal = new LiveBackplaneHealthSignal(health);
        signal.Current(clock.GetUtcNow().UtcDateTime).Should().BeEmpty();

        health.ReportFailure("Redis connection failed: SocketFailure");
        signal.Current(clock.GetUtcNow().UtcDateTime).Should().ContainSingle()
            .Which.Name.Should().Be("live-backplane");

        clock.Advance(TimeSpan.FromSeconds(5));
        health.ReportOk();
        signal.Current(clock.GetUtcNow().UtcDateTime).Should().BeEmpty();
    }

    [Fact]
    public async Task FailuresReport_ListsTheLiveBackplane_WhenRedisFails()
    {
        factory.Services.GetRequiredService<LiveBackplaneHealth>().ReportFailure("Redis publish failed: timeout");
        var @operator = await factory.CreateOperatorClientAsync();
        var report = await (await @operator.GetAsync("/api/failures")).ReadJsonAsync();
        report.GetProperty("brokenIntegrations").EnumerateArray().Select(i => i.GetProperty("name").GetString())
            .Should().Contain("live-backplane");
    }
}
