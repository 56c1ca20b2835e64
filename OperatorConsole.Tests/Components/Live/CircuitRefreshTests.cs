using Bunit;
using FluentAssertions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OperatorConsole.Data.Live;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Live;

/// <summary>
/// One pass per change per circuit (issue 18): when one change moves two shared answers that finish at different
/// times, the screen's cards wait for both and re-render in one render batch; a slow answer holds the others no
/// longer than the pass's bound; and without a batch point each card still re-renders by itself.
/// </summary>
public sealed class CircuitRefreshTests : IDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly ConsoleEvents _events = new(new InProcessBackplane(), NullLogger<ConsoleEvents>.Instance);
    private readonly LiveQueries _queries;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private TaskCompletionSource _slowGate = Completed();
    private int _stored;

    public CircuitRefreshTests()
    {
        _queries = new LiveQueries(_events, _ctx.Services, _clock, NullLogger<LiveQueries>.Instance);
        _ctx.Services.AddSingleton(_events);
        _ctx.Services.AddSingleton(_queries);
        Fast = new("test.fast", ["Lead"], (_, _) => Task.FromResult(Volatile.Read(ref _stored)));
        Slow = new("test.slow", ["Lead"], async (_, _) =>
        {
            var value = Volatile.Read(ref _stored);
            await _slowGate.Task;
            return value * 10;
        });
    }

    private LiveQuery<int> Fast { get; }

    private LiveQuery<int> Slow { get; }

    [Fact]
    public async Task TwoAnswersOfOneChange_FinishingApart_ReRenderTheirCardsInOneBatch()
    {
        var refresh = UseRefresh(TimeSpan.FromSeconds(30));
        var screen = RenderScreen(batchPoint: true);
        var (fast, slow) = Cards(screen);
        var rendersBefore = (fast.Instance.Renders, slow.Instance.Renders);

        _slowGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stored = 1;
        _events.Publish([new ConsoleChange("Lead", "1")]);
        await WaitUntil(() => _queries.Computations(Fast) == 2);
        await Task.Delay(200);

        fast.Markup.Should().Contain(">0<", "the fast card waits for the other answer of the same change");
        _slowGate.SetResult();

        screen.WaitForAssertion(() => slow.Markup.Should().Contain(">10<"), TimeSpan.FromSeconds(10));
        fast.Markup.Should().Contain(">1<");
        refresh.BatchedPasses.Should().Be(1, "both cards re-rendered in the batch point's one render batch");
        (fast.Instance.Renders, slow.Instance.Renders).Should().Be((rendersBefore.Item1 + 1, rendersBefore.Item2 + 1));
    }

    [Fact]
    public async Task ASlowAnswer_HoldsTheOtherCards_NoLongerThanTheBound()
    {
        UseRefresh(TimeSpan.FromMilliseconds(50));
        var screen = RenderScreen(batchPoint: true);
        var (fast, slow) = Cards(screen);

        _slowGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _stored = 2;
        _events.Publish([new ConsoleChange("Lead", "1")]);

        screen.WaitForAssertion(() => fast.Markup.Should().Contain(">2<"), TimeSpan.FromSeconds(10));
        slow.Markup.Should().Contain(">0<", "its answer is still being computed");
        _slowGate.SetResult();
        screen.WaitForAssertion(() => slow.Markup.Should().Contain(">20<"), TimeSpan.FromSeconds(10));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task AChange_DoesNotWaitForAnotherAnswer_RecomputedBecauseItAged()
    {
        // Another card's answer, on another topic, is being recomputed because it reached its max age (a slow report
        // on real data): a change to the first card's answer has nothing to do with it and must not be held by it.
        var aged = new LiveQuery<int>("test.aged", ["Deal"], async (_, _) =>
        {
            var value = Volatile.Read(ref _stored);
            await _slowGate.Task;
            return value * 10;
        });
        // The first card's answer does not age with this tick: had it aged too, its recomputation for the tick could
        // read the change's value before the change is heard, and the card would rightly wait with the aged answer of
        // the same tick (the race that failed CI once).
        var fresh = new LiveQuery<int>("test.fresh", ["Lead"], (_, _) => Task.FromResult(Volatile.Read(ref _stored)), LiveQuery.TimelessMaxAge);
        UseRefresh(TimeSpan.FromSeconds(30));
        var screen = RenderScreen(batchPoint: true, fresh, aged);
        var (fast, _) = Cards(screen);

        _slowGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _clock.Advance(LiveQuery<int>.DefaultMaxAge);
        await WaitUntil(() => !_queries.RecomputingAsync().IsCompleted);
        _queries.Computations(fresh).Should().Be(1, "only the aged answer is recomputed for the tick");
        _stored = 4;
        _events.Publish([new ConsoleChange("Lead", "1")]);

        screen.WaitForAssertion(() => fast.Markup.Should().Contain(">4<"), TimeSpan.FromSeconds(5));
        _slowGate.SetResult();
    }

    [Fact]
    public void WithoutABatchPoint_EachCardStillReRenders()
    {
        var refresh = UseRefresh(TimeSpan.FromSeconds(30));
        var screen = RenderScreen(batchPoint: false);
        var (fast, slow) = Cards(screen);

        _stored = 3;
        _events.Publish([new ConsoleChange("Lead", "1")]);

        screen.WaitForAssertion(() =>
        {
            fast.Markup.Should().Contain(">3<");
            slow.Markup.Should().Contain(">30<");
        }, TimeSpan.FromSeconds(10));
        refresh.BatchedPasses.Should().Be(0);
    }

    private CircuitRefresh UseRefresh(TimeSpan maxHold)
    {
        var refresh = new CircuitRefresh(_queries) { MaxHold = maxHold };
        _ctx.Services.AddSingleton(refresh);
        return refresh;
    }

    private IRenderedComponent<Screen> RenderScreen(bool batchPoint) => RenderScreen(batchPoint, Fast, Slow);

    private IRenderedComponent<Screen> RenderScreen(bool batchPoint, LiveQuery<int> first, LiveQuery<int> second)
    {
        var screen = _ctx.Render<Screen>(p => p.Add(s => s.Fast, first).Add(s => s.Slow, second).Add(s => s.BatchPoint, batchPoint));
        var (fast, slow) = Cards(screen);
        screen.WaitForAssertion(() =>
        {
            fast.Markup.Should().Contain(">0<");
            slow.Markup.Should().Contain(">0<");
        });
        return screen;
    }

    private static (IRenderedComponent<Card> Fast, IRenderedComponent<Card> Slow) Cards(IRenderedComponent<Screen> screen)
    {
        var cards = screen.FindComponents<Card>();
        return (cards[0], cards[1]);
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        condition().Should().BeTrue();
    }

    public void Dispose()
    {
        _ctx.Dispose();
        _queries.Dispose();
        _events.Dispose();
    }

    /// <summary>A screen as a layout makes it: the batch point, then two live cards.</summary>
    public sealed class Screen : ComponentBase
    {
        [Parameter]
        public LiveQuery<int> Fast { get; set; } = default!;

        [Parameter]
        public LiveQuery<int> Slow { get; set; } = default!;

        [Parameter]
        public bool BatchPoint { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            if (BatchPoint)
            {
                builder.OpenComponent<LiveBatchPoint>(0);
                builder.CloseComponent();
            }

            builder.OpenComponent<Card>(1);
            builder.AddComponentParameter(2, nameof(Card.Query), Fast);
            builder.CloseComponent();
            builder.OpenComponent<Card>(3);
            builder.AddComponentParameter(4, nameof(Card.Query), Slow);
            builder.CloseComponent();
        }
    }

    /// <summary>A card showing one shared answer; counts its renders.</summary>
    public sealed class Card : LiveComponentBase
    {
        private int _value;

        [Parameter]
        public LiveQuery<int> Query { get; set; } = default!;

        public int Renders { get; private set; }

        protected override IReadOnlyCollection<string> LiveTopics => [];

        protected override async Task LoadAsync() => _value = await Shared(Query);

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            Renders++;
            builder.AddMarkupContent(0, $"<span>{_value}</span>");
        }
    }
}
