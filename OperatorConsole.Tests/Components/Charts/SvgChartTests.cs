using System.Globalization;
using Bunit;
using OperatorConsole.Web.Features.Charts;

namespace OperatorConsole.Tests.Components.Charts;

/// <summary>The one-component chart (ADR 197): what it draws is the data, on ChartScale's axis, readable without sight.</summary>
public sealed class SvgChartTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private static readonly string[] Days = Enumerable.Range(1, 14).Select(d => $"{d} Dec").ToArray();

    [Fact]
    public void LineChart_DrawsEachSeries_APointPerValue_AndTheValuesInATable()
    {
        var failed = Enumerable.Range(0, 14).Select(i => (double)(i % 4)).ToArray();
        var partial = Enumerable.Range(0, 14).Select(i => i == 13 ? 7d : 1d).ToArray();

        var cut = _ctx.Render<SvgChart>(p => p
            .Add(c => c.Series, [new ChartLine("Failed", failed), new ChartLine("Partial", partial)])
            .Add(c => c.Labels, Days)
            .Add(c => c.Title, "Runs per day"));

        cut.FindAll("polyline").Should().HaveCount(2);
        cut.FindAll("circle").Should().HaveCount(28);
        cut.FindAll("circle title").Select(t => t.TextContent).Should().Contain("14 Dec · Partial: 7");
        cut.Find(".oc-chart-legend").TextContent.Should().Contain("Failed").And.Contain("Partial");
        var rows = cut.FindAll(".oc-sr-only table tbody tr");
        rows.Should().HaveCount(14);
        rows[13].TextContent.Should().Be("14 Dec17");
        cut.Find(".oc-sr-only table caption").TextContent.Should().Be("Runs per day");
        cut.Find("svg").GetAttribute("aria-hidden").Should().Be("true", "the table says it for screen readers");
    }

    [Fact]
    public void Axis_UsesChartScaleTicks_UpToTheFirstTickAboveTheLargestValue()
    {
        var cut = _ctx.Render<SvgChart>(p => p
            .Add(c => c.Series, [new ChartLine("Won", [0, 120_000, 260_000])])
            .Add(c => c.Labels, ["W1", "W2", "W3"])
            .Add(c => c.Title, "Won"));

        var ticks = cut.FindAll("text.oc-chart-label[dominant-baseline=middle]").Select(t => t.TextContent).ToList();
        ticks.Should().Equal("0", "100,000", "200,000", "300,000");
    }

    [Fact]
    public void Bars_AreAsTallAsTheirValues_AndShowThem()
    {
        var cut = _ctx.Render<SvgChart>(p => p
            .Add(c => c.Series, [new ChartLine("Days", [2.5, 5])])
            .Add(c => c.Labels, ["New", "Qualified"])
            .Add(c => c.Title, "Days in stage")
            .Add(c => c.Kind, ChartKind.Bar)
            .Add(c => c.ValueFormat, "N1")
            .Add(c => c.ShowValues, true));

        var heights = cut.FindAll("rect").Select(r => double.Parse(r.GetAttribute("height")!, CultureInfo.InvariantCulture)).ToList();
        heights.Should().HaveCount(2);
        heights[1].Should().BeApproximately(2 * heights[0], 0.2);
        cut.FindAll("text.oc-chart-label").Select(t => t.TextContent).Should().Contain(["2.5", "5.0"]);
    }

    [Fact]
    public void Geometry_BreaksALineAtAMissingValue_AndWritesInvariantNumbers()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var geometry = new ChartGeometry([new ChartLine("x", [1, 2, null, 4, 5])], 5, 240, rotatedLabels: false);

            var segments = geometry.Segments(new ChartLine("x", [1.25, 2, null, 4, 5])).ToList();

            segments.Should().HaveCount(2);
            segments[0].Split(' ').Should().HaveCount(2);
            segments.Should().AllSatisfy(s => s.Should().MatchRegex(@"^[0-9.]+,[0-9.]+( [0-9.]+,[0-9.]+)*$"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void FixedAxis_RunsZeroToTheTopInItsSteps_WhateverTheData()
    {
        var cut = _ctx.Render<SvgChart>(p => p
            .Add(c => c.Series, [new ChartLine("Win rate %", [40, 55])])
            .Add(c => c.Labels, ["W1", "W2"])
            .Add(c => c.Title, "Win rate")
            .Add(c => c.AxisTop, 100)
            .Add(c => c.AxisStep, 20));

        cut.FindAll("text.oc-chart-label[dominant-baseline=middle]").Select(t => t.TextContent).Should().Equal("0", "20", "40", "60", "80", "100");
    }

    [Fact]
    public void ConnectGaps_DrawsOneLineThroughLabelsWithoutAValue()
    {
        var values = new double?[] { 10, null, 30 };
        var broken = _ctx.Render<SvgChart>(p => p
            .Add(c => c.Series, [new ChartLine("m", values)]).Add(c => c.Labels, ["a", "due b", "c"]).Add(c => c.Title, "t"));
        var connected = _ctx.Render<SvgChart>(p => p
            .Add(c => c.Series, [new ChartLine("m", values)]).Add(c => c.Labels, ["a", "due b", "c"]).Add(c => c.Title, "t")
            .Add(c => c.ConnectGaps, true));

        broken.FindAll("polyline").Should().HaveCount(2);
        connected.FindAll("polyline").Should().ContainSingle();
        connected.FindAll("circle").Should().HaveCount(2, "no point is drawn where nothing was measured");
    }
}
