using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Domain.Scorecard;

/// <summary>A proposal with an outcome, as the scorecard needs it.</summary>
public sealed record ClosedDeal(
    int ProposalId, int LeadId, string LeadTitle, ProposalOutcome Outcome, decimal? Value, DateTime OutcomeAt, DateTime LeadCreatedAt);

/// <summary>A lead still being sold (New, Qualified, Proposal), with its estimated value.</summary>
public sealed record OpenLead(int LeadId, string Title, LeadStatus Stage, decimal? EstimatedValue);

/// <summary>One record behind a figure, with where to open it.</summary>
public sealed record FigureRecord(string Type, int Id, string Title, decimal? Value, DateTime? At, string Link);

/// <summary>A half-open time window [From, To).</summary>
public sealed record Period(DateTime From, DateTime To)
{
    public bool Contains(DateTime at) => at >= From && at < To;
}

/// <summary>
/// One number of the scorecard. <see cref="Key"/> is stable (the ops chat cites it as a source, e.g.
/// <c>scorecard.won_value.week</c>); <see cref="Previous"/> is the same figure for the previous period.
/// <see cref="Current"/> is null for a figure that is a snapshot of now (open pipeline).
/// </summary>
public sealed record ScorecardFigure(
    string Key,
    string Label,
    string Unit,
    decimal? Value,
    decimal? Previous,
    Period? Current,
    Period? PreviousPeriod,
    IReadOnlyList<FigureRecord> Records,
    IReadOnlyList<FigureRecord> PreviousRecords);

public sealed record MoneyScorecardReport(DateTime GeneratedAt, int PeriodDays, IReadOnlyList<ScorecardFigure> Figures)
{
    /// <summary>The moment the figures were computed against (data as of, or now); set by the service.</summary>
    public ReferenceTime Clock { get; init; } = default!;

    public ScorecardFigure? Figure(string key) => Figures.FirstOrDefault(f => f.Key == key);
}

/// <summary>
/// The money scorecard's arithmetic, pure: weeks start Monday 00:00 UTC, months on the 1st, years on 1 January;
/// "this week", "this month" and "this year" run to now (the screen's reference time — the data's "as of" date for
/// historic data, so an imported 2017 shows its whole year) and are compared with the whole previous week / month / year. Rates (win rate,
/// average deal size, cycle time) use the rolling period of the constraint (Thresholds.ConstraintPeriodDays)
/// so the scorecard and the constraint card quote the same win rate.
/// </summary>
public static class ScorecardCalculator
{
    public const string Money = "money";
    public const string Percent = "percent";
    public const string Days = "days";

    public static readonly LeadStatus[] OpenStages = [.. LeadStatusExtensions.OpenDealStages];

