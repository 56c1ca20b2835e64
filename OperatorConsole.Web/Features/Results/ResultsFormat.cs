using System.Globalization;
using MudBlazor;
using OperatorConsole.Domain.Results;

namespace OperatorConsole.Web.Features.Results;

/// <summary>How the Results Ledger writes numbers, tracks and flags, the same on the lead page and /clients.</summary>
public static class ResultsFormat
{
    public static string Value(decimal? value, string? unit = null) => value is { } v
        ? v.ToString("#,0.##", CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(unit) ? "" : " " + unit)
        : "—";

    public static string WithSign(decimal value, string? unit = null) =>
        (value > 0 ? "+" : "") + value.ToString("#,0.##", CultureInfo.InvariantCulture) + (string.IsNullOrWhiteSpace(unit) ? "" : " " + unit);

    public static string Percent(decimal value) => (value > 0 ? "+" : "") + value.ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Direction(ResultDirection direction) =>
        direction == ResultDirection.HigherIsBetter ? "higher is better" : "lower is better";

    public static string Track(ResultTrack track) => track switch
    {
        ResultTrack.NoTarget => "No target",
        ResultTrack.AwaitingMeasurement => "No measurement yet",
        ResultTrack.AwaitingBaseline => "No baseline",
        ResultTrack.OnTrack => "On track",
        ResultTrack.TargetMet => "Target met",
        ResultTrack.OffTrack => "Off track",
        _ => track.ToString(),
    };

    public static Color TrackColor(ResultTrack track) => track switch
    {
        ResultTrack.OnTrack or ResultTrack.TargetMet => Color.Success,
        ResultTrack.OffTrack => Color.Error,
        _ => Color.Default,
    };

    public static string Flag(ResultFlag flag) => flag switch
    {
        ResultFlag.OffTrack => "off track",
        ResultFlag.Unmeasured => "unmeasured",
        ResultFlag.NoTarget => "no target",
        _ => flag.ToString(),
    };

    public static Color MovementColor(DeltaMovement? movement) => movement switch
    {
        DeltaMovement.Better => Color.Success,
        DeltaMovement.Worse => Color.Error,
        _ => Color.Default,
    };

    public static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:0.#} KB",
        _ => $"{bytes / (1024.0 * 1024):0.#} MB",
    };
}
