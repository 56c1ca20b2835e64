using MudBlazor.Charts;

namespace OperatorConsole.Web.Features.Charts;

/// <summary>
/// Fits a chart's vertical axis to its data. MudBlazor draws a tick every 20 units by default, so values near 3 sat
/// at the bottom of an axis running to 20; here the step is a "nice" number (1, 2, 5 × 10ⁿ) giving about five ticks
/// and the axis ends at the first tick at or above the largest value.
/// </summary>
public static class ChartScale
{
    public const int TargetTicks = 5;

    /// <summary>The tick step for data whose largest value is <paramref name="max"/> (at least 1: MudBlazor's ticks are whole).</summary>
    public static int Step(double max)
    {
        if (double.IsNaN(max) || max <= TargetTicks)
        {
            return 1;
        }

        var raw = max / TargetTicks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var nice = (raw / magnitude) switch { <= 1 => 1, <= 2 => 2, <= 5 => 5, _ => 10 };
        return (int)Math.Max(1, nice * magnitude);
    }

    /// <summary>The top of the axis: the first whole step at or above <paramref name="max"/>.</summary>
    public static double Top(double max)
    {
        var step = Step(max);
        return Math.Max(step, Math.Ceiling(Math.Max(0, max) / step) * step);
    }

    /// <summary>Sets the options' tick step and suggested maximum from the series' largest value.</summary>
    public static T FitTo<T>(this T options, IEnumerable<double> values) where T : DefaultAxisChartOptions
    {
        var max = values.DefaultIfEmpty(0).Max();
        options.YAxisTicks = Step(max);
        options.YAxisSuggestedMax = Top(max);
        return options;
    }
}
