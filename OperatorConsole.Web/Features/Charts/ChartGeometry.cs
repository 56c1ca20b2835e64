using System.Globalization;

namespace OperatorConsole.Web.Features.Charts;

/// <summary>One series of a <see cref="SvgChart"/>: a name and one value per label (null: no value there).</summary>
public sealed record ChartLine(string Name, IReadOnlyList<double?> Values)
{
    public ChartLine(string name, IEnumerable<double> values)
        : this(name, values.Select(v => (double?)v).ToList())
    {
    }
}

/// <summary>Line or bars.</summary>
public enum ChartKind
{
    Line,
    Bar,
}

/// <summary>
/// Where a <see cref="SvgChart"/> puts things, in its own coordinates (a 600-wide view box scaled to the card). Pure,
/// so the numbers are tested without a browser: the axis is <see cref="ChartScale"/>'s (about five "nice" ticks).
/// </summary>
public sealed class ChartGeometry
{
    public const double Width = 600;
    public const double Left = 52;
    public const double Right = 12;
    public const double Top = 14;

    /// <param name="axis">A fixed axis (top, step), e.g. 0–100 % in steps of 20 for a rate; otherwise fitted to the data.</param>
    public ChartGeometry(IReadOnlyList<ChartLine> series, int count, double height, bool rotatedLabels, (double Top, double Step)? axis = null)
    {
        Count = Math.Max(1, count);
        Height = height;
        Bottom = rotatedLabels ? 56 : 28;
        var max = series.SelectMany(s => s.Values).Where(v => v is not null).Select(v => v!.Value).DefaultIfEmpty(0).Max();
        Step = axis?.Step ?? ChartScale.Step(max);
        AxisTop = axis?.Top ?? ChartScale.Top(max);
    }

    public int Count { get; }

    public double Height { get; }

    public double Bottom { get; }

    /// <summary>The axis tick step and top value.</summary>
    public double Step { get; }

    public double AxisTop { get; }

    public double PlotWidth => Width - Left - Right;

    public double PlotHeight => Height - Top - Bottom;

    public double Baseline => Top + PlotHeight;

    /// <summary>The ticks from 0 to the axis top.</summary>
    public IEnumerable<double> Ticks()
    {
        for (var tick = 0d; tick <= AxisTop + (Step / 1000); tick += Step)
        {
            yield return tick;
        }
    }

    public double Y(double value) => Baseline - (Math.Clamp(value, 0, AxisTop) / AxisTop * PlotHeight);

    /// <summary>The centre of category <paramref name="index"/>: lines put their points there, bars their group.</summary>
    public double X(int index) => Left + ((index + 0.5) * PlotWidth / Count);

    /// <summary>The width of one category's slot.</summary>
    public double Slot => PlotWidth / Count;

    /// <summary>
    /// A line's runs of consecutive values as SVG points ("x,y x,y"); a null value breaks the line unless
    /// <paramref name="connectGaps"/> (a time axis where some labels are dates without a measurement).
    /// </summary>
    public IEnumerable<string> Segments(ChartLine line, bool connectGaps = false)
    {
        var points = new List<string>();
        for (var i = 0; i < line.Values.Count && i < Count; i++)
        {
            if (line.Values[i] is { } value)
            {
                points.Add($"{N(X(i))},{N(Y(value))}");
            }
            else if (points.Count > 0 && !connectGaps)
            {
                yield return string.Join(' ', points);
                points.Clear();
            }
        }

        if (points.Count > 0)
        {
            yield return string.Join(' ', points);
        }
    }

    /// <summary>A number for an SVG attribute: invariant, one decimal.</summary>
    public static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
