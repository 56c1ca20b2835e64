using System.Globalization;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Domain.Charts;

/// <summary>A labelled value of a chart: one bar, or one point of a line.</summary>
public sealed record ChartPointValue(string Label, DateTime? Start, double Value);

/// <summary>Average days a lead spent in a stage, over the stays that ended (a stage still running has no length yet).</summary>
public sealed record StageDuration(LeadStatus Stage, double AverageDays, int Stays);

/// <summary>
/// Pure bucketing behind the charts: zero-filled weeks and days, and time in stage from the status history.
/// Weeks start on Monday (ISO 8601); every time is UTC.
/// </summary>
public static class ChartBuckets
{
    public static DateTime WeekStart(DateTime at)
    {
        var day = at.Date;
        var offset = ((int)day.DayOfWeek + 6) % 7;
        return DateTime.SpecifyKind(day.AddDays(-offset), DateTimeKind.Utc);
    }

    /// <summary>Sums per week for the <paramref name="weeks"/> weeks ending with the week of <paramref name="end"/>; empty weeks are 0.</summary>
    public static IReadOnlyList<ChartPointValue> WeeklySums(IEnumerable<(DateTime At, decimal Value)> items, DateTime end, int weeks)
    {
        var last = WeekStart(end);
        var first = last.AddDays(-7 * (weeks - 1));
        var sums = new double[weeks];
        foreach (var (at, value) in items)
        {
            var week = WeekStart(at);
            if (week < first || week > last)
            {
                continue;
            }

            sums[(int)((week - first).TotalDays / 7)] += (double)value;
        }

        return Enumerable.Range(0, weeks)
            .Select(i => first.AddDays(7 * i))
            .Select((start, i) => new ChartPointValue(start.ToString("dd MMM yy", CultureInfo.InvariantCulture), start, sums[i]))
            .ToList();
    }

    /// <summary>Counts per day for the <paramref name="days"/> days ending with the day of <paramref name="end"/>; empty days are 0.</summary>
    public static IReadOnlyList<ChartPointValue> DailyCounts(IEnumerable<DateTime> items, DateTime end, int days)
    {
        var last = DateTime.SpecifyKind(end.Date, DateTimeKind.Utc);
        var first = last.AddDays(-(days - 1));
        var counts = new double[days];
        foreach (var at in items)
        {
            var day = at.Date;
            if (day < first || day > last)
            {
                continue;
            }

            counts[(int)(day - first).TotalDays]++;
        }

        return Enumerable.Range(0, days)
            .Select(i => first.AddDays(i))
            .Select((day, i) => new ChartPointValue(day.ToString("dd MMM", CultureInfo.InvariantCulture), day, counts[i]))
            .ToList();
    }

    /// <summary>
    /// Time in stage from status history entries (any order, several leads mixed). A stay is the time from
    /// entering a stage to the lead's next change; the current stage of each lead has not ended and is not counted.
    /// Every stage except Lost is listed, in pipeline order, with 0 when no stay ended.
    /// </summary>
    public static IReadOnlyList<StageDuration> TimeInStage(IEnumerable<(int LeadId, LeadStatus To, DateTime At)> changes)
    {
        var totals = new Dictionary<LeadStatus, (double Days, int Count)>();
        foreach (var lead in changes.GroupBy(c => c.LeadId))
        {
            var ordered = lead.OrderBy(c => c.At).ToList();
            for (var i = 0; i < ordered.Count - 1; i++)
            {
                var days = (ordered[i + 1].At - ordered[i].At).TotalDays;
                var current = totals.GetValueOrDefault(ordered[i].To);
                totals[ordered[i].To] = (current.Days + days, current.Count + 1);
            }
        }

        return Enum.GetValues<LeadStatus>()
            .Where(s => s != LeadStatus.Lost)
            .Select(s => totals.TryGetValue(s, out var t) ? new StageDuration(s, Math.Round(t.Days / t.Count, 1), t.Count) : new StageDuration(s, 0, 0))
            .ToList();
    }
}