    public static DateTime WeekStart(DateTime now)
    {
        var day = now.Date;
        return DateTime.SpecifyKind(day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), DateTimeKind.Utc);
    }

    public static DateTime MonthStart(DateTime now) => new(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime YearStart(DateTime now) => new(now.Year, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>The earliest outcome time any figure looks at (so the data layer loads only that window).</summary>
    public static DateTime EarliestNeeded(DateTime now, int periodDays) =>
        new[] { WeekStart(now).AddDays(-7), MonthStart(now).AddMonths(-1), YearStart(now).AddYears(-1), now.AddDays(-2 * periodDays) }.Min();

    public static MoneyScorecardReport Compute(DateTime now, IReadOnlyList<ClosedDeal> deals, IReadOnlyList<OpenLead> openLeads, int periodDays)
    {
        periodDays = Math.Max(1, periodDays);
        var windows = Windows.At(now, periodDays);
        var figures = new List<ScorecardFigure>
        {
            WonValue("scorecard.won_value.week", "Won this week", deals, windows.Week, windows.LastWeek),
            WonValue("scorecard.won_value.month", "Won this month", deals, windows.Month, windows.LastMonth),
            WonValue("scorecard.won_value.year", "Won this year", deals, windows.Year, windows.LastYear),
        };
        figures.AddRange(PipelineFigures(openLeads));
        figures.AddRange(RateFigures(deals, windows, periodDays));
        return new MoneyScorecardReport(now, periodDays, figures);
    }

    /// <summary>The calendar windows "to now" and the rolling ones, each with the window it is compared with.</summary>
    private sealed record Windows(
        Period Week, Period LastWeek, Period Month, Period LastMonth, Period Year, Period LastYear, Period Rolling, Period LastRolling)
    {
        public static Windows At(DateTime now, int periodDays)
        {
            var until = now.AddTicks(1); // "to now" includes now
            var week = new Period(WeekStart(now), until);
            var month = new Period(MonthStart(now), until);
            var year = new Period(YearStart(now), until);
            // The constraint's windows exactly — (now − period, now] and the one before — so both cards quote the same win
            // rate even for date-only data (an imported deal closed at midnight on the boundary day counts in one period).
            var rolling = new Period(now.AddDays(-periodDays).AddTicks(1), until);
            return new Windows(
                week, new Period(week.From.AddDays(-7), week.From),
                month, new Period(month.From.AddMonths(-1), month.From),
                year, new Period(year.From.AddYears(-1), year.From),
                rolling, new Period(now.AddDays(-2 * periodDays).AddTicks(1), rolling.From));
        }
    }

    /// <summary>The open pipeline's value per open stage, then in total: snapshots of now, with nothing to compare.</summary>
    private static IEnumerable<ScorecardFigure> PipelineFigures(IReadOnlyList<OpenLead> openLeads)
    {
        foreach (var stage in OpenStages)
        {
            var inStage = openLeads.Where(l => l.Stage == stage).ToList();
            yield return Snapshot($"scorecard.pipeline_value.{stage.ToString().ToLowerInvariant()}", $"Open pipeline in {stage}", inStage);
        }

        yield return Snapshot("scorecard.pipeline_value.total", "Open pipeline", openLeads.Where(l => OpenStages.Contains(l.Stage)).ToList());
    }

    private static ScorecardFigure Snapshot(string key, string label, List<OpenLead> leads) =>
        new(key, label, Money, leads.Sum(l => l.EstimatedValue ?? 0), null, null, null, leads.Select(LeadRecord).ToList(), []);

    /// <summary>Win rate, deal size and cycle time over the rolling period (and the year's win rate), each against the window before.</summary>
    private static IEnumerable<ScorecardFigure> RateFigures(IReadOnlyList<ClosedDeal> deals, Windows w, int periodDays)
    {
        var decidedNow = deals.Where(d => w.Rolling.Contains(d.OutcomeAt)).ToList();
        var decidedThen = deals.Where(d => w.LastRolling.Contains(d.OutcomeAt)).ToList();
        yield return new ScorecardFigure(
            "scorecard.win_rate", $"Win rate (last {periodDays} d vs the {periodDays} d before)", Percent,
            WinRate(decidedNow), WinRate(decidedThen), w.Rolling, w.LastRolling, decidedNow.Select(DealRecord).ToList(), decidedThen.Select(DealRecord).ToList());

        // The year's win rate is the figure an imported history is judged by (won ÷ decided over the whole year).
        yield return new ScorecardFigure(
            "scorecard.win_rate.year", "Win rate this year", Percent,
            WinRate(deals.Where(d => w.Year.Contains(d.OutcomeAt)).ToList()), WinRate(deals.Where(d => w.LastYear.Contains(d.OutcomeAt)).ToList()),
            w.Year, w.LastYear, [], []);

        var wonNow = decidedNow.Where(d => d.Outcome == ProposalOutcome.Won).ToList();
        var wonThen = decidedThen.Where(d => d.Outcome == ProposalOutcome.Won).ToList();
        yield return new ScorecardFigure(
            "scorecard.avg_deal_size", "Average deal size", Money,
            AverageDealSize(wonNow), AverageDealSize(wonThen), w.Rolling, w.LastRolling, wonNow.Select(DealRecord).ToList(), wonThen.Select(DealRecord).ToList());
        yield return new ScorecardFigure(
            "scorecard.cycle_time_days", "Average cycle time (lead created → won)", Days,
            AverageCycleDays(wonNow), AverageCycleDays(wonThen), w.Rolling, w.LastRolling, wonNow.Select(DealRecord).ToList(), wonThen.Select(DealRecord).ToList());
    }

    /// <summary>Won ÷ decided (won + lost + no response), as a percentage with one decimal; null when nothing was decided.</summary>
    public static decimal? WinRate(IReadOnlyCollection<ClosedDeal> decided) =>
        decided.Count == 0 ? null : Math.Round(100m * decided.Count(d => d.Outcome == ProposalOutcome.Won) / decided.Count, 1);

    public static decimal? AverageDealSize(IReadOnlyCollection<ClosedDeal> won) =>
        won.Count == 0 ? null : Math.Round(won.Average(d => d.Value ?? 0), 2);

    /// <summary>The middle won deal (the mean of the two middle ones for an even count): a few large deals move the
    /// average, not the median.</summary>
    public static decimal? MedianDealSize(IReadOnlyCollection<ClosedDeal> won) => Median(won.Select(d => d.Value ?? 0));

    /// <summary>The middle value (the mean of the two middle ones for an even count); null for none.</summary>
    public static decimal? Median(IEnumerable<decimal> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? null
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : Math.Round((sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, 2);
    }

    public static decimal? AverageCycleDays(IReadOnlyCollection<ClosedDeal> won) =>
        won.Count == 0 ? null : Math.Round((decimal)won.Average(d => (d.OutcomeAt - d.LeadCreatedAt).TotalDays), 1);

    private static ScorecardFigure WonValue(string key, string label, IReadOnlyList<ClosedDeal> deals, Period current, Period previous)
    {
        var now = deals.Where(d => d.Outcome == ProposalOutcome.Won && current.Contains(d.OutcomeAt)).ToList();
        var then = deals.Where(d => d.Outcome == ProposalOutcome.Won && previous.Contains(d.OutcomeAt)).ToList();
        return new ScorecardFigure(key, label, Money, now.Sum(d => d.Value ?? 0), then.Sum(d => d.Value ?? 0), current, previous,
            now.Select(DealRecord).ToList(), then.Select(DealRecord).ToList());
    }

    private static FigureRecord DealRecord(ClosedDeal d) =>
        new("proposal", d.ProposalId, $"{d.LeadTitle} ({d.Outcome.ToString().ToLowerInvariant()})", d.Value, d.OutcomeAt, $"/leads/{d.LeadId}#proposal-{d.ProposalId}");

    private static FigureRecord LeadRecord(OpenLead l) => new("lead", l.LeadId, l.Title, l.EstimatedValue, null, $"/leads/{l.LeadId}");
}
