using Microsoft.Extensions.Time.Testing;
using OperatorConsole.Web.Api;

namespace OperatorConsole.Tests.Api.Failures;

public sealed class DatabaseHealthSignalTests
{
    [Fact]
    public void Current_AfterAFailure_IsABrokenDatabaseIntegrationUntilWritesWorkAgain()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var signal = new DatabaseHealthSignal(clock);
        signal.Current(clock.GetUtcNow().UtcDateTime).Should().BeEmpty();
        signal.ReportWritable().Should().BeNull("nothing was failing");

        signal.ReportFailure(new TimeoutException("database is locked"));
        clock.Advance(TimeSpan.FromHours(2));
        signal.ReportFailure(new TimeoutException("database is locked"));

        var problem = signal.Current(clock.GetUtcNow().UtcDateTime).Should().ContainSingle("no time window hides a database that still refuses writes").Subject;
        problem.Name.Should().Be("database");
        problem.Message.Should().Contain("database is locked");

        var outage = signal.ReportWritable();
        outage.Should().NotBeNull();
        outage!.Value.Failures.Should().Be(2);
        outage.Value.To.Should().Be(clock.GetUtcNow().UtcDateTime);
        signal.Current(clock.GetUtcNow().UtcDateTime).Should().BeEmpty();
        signal.IsFailing.Should().BeFalse();

        clock.Advance(TimeSpan.FromMinutes(1));
        signal.ReportFailure(new TimeoutException("disk full"));
        signal.ReportWritable()!.Value.Failures.Should().Be(1, "a new streak counts from zero");
    }
}
