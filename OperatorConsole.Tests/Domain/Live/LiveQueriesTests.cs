using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OperatorConsole.Data.Live;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Domain.Live;

/// <summary>
/// The one live mechanism (issue 18): one computation per relevant change for every reader and watcher, the answer
/// invalidated (and recomputed) before anyone is told, and nobody told when the answer did not change (an equal answer
/// that is a new instance is handed over, under the same version).
/// </summary>
public sealed class LiveQueriesTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly ConsoleEvents _events = new(new InProcessBackplane(), NullLogger<ConsoleEvents>.Instance);
    private readonly ServiceProvider _services = new ServiceCollection().BuildServiceProvider();
    private readonly LiveQueries _queries;
    private int _runs;

    /// <summary>What the query reads; tests change it to make the answer differ.</summary>
    private int _stored;

    public LiveQueriesTests() => _queries = new LiveQueries(_events, _services, _clock, NullLogger<LiveQueries>.Instance);

    private LiveQuery<int> Counting => new("counting", ["Lead"], (_, _) =>
    {
        Interlocked.Increment(ref _runs);
        return Task.FromResult(Volatile.Read(ref _stored));
    });

    [Fact]
    public async Task ManyReaders_ShareOneComputation_UntilARelevantChange()
    {
        var first = await _queries.GetAsync(Counting);
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => _queries.GetAsync(Counting)));

        answers.Should().AllSatisfy(a => a.Should().BeSameAs(first));
        _runs.Should().Be(1);
        _queries.Computations(Counting).Should().Be(1);
    }

    [Fact]
    public async Task AChangeToAnotherTopic_KeepsTheAnswer_AChangeToItsTopic_RecomputesOnceForEveryone()
    {
        await _queries.GetAsync(Counting);
        _events.Publish([new ConsoleChange("Proposal", "1")]);
        await _queries.GetAsync(Counting);
        _runs.Should().Be(1, "proposals are not what this query reads");

        _stored = 2;
        _events.Publish([new ConsoleChange("Lead", "7")]);
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _queries.GetAsync(Counting))));

        answers.Should().AllSatisfy(a => a.Value.Should().Be(2));
        _runs.Should().Be(2, "one computation per change under 20 concurrent readers");
    }

    /// <summary>
    /// Invalidate before notify: a watcher is told only once the new answer exists, so reading on notification never
    /// returns the answer from before the change, and never computes again.
    /// </summary>
    [Fact]
    public async Task Watchers_AreToldAfterTheNewAnswerExists_AndAllShareItsOneComputation()
    {
        await _queries.GetAsync(Counting);
        var seen = new System.Collections.Concurrent.ConcurrentBag<(int Value, long Computations)>();
        var told = 0;
        var watches = Enumerable.Range(0, 50).Select(_ => _queries.Watch(Counting, async _ =>
        {
            var computationsBeforeRead = _queries.Computations(Counting);
            var value = await _queries.GetAsync(Counting);
            seen.Add((value.Value, computationsBeforeRead));
            Interlocked.Increment(ref told);
        })).ToList();

        _stored = 5;
        _events.Publish([new ConsoleChange("Lead", "1")]);

        await WaitUntil(() => Volatile.Read(ref told) == 50);
        seen.Should().AllSatisfy(s => s.Should().Be((5, 2L), "the answer was recomputed before anyone was told"));
        _runs.Should().Be(2, "fifty watchers, one computation");
        watches.ForEach(w => w.Dispose());
    }

    [Fact]
    public async Task AnUnchangedAnswer_KeepsItsVersion_AndTellsNobody()
    {
        var before = await _queries.GetAsync(Counting);
        var told = 0;
        using var watch = _queries.Watch(Counting, _ =>
        {
            Interlocked.Increment(ref told);
            return Task.CompletedTask;
        });

        _events.Publish([new ConsoleChange("Lead", "1")]); // saved, but the answer is the same
        await WaitUntil(() => Volatile.Read(ref _runs) == 2);
        await Task.Delay(100);

        told.Should().Be(0, "nothing a screen shows changed");
        (await _queries.GetAsync(Counting)).Version.Should().Be(before.Version);

        _stored = 3;
        _events.Publish([new ConsoleChange("Lead", "1")]);
        await WaitUntil(() => Volatile.Read(ref told) == 1);
        (await _queries.GetAsync(Counting)).Version.Should().Be(before.Version + 1);
    }

    /// <summary>
    /// An answer that carries when it was computed (its run number: every load differs as JSON), with its own
    /// comparison that leaves that out.
    /// </summary>
    private LiveQuery<(int Value, int ComputedAt)> Stamped(string key) => new(key, ["Lead"], (_, _) =>
        Task.FromResult((Volatile.Read(ref _stored), Interlocked.Increment(ref _runs))))
    {
        Same = (a, b) => a.Value == b.Value,
    };

    [Fact]
    public async Task AnAnswerWithItsOwnComparison_KeepsItsVersion_WhenThatComparisonSaysSame()
    {
        var query = Stamped("stamped");
        var before = await _queries.GetAsync(query);

        _events.Publish([new ConsoleChange("Lead", "1")]);
        var again = await _queries.GetAsync(query);
        _runs.Should().Be(2);
        again.Version.Should().Be(before.Version, "the comparison found the same answer");
        again.Value.ComputedAt.Should().Be(2, "the answer is the latest computation's, under the same version");

        _stored = 5;
        _events.Publish([new ConsoleChange("Lead", "1")]);
        var moved = await _queries.GetAsync(query);
        moved.Version.Should().Be(before.Version + 1);
        moved.Value.Should().Be((5, 3));
    }

    [Fact]
    public async Task AnEqualAnswerThatIsANewInstance_IsHandedToWatchers_UnderTheSameVersion()
    {
        // An answer with its own comparison is replaced by the latest computation (its times). Screens that loaded the
        // old one are told, so they load the new one (and, the version being the same, do not re-render): otherwise
        // each circuit would keep alive the instance it happened to load (ADR 208).
        var query = Stamped("stamped-watched");
        var first = await _queries.GetAsync(query);
        var told = 0;
        using var watch = _queries.Watch(query, _ =>
        {
            Interlocked.Increment(ref told);
            return Task.CompletedTask;
        });

        _events.Publish([new ConsoleChange("Lead", "1")]);
        await WaitUntil(() => Volatile.Read(ref told) == 1);

        var latest = await _queries.GetAsync(query);
        latest.Version.Should().Be(first.Version, "what a screen shows did not change");
        latest.Value.ComputedAt.Should().Be(2, "the answer handed over is the latest computation's");
    }

    [Fact]
    public async Task AChangeDuringAComputation_IsNotLostByTheNextReader()
    {
        var release = new TaskCompletionSource();
        var query = new LiveQuery<int>("slow", ["Lead"], async (_, _) =>
        {
            var run = Interlocked.Increment(ref _runs);
            if (run == 1)
            {
                await release.Task;
            }

            return run;
        });
        var slow = _queries.GetAsync(query);

        // Saved while the first computation was reading: its answer may miss it.
        _events.Publish([new ConsoleChange("Lead", "1")]);
        release.SetResult();
        (await slow).Value.Should().Be(1);

        (await _queries.GetAsync(query)).Value.Should().Be(2, "the change arrived after the first computation started");
    }

    [Fact]
    public async Task AnAnswer_IsRecomputedAfterMaxAge_BecauseTimeAloneCanChangeIt()
    {
        await _queries.GetAsync(Counting);
        _clock.Advance(LiveQuery<int>.DefaultMaxAge - TimeSpan.FromSeconds(1));
        await _queries.GetAsync(Counting);
        _runs.Should().Be(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await _queries.GetAsync(Counting);
        _runs.Should().Be(2);
    }

    [Fact]
    public async Task AWatchedAnswer_IsPushedWhenTimeAloneChangedIt()
    {
        await _queries.GetAsync(Counting);
        var told = 0;
        using var watch = _queries.Watch(Counting, _ =>
        {
            Interlocked.Increment(ref told);
            return Task.CompletedTask;
        });

        _stored = 9; // e.g. a lead went stale: nothing was saved
        _clock.Advance(LiveQuery<int>.DefaultMaxAge + LiveQueries.TickInterval);

        await WaitUntil(() => Volatile.Read(ref told) == 1);
        (await _queries.GetAsync(Counting)).Value.Should().Be(9);
    }

    [Fact]
    public async Task AFailedComputation_IsNotCached()
    {
        var fail = true;
        var query = new LiveQuery<int>("broken", ["Lead"], (_, _) => fail ? throw new InvalidOperationException("database down") : Task.FromResult(42));
        await FluentActions.Awaiting(() => _queries.GetAsync(query)).Should().ThrowAsync<InvalidOperationException>();

        fail = false;
        (await _queries.GetAsync(query)).Value.Should().Be(42);
    }

    [Fact]
    public async Task ADerivedValue_IsComputedOncePerAnswer()
    {
        var derivations = 0;
        var value = await _queries.GetAsync(Counting);
        for (var i = 0; i < 10; i++)
        {
            value.Derived("text", v =>
            {
                Interlocked.Increment(ref derivations);
                return v.ToString(System.Globalization.CultureInfo.InvariantCulture);
            });
        }

        derivations.Should().Be(1);
    }

    /// <summary>
    /// Leading-edge throttle: a lone change is recomputed and pushed at once, even with a long refresh interval; a
    /// change soon after waits for the interval's end.
    /// </summary>
    [Fact]
    public async Task ALoneChange_IsPushedAtOnce_AChangeWithinTheRefreshInterval_AtItsEnd()
    {
        using var queries = Throttled(TimeSpan.FromSeconds(3));
        await queries.GetAsync(Counting);
        var told = 0;
        using var watch = queries.Watch(Counting, _ =>
        {
            Interlocked.Increment(ref told);
            return Task.CompletedTask;
        });

        var lone = System.Diagnostics.Stopwatch.StartNew();
        _stored = 1;
        _events.Publish([new ConsoleChange("Lead", "1")]);
        await WaitUntil(() => Volatile.Read(ref told) == 1);
        lone.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(2), "the first change after a quiet spell does not wait for the interval");

        var soon = System.Diagnostics.Stopwatch.StartNew();
        _stored = 2;
        _events.Publish([new ConsoleChange("Lead", "2")]);
        await Task.Delay(500);
        told.Should().Be(1, "a change within the interval waits for its end");
        await WaitUntil(() => Volatile.Read(ref told) == 2);
        soon.Elapsed.Should().BeGreaterThan(TimeSpan.FromSeconds(2));
        (await queries.GetAsync(Counting)).Value.Should().Be(2);
    }

    /// <summary>
    /// A reader that needs the answer between a change and its throttled recomputation computes it itself (a screen
    /// opening, an API call, a report reading its part). The watchers must still be told: they were told of the answer
    /// before, not of this one.
    /// </summary>
    [Fact]
    public async Task AReaderThatComputesTheNewAnswerFirst_DoesNotSwallowTheWatchersNotification()
    {
        using var queries = Throttled(TimeSpan.FromSeconds(1));
        await queries.GetAsync(Counting);
        using var watch = WatchLoads(queries, out var seen);
        _stored = 1;
        _events.Publish([new ConsoleChange("Lead", "1")]);
        await WaitUntil(() => seen.Contains(1));

        _stored = 2;
        _events.Publish([new ConsoleChange("Lead", "2")]); // its recomputation waits for the interval's end
        (await queries.GetAsync(Counting)).Value.Should().Be(2, "a reader is not throttled");

        await WaitUntil(() => seen.Contains(2));
        seen.Should().Equal(1, 2);
    }

    /// <summary>
    /// An answer past its max age is recomputed by whoever reads it first; if that is a reader rather than the
    /// ticker, the screens watching it are told at the next tick, not left on the old answer (and keeping it alive).
    /// </summary>
    [Fact]
    public async Task AnExpiredAnswerRecomputedByAReader_IsPushedToTheWatchersAtTheNextTick()
    {
        var query = new LiveQuery<int>("short-lived", ["Lead"], (_, _) => Task.FromResult(Volatile.Read(ref _stored)), TimeSpan.FromSeconds(7));
        await _queries.GetAsync(query);
        var told = 0;
        using var watch = _queries.Watch(query, _ =>
        {
            Interlocked.Increment(ref told);
            return Task.CompletedTask;
        });

        _stored = 9; // time alone changed it (a lead went stale)
        _clock.Advance(LiveQueries.TickInterval); // the tick at 5 s finds it young
        _clock.Advance(TimeSpan.FromSeconds(2));
        (await _queries.GetAsync(query)).Value.Should().Be(9, "the reader recomputed the expired answer");
        told.Should().Be(0);

        _clock.Advance(TimeSpan.FromSeconds(3)); // the next tick; the reader's answer is 3 s old
        await WaitUntil(() => Volatile.Read(ref told) == 1);
    }

    /// <summary>Sustained changes: everything heard within one interval folds into one recomputation at its end.</summary>
    [Fact]
    public async Task ABurstOfChanges_FoldsIntoOneRecomputation_AtTheIntervalsEnd()
    {
        using var queries = Throttled(TimeSpan.FromSeconds(1));
        await queries.GetAsync(Counting);
        using var watch = WatchLoads(queries, out var seen);

        _stored = 1;
        _events.Publish([new ConsoleChange("Lead", "0")]);
        await WaitUntil(() => !seen.IsEmpty);
        for (var i = 2; i <= 41; i++)
        {
            _stored = i;
            _events.Publish([new ConsoleChange("Lead", i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        }

        await WaitUntil(() => seen.Contains(41));
        await Task.Delay(1500);
        Volatile.Read(ref _runs).Should().Be(3, "the first computation, the leading change, then one for the forty changes after it");
        seen.Should().Equal(1, 41);
        queries.Computations(Counting).Should().Be(3);
    }

    /// <summary>A registry of its own with <paramref name="interval"/> between two recomputations of a watched answer.</summary>
    private LiveQueries Throttled(TimeSpan interval) =>
        new(_events, _services, _clock, NullLogger<LiveQueries>.Instance) { RefreshInterval = interval };

    /// <summary>Watches <see cref="Counting"/>; <paramref name="seen"/> gets the value each notification loaded, in order.</summary>
    private IDisposable WatchLoads(LiveQueries queries, out System.Collections.Concurrent.ConcurrentQueue<int> seen)
    {
        var loaded = new System.Collections.Concurrent.ConcurrentQueue<int>();
        seen = loaded;
        return queries.Watch(Counting, async _ => loaded.Enqueue((await queries.GetAsync(Counting)).Value));
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }

    /// <summary>
    /// What a screen waits for before its one pass (CircuitRefresh): every recomputation running now, until its
    /// watchers have been told — so the screen's request for that answer is in before the wait ends.
    /// </summary>
    [Fact]
    public async Task AWatcher_IsToldWhenItsChangeWasHeard_NotWhenAChangeBeforeAnyoneWatchedWas()
    {
        await _queries.GetAsync(Counting);
        _events.Publish([new ConsoleChange("Lead", "1")]); // heard while nobody watched: no round, nobody told
        await _queries.GetAsync(Counting);
        var told = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var watch = _queries.Watch(Counting, heardAt =>
        {
            told.TrySetResult(heardAt);
            return Task.CompletedTask;
        });

        var before = System.Diagnostics.Stopwatch.GetTimestamp();
        _stored = 3;
        _events.Publish([new ConsoleChange("Lead", "2")]);

        (await told.Task.WaitAsync(TimeSpan.FromSeconds(10))).Should().BeGreaterThanOrEqualTo(before,
            "the watchers' lag and the cause their screens wait for are this change's, not the unwatched one's");
    }

    [Fact]
    public async Task Recomputing_EndsOnlyAfterTheRunningRecomputationsToldTheirWatchers()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var slow = new LiveQuery<int>("slow", ["Lead"], async (_, _) =>
        {
            var value = Volatile.Read(ref _stored);
            if (value > 0)
            {
                await gate.Task;
            }

            return value;
        });
        await _queries.GetAsync(slow);
        var told = 0;
        using var watch = _queries.Watch(slow, _ =>
        {
            Interlocked.Increment(ref told);
            return Task.CompletedTask;
        });
        _queries.RecomputingAsync().IsCompleted.Should().BeTrue("nothing is being recomputed");

        _stored = 4;
        _events.Publish([new ConsoleChange("Lead", "1")]);
        var recomputing = _queries.RecomputingAsync();
        await Task.Delay(50);
        recomputing.IsCompleted.Should().BeFalse("the watched answer is still being computed");

        gate.SetResult();
        await recomputing.WaitAsync(TimeSpan.FromSeconds(10));
        told.Should().Be(1, "the watcher was told before the round ended");
    }

    /// <summary>
    /// Memory: the registry holds a query's current answer and, while someone watches, the one they were told of;
    /// nothing else. A report's parts are never watched: each kept its first answer for the life of the app (the
    /// failures sources' thousands of items, once more beside the current ones).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AReplacedAnswer_IsNotKeptByTheRegistry_WhetherNobodyWatchedOrTheLastWatcherLeft(bool watchedThenLeft)
    {
        var boxes = new LiveQuery<int[]>("boxes", ["Lead"], (_, _) => Task.FromResult(new[] { Volatile.Read(ref _stored) }));
        var first = await FirstAnswerAsync(boxes, watchedThenLeft);
        _stored = 1;
        _events.Publish([new ConsoleChange("Lead", "1")]);
        (await _queries.GetAsync(boxes)).Value.Should().Equal(1);

        FullCollection.Run();

        first.TryGetTarget(out _).Should().BeFalse("only the current answer is kept");
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private async Task<WeakReference<int[]>> FirstAnswerAsync(LiveQuery<int[]> query, bool watchedThenLeft)
    {
        var answer = await _queries.GetAsync(query);
        if (watchedThenLeft)
        {
            _queries.Watch(query, _ => Task.CompletedTask).Dispose();
        }

        return new(answer.Value);
    }

    public void Dispose()
    {
        _queries.Dispose();
        _events.Dispose();
        _services.Dispose();
    }
}
