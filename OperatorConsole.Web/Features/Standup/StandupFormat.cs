using System.Globalization;

namespace OperatorConsole.Web.Features.Standup;

/// <summary>Wording of the stand-up screen, kept in one place so panels read alike.</summary>
public static class StandupFormat
{
    /// <summary>"updated 4 s ago" style: a wall screen shows seconds so a stalled panel is noticed.</summary>
    public static string Age(TimeSpan span) => span.TotalSeconds switch
    {
        < 1 => "updated just now",
        < 60 => $"updated {(int)span.TotalSeconds} s ago",
        < 3600 => $"updated {(int)span.TotalMinutes} min ago",
        _ => $"updated {(int)span.TotalHours} h ago",
    };

    /// <summary>How long something has waited: "3 d 4 h", "5 h 12 min", "40 min".</summary>
    public static string Waiting(TimeSpan span) => span.TotalMinutes switch
    {
        < 1 => "just now",
        < 60 => $"{(int)span.TotalMinutes} min",
        < 1440 => $"{(int)span.TotalHours} h {span.Minutes} min",
        _ => $"{(int)span.TotalDays} d {span.Hours} h",
    };

    public static string Money(decimal? value) => value is null ? "—" : value.Value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Number(decimal? value, string? unit) =>
        value is null ? "—" : value.Value.ToString("0.##", CultureInfo.InvariantCulture) + (string.IsNullOrEmpty(unit) ? "" : " " + unit);

    public static string Percent(decimal? value) =>
        value is null ? "" : (value.Value >= 0 ? "+" : "") + value.Value.ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
