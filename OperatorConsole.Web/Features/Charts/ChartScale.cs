namespace OperatorConsole.Web.Features.Charts;

/// <summary>
/// Fits a chart's vertical axis to its data (<see cref="ChartGeometry"/>): the step is a "nice" number (1, 2, 5 × 10ⁿ)
/// giving about five ticks, and the axis ends at the first tick at or above the largest value (values near 3 once sat
/// at the bottom of an axis running to 20).
/// </summary>
public static class ChartScale
{
    public const int TargetTicks = 5;

    /// <summary>The tick step for data whose largest value is <paramref name="max"/> (at least 1: ticks are whole numbers).</summary>
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
}
