using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Live;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Api.Foundation;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Charts;
using OperatorConsole.Web.Features.CommandCenter;
using OperatorConsole.Web.Features.Offers;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Live;

/// <summary>
/// The Command Center's answers that hold no time (leads per stage, revenue per offer, days per stage) are recomputed
/// by a change, not by the clock: with 100 screens open they were recomputed, and the revenue card re-rendered on
/// every screen, every 30 s with nothing changed.
/// </summary>
public sealed class TimelessAnswersTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private LiveQueries Queries => factory.Services.GetRequiredService<LiveQueries>();

    [Fact]
    public async Task LeadsPerStage_RevenuePerOffer_AndDaysPerStage_AreNotRecomputedWhenOnlyTimePasses()
    {
        await factory.CreateLeadAsync("Timeless lead", LeadStatus.Qualified);
        (await ComputationsAfterTimeAlone(PipelineByStageCard.Query)).Should().Be(0);
        (await ComputationsAfterTimeAlone(RevenueByOfferCard.Query)).Should().Be(0);
        (await ComputationsAfterTimeAlone(RevenueByOfferCard.PackagesQuery)).Should().Be(0, "revenue per package holds no time either (ADR 237)");
        (await ComputationsAfterTimeAlone(TimeInStageChart.Query)).Should().Be(0);
    }

    [Fact]
    public async Task LeadsPerStage_IsRecomputedByTheNextChange_AndStillBoundedByItsMaxAge()
    {
        var before = (await Queries.GetAsync(PipelineByStageCard.Query)).Value.Rows.Single(r => r.Stage == LeadStatus.Proposal).Count;

        await factory.CreateLeadAsync("Counted at once", LeadStatus.Proposal);
        var after = (await Queries.GetAsync(PipelineByStageCard.Query)).Value.Rows.Single(r => r.Stage == LeadStatus.Proposal).Count;
        after.Should().Be(before + 1, "a change is heard at once, whatever the max age");

        var computations = Queries.Computations(PipelineByStageCard.Query);
        factory.Clock.Advance(LiveQuery.TimelessMaxAge);
        await Queries.GetAsync(PipelineByStageCard.Query);
        Queries.Computations(PipelineByStageCard.Query).Should().Be(computations + 1, "the safety net for a write that published no change");
    }

    [Fact]
    public async Task RevenuePerOffer_KeepsItsVersion_WhenAChangeLeavesItsRowsAsTheyWere()
    {
        var first = await Queries.GetAsync(RevenueByOfferCard.Query);

        // A lead change that moves no offer's won or lost figures (its time stamp is new, its rows are not).
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        factory.Services.GetRequiredService<ConsoleEvents>().Publish([new ConsoleChange(nameof(Lead), "1")]);
        var second = await Queries.GetAsync(RevenueByOfferCard.Query);

        second.Value.GeneratedAt.Should().BeAfter(first.Value.GeneratedAt, "it was computed again");
        second.Version.Should().Be(first.Version, "no screen re-renders a card whose rows did not change");
    }

    private async Task<long> ComputationsAfterTimeAlone<T>(LiveQuery<T> query)
    {
        await Queries.GetAsync(query);
        var computations = Queries.Computations(query);
        factory.Clock.Advance(LiveQuery<T>.DefaultMaxAge + LiveQueries.TickInterval);
        await Queries.GetAsync(query);
        return Queries.Computations(query) - computations;
    }
}
