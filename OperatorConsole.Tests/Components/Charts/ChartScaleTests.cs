using OperatorConsole.Web.Features.Charts;

namespace OperatorConsole.Tests.Components.Charts;

/// <summary>Charts scale to their data: no axis to 20 for values near 3 (issue 22).</summary>
public sealed class ChartScaleTests
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(3, 1, 3)]
    [InlineData(2.4, 1, 3)]
    [InlineData(12, 5, 15)]
    [InlineData(48, 10, 50)]
    [InlineData(55000, 20000, 60000)]
    public void StepAndTop_GiveAboutFiveTicksEndingAtTheData(double max, int step, double top)
    {
        ChartScale.Step(max).Should().Be(step);
        ChartScale.Top(max).Should().Be(top);
    }

    [Fact]
    public void ChartGeometry_SmallValues_AxisEndsNearThem()
    {
        var geometry = new ChartGeometry([new ChartLine("x", [1, 3, 2])], 3, 240, rotatedLabels: false);

        geometry.Step.Should().Be(1);
        geometry.AxisTop.Should().Be(3);
        geometry.Ticks().Should().Equal(0, 1, 2, 3);
    }
}
