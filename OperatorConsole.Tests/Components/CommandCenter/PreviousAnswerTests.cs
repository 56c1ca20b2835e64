using System.Runtime.CompilerServices;
using Bunit;
using FluentAssertions;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Brief;
using OperatorConsole.Web.Features.Scorecard;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.CommandCenter;

/// <summary>
/// Memory per circuit (issue 18): Blazor keeps each component's previous render tree until the component renders
/// again, so whatever a card's click handlers capture outlives the answer it was rendered from. After an answer
/// moves, an open card must not keep the previous answer's figures, lines or records alive: on the Maven data the
/// scorecard's records alone are 16,000 objects (1.6 MB), once more for every generation kept.
/// </summary>
public sealed class PreviousAnswerTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    [Fact]
    public async Task AfterTheAnswerMoves_AnOpenCardKeepsNothingOfThePreviousOneAlive()
    {
        _ctx.SignInAs();
        await _ctx.SeedLeadAsync("First", estimatedValue: 12_000m);
        var scorecard = _ctx.RenderWithMud<MoneyScorecard>();
        var brief = _ctx.RenderWithMud<TodaysBrief>();
        scorecard.WaitForAssertion(() => PipelineTotal(scorecard).Should().Contain("12,000"), TimeSpan.FromSeconds(10));
        brief.WaitForAssertion(() => brief.FindAll("[data-testid=TodaysBrief] button[aria-expanded]").Should().NotBeEmpty("a line with records has a toggle"), TimeSpan.FromSeconds(10));
        var previous = await PreviousAnswersAsync();

        await _ctx.SeedLeadAsync("Second", estimatedValue: 8_000m);

        scorecard.WaitForAssertion(() => PipelineTotal(scorecard).Should().Contain("20,000"), TimeSpan.FromSeconds(10));
        brief.WaitForAssertion(() => brief.Find("[data-testid='brief-brief.new_leads']").TextContent.Should().Contain("2"), TimeSpan.FromSeconds(10));
        var current = await CurrentAnswersAsync();
        var replaced = previous.Where(p => !p.TryGetTarget(out var value) || !current.Contains(value)).ToList();
        GC.KeepAlive(current);
        current = null;
        replaced.Should().NotBeEmpty("the change replaced the figures and the new-leads line");

        FullCollection.Run();

        var survivors = replaced.Select(w => w.TryGetTarget(out var value) ? value.ToString() : null).OfType<string>().ToList();
        survivors.Should().BeEmpty("no card (and not the registry) keeps a replaced figure or line, with its records, alive");
    }

    private static string PipelineTotal(IRenderedComponent<MoneyScorecard> card) =>
        card.Find("[data-testid='scorecard-value-scorecard.pipeline_value.total']").TextContent;

    /// <summary>Weak references to every figure and line of the current answers; not inlined, so no local keeps one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<List<WeakReference<object>>> PreviousAnswersAsync() =>
        [.. (await CurrentAnswersAsync()).Select(value => new WeakReference<object>(value))];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private async Task<HashSet<object>> CurrentAnswersAsync()
    {
        var queries = _ctx.Service<LiveQueries>();
        var figures = (await queries.GetAsync(MoneyScorecard.Query.For(ClockMode.Data))).Value.Figures;
        var lines = (await queries.GetAsync(_ctx.Service<BriefQuery>().Query.For(ClockMode.Data))).Value.Lines;
        return new HashSet<object>(figures.Cast<object>().Concat(lines), ReferenceEqualityComparer.Instance);
    }

    public void Dispose() => _ctx.Dispose();
}
