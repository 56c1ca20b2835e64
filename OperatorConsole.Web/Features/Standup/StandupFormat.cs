namespace OperatorConsole.Web.Features.Standup;

/// <summary>
/// The wall's own wording: panel ages in seconds (a stalled panel must be noticed). Numbers, money and waits use
/// <see cref="OperatorConsole.Web.Components.Shared.ConsoleFormat"/> like every other screen.
/// </summary>
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
}
