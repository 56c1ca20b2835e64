using Bunit;
using FluentAssertions;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.CommandCenter;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.CommandCenter;

/// <summary>
/// Two open Command Centers (two instances of a card, as two circuits have) share one computation per change,
/// both still update live, and recording a touch (a lead's activity only) does not reload a stage card.
/// </summary>
public sealed class SharedCardsTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    [Fact]
    public async Task TwoScreens_ShareOneComputationPerChange_AndBothUpdateLive()
    {
        _ctx.SignInAs();
        await _ctx.SeedLeadAsync("First");
        await _ctx.SeedLeadAsync("Second");
        var queries = _ctx.Service<LiveQueries>();

        var first = _ctx.Render<PipelineByStageCard>();
        var second = _ctx.Render<PipelineByStageCard>();
        first.WaitForAssertion(() => first.Find("[data-testid=stage-count-new]").TextContent.Should().Be("2"));
        second.WaitForAssertion(() => second.Find("[data-testid=stage-count-new]").TextContent.Should().Be("2"));
        var before = queries.TotalComputations;

        await _ctx.SeedLeadAsync("Third");

        first.WaitForAssertion(() => first.Find("[data-testid=stage-count-new]").TextContent.Should().Be("3"));
        second.WaitForAssertion(() => second.Find("[data-testid=stage-count-new]").TextContent.Should().Be("3"));
        queries.TotalComputations.Should().Be(before + 1, "both screens take the one computation made after the change");
    }

    [Fact]
    public async Task RecordingATouch_DoesNotReloadAStageCard()
    {
        _ctx.SignInAs();
        var lead = await _ctx.SeedLeadAsync("Touched");
        var queries = _ctx.Service<LiveQueries>();
        var card = _ctx.Render<PipelineByStageCard>();
        card.WaitForAssertion(() => card.Find("[data-testid=stage-count-new]").TextContent.Should().Be("1"));
        var before = queries.TotalComputations;

        var touch = await _ctx.Service<LeadService>().RecordTouchAsync(
            lead.Id, new RecordTouchRequest(TouchChannel.Email, TouchDirection.Outbound, "Sent the recap"), ComponentTestContext.TestOperator);
        touch.Succeeded.Should().BeTrue();
        await _ctx.SeedLeadAsync("A real lead change afterwards");

        card.WaitForAssertion(() => card.Find("[data-testid=stage-count-new]").TextContent.Should().Be("2"));
        queries.TotalComputations.Should().Be(before + 1, "only the new lead, not the touch, made the card recompute");
    }

    /// <summary>Render only what changed: a saved lead that leaves the stage counts as they were re-renders nothing.</summary>
    [Fact]
    public async Task AChangeThatLeavesTheCardsDataAsItWas_DoesNotReRenderIt()
    {
        _ctx.SignInAs();
        await _ctx.SeedLeadAsync("Steady");
        var queries = _ctx.Service<LiveQueries>();
        var card = _ctx.Render<PipelineByStageCard>();
        card.WaitForAssertion(() => card.Find("[data-testid=stage-count-new]").TextContent.Should().Be("1"), TimeSpan.FromSeconds(10));
        var renders = card.RenderCount;
        var computations = queries.TotalComputations;

        _ctx.Service<ConsoleEvents>().Publish([new OperatorConsole.Data.Live.ConsoleChange(nameof(Lead), "1")]);

        // Polled, not card.WaitForAssertion: bUnit re-checks that on the card's renders, and the point here is that
        // there is none. At least once: a max-age refresh on a busy machine may add another same-answer computation.
        for (var waited = 0; queries.TotalComputations <= computations && waited < 10_000; waited += 20)
        {
            await Task.Delay(20);
        }

        queries.TotalComputations.Should().BeGreaterThan(computations, "the change was heard and the query recomputed");
        await Task.Delay(200);
        card.RenderCount.Should().Be(renders, "the answer did not change, so the card is not re-rendered");

        await _ctx.SeedLeadAsync("A second lead");
        card.WaitForAssertion(() => card.Find("[data-testid=stage-count-new]").TextContent.Should().Be("2"), TimeSpan.FromSeconds(10));
        card.RenderCount.Should().BeGreaterThan(renders);
    }

    public void Dispose() => _ctx.Dispose();
}
