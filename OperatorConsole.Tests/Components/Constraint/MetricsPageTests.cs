using Bunit;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Constraint;

namespace OperatorConsole.Tests.Components.Constraint;

public sealed class MetricsPageTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task MetricsPage_ListsEveryStuckLead_PagedAndByStage_NotOnlyTheFirst200()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        for (var i = 0; i < 28; i++)
        {
            await _ctx.SeedLeadAsync($"Qualified deal {i:00}", LeadStatus.Qualified);
        }

        for (var i = 0; i < 3; i++)
        {
            await _ctx.SeedLeadAsync($"Proposal deal {i}", LeadStatus.Proposal);
        }

        _ctx.Clock.Advance(TimeSpan.FromDays(10));

        var cut = _ctx.RenderWithMud<MetricsPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=stuck-lead-link]").Should().HaveCount(25, "the first page of 31"));
        cut.Find("[data-testid=stuck-leads]").TextContent.Should().Contain("31 stuck more than 7 d");
        cut.Find("[data-testid=stuck-leads-table]").TextContent.Should().Contain("1-25 of 31").And.Contain("10 d");

        cut.FindAll("[data-testid=stuck-stage-filter] .mud-chip").Single(c => c.TextContent.Contains("Proposal", StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=stuck-lead-link]").Select(a => a.TextContent)
            .Should().BeEquivalentTo("Proposal deal 0", "Proposal deal 1", "Proposal deal 2"));
    }

    [Fact]
    public async Task ConstraintCard_OnOldData_SaysHowLongNothingMoved_AsTheScreensWriteCounts()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        await _ctx.SeedLeadAsync("Old deal", LeadStatus.Qualified);
        _ctx.Clock.Advance(TimeSpan.FromDays(1500));

        var card = _ctx.RenderWithMud<ConstraintCard>();

        card.WaitForAssertion(() => card.Find("[data-testid=ConstraintCard]").TextContent.Should().Contain("No pipeline activity in the last 1,500 d"));
    }

    [Fact]
    public async Task MetricsPage_ConstraintCard_LinksToTheListNotToItself()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        for (var i = 0; i < 7; i++)
        {
            await _ctx.SeedLeadAsync($"Deal {i}", LeadStatus.Proposal);
        }

        _ctx.Clock.Advance(TimeSpan.FromDays(10));

        var metrics = _ctx.RenderWithMud<MetricsPage>();
        var card = _ctx.RenderWithMud<ConstraintCard>();

        metrics.WaitForAssertion(() => metrics.Find("[data-testid=constraint-more-stuck]").GetAttribute("href").Should().Be("/metrics#stuck-leads"));
        metrics.Find("[data-testid=constraint-more-stuck]").TextContent.Should().Be("+2 more stuck (all stages)");
        metrics.FindAll("[data-testid=ConstraintCard] a[href='/metrics']").Should().BeEmpty("the page does not link to itself");
        card.WaitForAssertion(() => card.FindAll("a[href='/metrics']").Should().ContainSingle("elsewhere the card opens the metrics"));
    }
}
