using Bunit;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.CommandCenter;

namespace OperatorConsole.Tests.Components.CommandCenter;

/// <summary>
/// Pipeline by stage weighs the open deals by each stage's win rate, measured from the deals closed through the console
/// (ADR 248): the rate says what it is out of, and a stage without enough closed deals is named, not counted whole.
/// </summary>
public sealed class WeightedPipelineTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    [Fact]
    public async Task TheCard_ShowsEachOpenStagesMeasuredRate_AndTheWeightedPipeline_NamingAStageItCannotWeigh()
    {
        _ctx.SignInAs();
        // Ten deals closed from Qualified (six won), two more lost straight from New; open: one New, two Qualified, one Proposal.
        for (var i = 0; i < 10; i++)
        {
            await CloseAsync($"Closed {i}", through: LeadStatus.Qualified, won: i < 6);
        }

        await CloseAsync("Lost early A", through: null, won: false);
        await CloseAsync("Lost early B", through: null, won: false);
        await _ctx.SeedLeadAsync("Open new", estimatedValue: 10_000m);
        await _ctx.SeedLeadAsync("Open qualified A", LeadStatus.Qualified, estimatedValue: 3_000m);
        await _ctx.SeedLeadAsync("Open qualified B", LeadStatus.Qualified, estimatedValue: 2_000m);
        await _ctx.SeedLeadAsync("Open proposal", LeadStatus.Proposal, estimatedValue: 7_000m);

        var card = _ctx.RenderWithMud<PipelineByStageCard>();

        card.WaitForAssertion(() => card.Find("[data-testid=stage-win-rate-new]").TextContent.Should().Be("50 % of 12 closed"));
        // New: all 12 closed deals started there, 6 won. Qualified: the 10 that were in it, 6 won.
        card.Find("[data-testid=stage-win-rate-new]").GetAttribute("title").Should().Be("6 of the 12 closed deals that were in New were won");
        card.Find("[data-testid=stage-weighted-new]").TextContent.Should().Be("5,000 USD");
        card.Find("[data-testid=stage-win-rate-qualified]").TextContent.Should().Be("60 % of 10 closed");
        card.Find("[data-testid=stage-weighted-qualified]").TextContent.Should().Be("3,000 USD");
        card.Find("[data-testid=stage-win-rate-proposal]").TextContent.Should().Be("— (none closed)");
        card.Find("[data-testid=stage-weighted-proposal]").TextContent.Should().Be("—", "no rate, no weighted value");
        card.Find("[data-testid=stage-win-rate-approved]").TextContent.Should().BeEmpty("a closed stage has no rate to close");
        card.Find("[data-testid=pipeline-weighted-total]").TextContent.Should().Contain("Open pipeline, weighted").And.Contain("8,000 USD");
        card.Find("[data-testid=pipeline-weighted-note]").TextContent.Should()
            .Contain("from all 12 closed so far")
            .And.Contain("Not weighted: Proposal (1 deal, 7,000 USD), too few closed deals to measure.");
    }

    [Fact]
    public async Task ClosingADeal_MovesTheRate_OnTheOpenCard()
    {
        _ctx.SignInAs();
        for (var i = 0; i < 9; i++)
        {
            await CloseAsync($"Closed {i}", through: LeadStatus.Qualified, won: true);
        }

        var last = await _ctx.SeedLeadAsync("The tenth", LeadStatus.Qualified);
        var card = _ctx.RenderWithMud<PipelineByStageCard>();
        card.WaitForAssertion(() => card.Find("[data-testid=stage-win-rate-qualified]").TextContent.Should().Be("— (9 closed)"));

        (await _ctx.Service<LeadService>().ChangeStatusAsync(last.Id, new ChangeLeadStatusRequest(LeadStatus.Lost, "Chose another agency"), ComponentTestContext.TestOperator))
            .Succeeded.Should().BeTrue();

        card.WaitForAssertion(() => card.Find("[data-testid=stage-win-rate-qualified]").TextContent.Should().Be("90 % of 10 closed"), TimeSpan.FromSeconds(10));
    }

    /// <summary>Expected to close weighs each window by its deals' stages, from the same shared rates, and says what it leaves out.</summary>
    [Fact]
    public async Task ExpectedToClose_WeighsEachWindowByItsDealsStages_AndCountsTheDealsItLeavesOut()
    {
        _ctx.SignInAs();
        for (var i = 0; i < 10; i++)
        {
            await CloseAsync($"Closed {i}", through: LeadStatus.Qualified, won: i < 6);
        }

        var thisWeek = await _ctx.SeedLeadAsync("Closing Friday", LeadStatus.Qualified, estimatedValue: 1_000m);
        (await _ctx.Service<ExpectedCloseService>().SetAsync(thisWeek.Id, new SetExpectedCloseRequest(new DateOnly(2026, 11, 27)), ComponentTestContext.TestOperator))
            .Succeeded.Should().BeTrue();
        await _ctx.SeedLeadAsync("Undated new", estimatedValue: 2_000m);
        await _ctx.SeedLeadAsync("Undated proposal", LeadStatus.Proposal, estimatedValue: 5_000m);

        var card = _ctx.RenderWithMud<ExpectedToCloseCard>();

        // Qualified: 6 of 10 closed won; New: the same 10 closed deals started there, so 60 % too; Proposal: none closed.
        card.WaitForAssertion(() => card.Find("[data-testid=close-window-thisweek-weighted]").TextContent.Should().Be("600 USD"));
        card.Find("[data-testid=close-window-nodate-weighted]").TextContent.Should().Be("1,200 USD");
        card.Find("[data-testid=close-window-nodate-weighted]").GetAttribute("title").Should().Be("Leaves out 1 deal in a stage without a win rate");
        card.Find("[data-testid=close-window-nextweek-weighted]").TextContent.Should().Be("0 USD");
        card.Find("[data-testid=expected-to-close-weighted-note]").TextContent.Should().EndWith("It leaves out 1 deal in stages without a rate.");
    }

    private async Task CloseAsync(string title, LeadStatus? through, bool won)
    {
        var lead = await _ctx.SeedLeadAsync(title, estimatedValue: 1_000m);
        var leads = _ctx.Service<LeadService>();
        if (through is { } stage)
        {
            (await leads.ChangeStatusAsync(lead.Id, new ChangeLeadStatusRequest(stage), ComponentTestContext.TestOperator)).Succeeded.Should().BeTrue();
        }

        (await leads.ChangeStatusAsync(lead.Id, new ChangeLeadStatusRequest(won ? LeadStatus.Approved : LeadStatus.Lost), ComponentTestContext.TestOperator))
            .Succeeded.Should().BeTrue();
    }

    public void Dispose() => _ctx.Dispose();
}
