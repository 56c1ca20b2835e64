using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Live;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Settings;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Failures;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Api.Failures;

/// <summary>
/// The shared report re-reads a feature's source only when something that source reads has changed (or its
/// answer has aged): a failed run must not re-read every client's results ledger, and nothing may go stale.
/// </summary>
public sealed class FailureSourceMemoTests : IAsyncLifetime
{
    private readonly CountingSource _source = new();
    private readonly ConsoleFactory _factory;

    public FailureSourceMemoTests() => _factory = new ConsoleFactory { ConfigureServices = s => s.AddSingleton<IInterventionSource>(_source) };

    private FailuresReportCache Cache => _factory.Services.GetRequiredService<FailuresReportCache>();

    private ConsoleEvents Events => _factory.Services.GetRequiredService<ConsoleEvents>();

    [Fact]
    public async Task AChangeTheSourceDoesNotRead_RecomputesTheReport_ButReusesTheSourcesAnswer()
    {
        await Cache.GetAsync();
        var reads = _source.Reads;

        Events.Publish([new ConsoleChange("PipelineRun", "1")]);
        var report = await Cache.GetAsync();

        _source.Reads.Should().Be(reads);
        report.Interventions.Should().ContainSingle(i => i.Title == $"answer {reads}");
    }

    [Fact]
    public async Task AChangeToItsTopic_OrASetting_RereadsTheSource_AndTheReportShowsTheNewAnswer()
    {
        await Cache.GetAsync();
        var reads = _source.Reads;

        Events.Publish([new ConsoleChange("CountedThing", "9")]);
        (await Cache.GetAsync()).Interventions.Should().ContainSingle(i => i.Title == $"answer {reads + 1}");

        Events.Publish([new ConsoleChange("ConsoleSetting", "thresholds")]);
        (await Cache.GetAsync()).Interventions.Should().ContainSingle(i => i.Title == $"answer {reads + 2}");
    }

    [Fact]
    public async Task AnAnswer_IsNotReusedPastItsAge_BecauseTimeAloneCanChangeIt()
    {
        await Cache.GetAsync();
        var reads = _source.Reads;

        _factory.Clock.Advance(FailuresReportCache.SourceMaxAge);
        Events.Publish([new ConsoleChange("PipelineRun", "2")]);
        await Cache.GetAsync();

        _source.Reads.Should().Be(reads + 1);
    }

    [Fact]
    public async Task InvalidatingTheWholeReport_RereadsEverySource()
    {
        await Cache.GetAsync();
        var reads = _source.Reads;

        Cache.Invalidate();
        await Cache.GetAsync();

        _source.Reads.Should().Be(reads + 1);
    }

    public Task InitializeAsync()
    {
        _ = _factory.Services;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private sealed class CountingSource : IInterventionSource
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public IReadOnlyCollection<string> Topics => ["CountedThing"];

        public Task<IReadOnlyList<Intervention>> GetAsync(DateTime now, Thresholds thresholds, CancellationToken ct)
        {
            var read = Interlocked.Increment(ref _reads);
            return Task.FromResult<IReadOnlyList<Intervention>>(
                [new("counted", $"answer {read}", "/leads/1", "lead", "1", now.AddDays(-1), 2)]);
        }
    }
}
