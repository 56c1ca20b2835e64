using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OperatorConsole.Data.Live;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Domain.Live;

/// <summary>The Command Center's shared card data: one computation per relevant change for every open circuit.</summary>
public sealed class SharedLiveQueriesTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly ConsoleEvents _events = new(new InProcessBackplane(), NullLogger<ConsoleEvents>.Instance);
    private readonly SharedLiveQueries _queries;
    private int _runs;

    public SharedLiveQueriesTests() => _queries = new SharedLiveQueries(_events, _clock);

    [Fact]
    public async Task ManyCircuits_ShareOneComputation_UntilARelevantChange()
    {
        var first = await Load();
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Load()));

        answers.Should().AllSatisfy(a => a.Should().Be(first));
        _runs.Should().Be(1);
        _queries.Computations<int>(Key).Should().Be(1);
    }

    [Fact]
    public async Task AChangeToAnotherTopic_KeepsTheAnswer_AChangeToItsTopic_RecomputesOnceForEveryone()
    {
        await Load();
        _events.Publish([new ConsoleChange("Proposal", "1")]);
        await Load();
        _runs.Should().Be(1, "proposals are not what this card shows");

        _events.Publish([new ConsoleChange("Lead", "7")]);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Load()));

        answers.Should().AllSatisfy(a => a.Should().Be(2));
        _runs.Should().Be(2);
    }

    [Fact]
    public async Task AChangeDuringAComputation_IsNotLostByTheNextCaller()
    {
        var release = new TaskCompletionSource();
        var slow = _queries.GetAsync("slow", ["Lead"], async _ =>
        {
            var run = Interlocked.Increment(ref _runs);
            await release.Task;
            return run;
        });

        // Saved while the first computation was reading: its answer may miss it.
        _events.Publish([new ConsoleChange("Lead", "1")]);
        release.SetResult();
        (await slow).Should().Be(1);

        var next = await _queries.GetAsync("slow", ["Lead"], _ => Task.FromResult(Interlocked.Increment(ref _runs)));
        next.Should().Be(2, "the change arrived after the first computation started");
    }

    [Fact]
    public async Task AnAnswer_IsRecomputedAfterMaxAge_BecauseTimeAloneCanChangeIt()
    {
        await Load();
        _clock.Advance(SharedLiveQueries.MaxAge - TimeSpan.FromSeconds(1));
        await Load();
        _runs.Should().Be(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await Load();
        _runs.Should().Be(2);
    }

    [Fact]
    public async Task AFailedComputation_IsNotCached()
    {
        var act = () => _queries.GetAsync<int>("broken", ["Lead"], _ => throw new InvalidOperationException("database down"));
        await act.Should().ThrowAsync<InvalidOperationException>();

        (await _queries.GetAsync("broken", ["Lead"], _ => Task.FromResult(42))).Should().Be(42);
    }

    private const string Key = "pipeline-by-stage";

    private Task<int> Load() => _queries.GetAsync(Key, ["Lead"], _ => Task.FromResult(Interlocked.Increment(ref _runs)));

    public void Dispose()
    {
        _queries.Dispose();
        _events.Dispose();
    }
}
