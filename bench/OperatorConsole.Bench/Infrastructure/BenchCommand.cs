using System.Diagnostics;
using System.Globalization;

namespace OperatorConsole.Bench;

public interface IBenchCommand
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(BenchOptions options);
}

/// <summary>"--name value" pairs; every benchmark reads its own with defaults.</summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public static BenchOptions Parse(IEnumerable<string> args)
    {
        var options = new BenchOptions();
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = list[i][2..];
                var value = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal) ? list[++i] : "true";
                options._values[name] = value;
            }
        }

        return options;
    }

    public int Int(string name, int fallback) =>
        _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string? String(string name) => _values.GetValueOrDefault(name);
}

/// <summary>Latency samples in milliseconds and the figures the reports quote.</summary>
public sealed class Samples(string name)
{
    private readonly List<double> _ms = [];
    private readonly Lock _gate = new();

    public string Name { get; } = name;

    public int Count => _ms.Count;

    public void Add(double ms)
    {
        lock (_gate)
        {
            _ms.Add(ms);
        }
    }

    public static double Since(long startTimestamp) => Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds;

    public double Median => Percentile(50);

    public double P95 => Percentile(95);

    public double Max => _ms.Count == 0 ? 0 : _ms.Max();

    /// <summary>Nearest-rank percentile.</summary>
    public double Percentile(double p)
    {
        if (_ms.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _ms.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture, $"| {Name} | {Count} | {Median:0.0} | {P95:0.0} | {Max:0.0} |");
}
