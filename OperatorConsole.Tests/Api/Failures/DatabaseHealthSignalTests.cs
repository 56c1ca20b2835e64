using Microsoft.Extensions.Time.Testing;
using OperatorConsole.Web.Api;

namespace OperatorConsole.Tests.Api.Failures;

public sealed class DatabaseHealthSignalTests
{
    [Fact]
    public void Current_AfterAFailure_IsABrokenDatabaseIntegrationUntilTheWindowPasses()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var signal = new DatabaseHealthSignal(clock);
        signal.Current(clock.GetUtcNow().UtcDateTime).Should().BeEmpty();

        signal.ReportFailure(new TimeoutException("database is locked"));

        var problem = signal.Current(clock.GetUtcNow().UtcDateTime).Should().ContainSingle().Subject;
        problem.Name.Should().Be("database");
        problem.Message.Should().Contain("database is locked");
        clock.Advance(TimeSpan.FromMinutes(DatabaseHealthSignal.WindowMinutes));
        signal.Current(clock.GetUtcNow().UtcDateTime).Should().ContainSingle("exactly at the end of the window it still shows");
        clock.Advance(TimeSpan.FromSeconds(1));
        signal.Current(clock.GetUtcNow().UtcDateTime).Should().BeEmpty();
    }
}
