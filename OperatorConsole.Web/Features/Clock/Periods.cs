using System.Globalization;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Web.Components.Shared;

namespace OperatorConsole.Web.Features.Clock;

/// <summary>How cards name their period: "to 31 Dec 2017 (data as of)" or "to 1 Dec 2026 (now)".</summary>
public static class Periods
{
    public static string Day(DateTime at) => ConsoleFormat.Date(at);

    /// <summary>"25 Dec – 31 Dec 2017": a half-open window [from, to) shown by its first and last day.</summary>
    public static string Range(DateTime from, DateTime to)
    {
        var last = to.AddTicks(-1);
        return from.Year == last.Year
            ? $"{from.ToString("d MMM", CultureInfo.InvariantCulture)} – {Day(last)}"
            : $"{Day(from)} – {Day(last)}";
    }

    /// <summary>"as of 31 Dec 2017 (the newest data)" / "as of 1 Dec 2026 (now)": every label ends with the screen's date.</summary>
    public static string AsOf(ReferenceTime at) => at.IsDataAsOf ? $"as of {at.Date} (the newest data)" : $"as of {at.Date} (now)";
}
