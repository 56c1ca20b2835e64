using Bunit;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Charts;
using OperatorConsole.Web.Features.CommandCenter;

namespace OperatorConsole.Tests.Components.CommandCenter;

/// <summary>The Command Center shows pipeline by stage once: the table card, not also a bar chart (issue 22).</summary>
public sealed class PipelineByStageOnceTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    [Fact]
    public void ChartsRow_HasNoPipelineByStageChart()
    {
        _ctx.SignInAs();
        var charts = _ctx.RenderWithMud<PipelineChartsCard>();

        charts.Markup.Should().NotContain("Pipeline by stage");
        charts.FindAll("[data-testid=chart-pipeline-stage]").Should().BeEmpty();
    }

    [Fact]
    public async Task PipelineByStageCard_ShowsMoneyWithItsCurrency_AndATotal()
    {
        _ctx.SignInAs();
        await _ctx.SeedLeadAsync("One");
        var card = _ctx.RenderWithMud<PipelineByStageCard>();

        card.WaitForAssertion(() => card.Find("[data-testid=pipeline-by-stage-total]").TextContent.Should().Contain("All stages").And.Contain("1").And.Contain("USD"));
    }

    /// <summary>On the Maven data every stage but Qualified read "0.0" days over an empty bar: no stay ended is no figure.</summary>
    [Fact]
    public async Task TimeInStage_DrawsOnlyStagesALeadHasLeft_AndTheTableSaysNoneForTheRest()
    {
        _ctx.SignInAs();
        var lead = await _ctx.SeedLeadAsync("One");
        _ctx.Clock.Advance(TimeSpan.FromDays(3));
        await _ctx.Service<LeadService>().ChangeStatusAsync(lead.Id, new ChangeLeadStatusRequest(LeadStatus.Qualified), ComponentTestContext.TestOperator);

        var chart = _ctx.RenderWithMud<TimeInStageChart>();

        chart.WaitForAssertion(() => chart.FindAll("[data-testid=chart-time-in-stage] svg rect").Should().ContainSingle());
        chart.Find("svg rect title").TextContent.Should().Contain("3.0");
        chart.FindAll("svg text").Select(t => t.TextContent).Where(t => t == "0.0").Should().ContainSingle("the axis's zero is the only 0.0: no value over an empty bar");
        var rows = chart.FindAll(".oc-sr-only tbody tr").Select(r => r.TextContent).ToList();
        rows.Should().Contain("New (1)3.0").And.Contain("Qualified (0)—");
    }

    public void Dispose() => _ctx.Dispose();
}
