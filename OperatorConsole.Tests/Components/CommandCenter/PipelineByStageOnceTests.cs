using Bunit;
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

    public void Dispose() => _ctx.Dispose();
}
