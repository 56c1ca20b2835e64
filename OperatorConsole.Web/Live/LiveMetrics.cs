using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OperatorConsole.Web.Live;

/// <summary>
/// How fresh the open screens are, as a standard .NET meter (read it with <c>dotnet-counters monitor -n
/// OperatorConsole.Web --counters OperatorConsole.Live</c> or any OpenTelemetry exporter).
/// </summary>
public static class LiveMetrics
{
    public const string MeterName = "OperatorConsole.Live";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>From a saved change (as this instance heard it) to a screen that shows it having re-rendered.</summary>
    public static readonly Histogram<double> RefreshLag = Meter.CreateHistogram<double>(
        "operator_console.live.refresh_lag", "ms", "From a saved change to the re-render of a live screen that shows it");

    /// <summary>How long one shared computation (a Command Center card's query, once for every circuit) took.</summary>
    public static readonly Histogram<double> SharedQueryDuration = Meter.CreateHistogram<double>(
        "operator_console.live.shared_query_duration", "ms", "How long one shared live query took (once per change for every open screen)");

    internal static void RecordSharedQuery(long startedAt, string key)
    {
        if (SharedQueryDuration.Enabled)
        {
            SharedQueryDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalMilliseconds, new KeyValuePair<string, object?>("query", key));
        }
    }

    internal static void RecordRefresh(long changedAt, string component)
    {
        if (RefreshLag.Enabled)
        {
            RefreshLag.Record(Stopwatch.GetElapsedTime(changedAt).TotalMilliseconds, new KeyValuePair<string, object?>("component", component));
        }
    }
}
