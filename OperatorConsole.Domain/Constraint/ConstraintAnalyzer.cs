using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Domain.Constraint;

/// <summary>One status change, as the analyzer needs it.</summary>
public sealed record StageChange(int LeadId, LeadStatus? From, LeadStatus To, DateTime At);

/// <summary>A lead as it stands now.</summary>
public sealed record LeadNow(int LeadId, string Title, LeadStatus Status, DateTime InStatusSince);

/// <summary>
/// What the analyzer needs: history, current leads, pending approvals, the clock and the period. <see cref="Now"/> is
/// the screen's reference time (the data's "as of" date for historic data); approvals wait in real time, so their age
/// is measured against <see cref="ApprovalsNow"/> (the wall clock; <see cref="Now"/> when not given).
/// </summary>
public sealed record ConstraintInput(
    IReadOnlyList<StageChange> Changes,
    IReadOnlyList<LeadNow> Leads,
    IReadOnlyList<DateTime> PendingApprovalsRequestedAt,
    DateTime Now,
    int PeriodDays,
    int StuckDays,
    DateTime? ApprovalsNow = null);

/// <summary>A number with its comparison: "proposal cycle 2.1 d → 5.8 d".</summary>
public sealed record EvidenceItem(
    string Key,
    string Label,
    double? Previous,
    double? Current,
    string Unit,
    string Text,
    bool Worse,
    IReadOnlyList<int> LeadIds);

public sealed record StageStats(
    LeadStatus Stage,
    int InStage,
    int Stuck,
    IReadOnlyList<int> StuckLeadIds,
    double? AvgDaysThisPeriod,
    double? AvgDaysPreviousPeriod,
    int EnteredThisPeriod,
    int EnteredPreviousPeriod,
    int LeftThisPeriod,
    int LeftPreviousPeriod,
    double Pressure);

public sealed record ConstraintSnapshot(
    DateTime AsOf,
    int PeriodDays,
    int StuckDays,
    LeadStatus? Bottleneck,
    string Summary,
    IReadOnlyList<EvidenceItem> Evidence,
    IReadOnlyList<string> RecommendedActions,
    IReadOnlyList<StageStats> Stages,
    double? WinRateThisPeriod,
    double? WinRatePreviousPeriod,
    int ApprovalsPending,
    double? OldestApprovalDays);

/// <summary>
/// Names the bottleneck stage from the status history and gives the evidence behind it. The rule, in the
/// product's words: the stage where work piles up. A stage's pressure is its stuck leads (in the stage
/// longer than StuckDays), plus work entering faster than it leaves this period, plus how much slower it
/// got than last period. The stage with the highest pressure is the bottleneck, if any pressure exists;
/// otherwise there is "no bottleneck yet" (an honest answer, not an error).
/// </summary>
public static class ConstraintAnalyzer
{
    /// <summary>Stages where a lead waits on us; Lost and Shipped are ends, not queues.</summary>
    public static readonly LeadStatus[] FlowStages =
        [LeadStatus.New, LeadStatus.Qualified, LeadStatus.Proposal, LeadStatus.Approved, LeadStatus.Building];

    /// <summary>
    /// The stages where a lead waits on us in this pipeline: New, Qualified and Proposal always; Approved and Building
    /// only when leads are seen leaving them. A sales-only pipeline (an imported CRM where "won" is the end) never moves
    /// leads out of Approved: there its won deals are done, not queued, so they are neither stuck nor a bottleneck.
    /// </summary>
    public static IReadOnlySet<LeadStatus> QueueStages(IEnumerable<StageChange> changes)
    {
        var everLeft = changes.Where(c => c.From is not null).Select(c => c.From!.Value).ToHashSet();
        return FlowStages.Where(stage => stage < LeadStatus.Approved || everLeft.Contains(stage)).ToHashSet();
    }

    /// <summary>
    /// Whether a lead is stuck: in a queue stage for longer than <paramref name="stuckDays"/> at <paramref name="now"/>.
    /// The stages' counts and the list of stuck leads behind them both use this rule.
    /// </summary>
    public static bool IsStuck(LeadNow lead, DateTime now, int stuckDays, IReadOnlySet<LeadStatus> queues) =>
        queues.Contains(lead.Status) && lead.InStatusSince < now - TimeSpan.FromDays(stuckDays);

    public static ConstraintSnapshot Analyze(ConstraintInput input) => Analyze(input, QueueStages(input.Changes));

    /// <summary>The analysis with the queue stages already read from <c>input.Changes</c> (a caller that lists the stuck leads too needs them once).</summary>
    public static ConstraintSnapshot Analyze(ConstraintInput input, IReadOnlySet<LeadStatus> queues)
    {
        var period = TimeSpan.FromDays(Math.Max(1, input.PeriodDays));
        var thisStart = input.Now - period;
        var previousStart = thisStart - period;
        var durations = StageDurations(input.Changes);

        var stages = FlowStages.Select(stage =>
        {
            var inStage = input.Leads.Where(l => l.Status == stage).ToList();
            var stuck = inStage.Where(l => IsStuck(l, input.Now, input.StuckDays, queues)).OrderBy(l => l.InStatusSince).Select(l => l.LeadId).ToList();
            var exits = durations.Where(d => d.Stage == stage).ToList();
            var avgThis = Average(exits.Where(d => d.Left > thisStart && d.Left <= input.Now).Select(d => d.Days));
            var avgPrevious = Average(exits.Where(d => d.Left > previousStart && d.Left <= thisStart).Select(d => d.Days));
            var enteredThis = input.Changes.Count(c => c.To == stage && c.At > thisStart && c.At <= input.Now);
            var enteredPrevious = input.Changes.Count(c => c.To == stage && c.At > previousStart && c.At <= thisStart);
            var leftThis = input.Changes.Count(c => c.From == stage && c.At > thisStart && c.At <= input.Now);
            var leftPrevious = input.Changes.Count(c => c.From == stage && c.At > previousStart && c.At <= thisStart);
            var slowdown = avgThis is { } a && avgPrevious is { } p && a > p ? a - p : 0;
            var pressure = queues.Contains(stage) ? stuck.Count + Math.Max(0, enteredThis - leftThis) + slowdown : 0;
            return new StageStats(stage, inStage.Count, stuck.Count, stuck, avgThis, avgPrevious, enteredThis, enteredPrevious, leftThis, leftPrevious, Math.Round(pressure, 2));
        }).ToList();

        var winThis = WinRate(input.Changes, thisStart, input.Now);
        var winPrevious = WinRate(input.Changes, previousStart, thisStart);
        var oldestApproval = input.PendingApprovalsRequestedAt.Count == 0 ? (double?)null
            : Math.Round(((input.ApprovalsNow ?? input.Now) - input.PendingApprovalsRequestedAt.Min()).TotalDays, 1);

        var worst = stages.OrderByDescending(s => s.Pressure).ThenByDescending(s => s.Stuck).ThenByDescending(s => s.InStage).First();
        LeadStatus? bottleneck = worst.Pressure > 0 ? worst.Stage : null;
        var evidence = bottleneck is null ? [] : Evidence(worst, input, winThis, winPrevious, oldestApproval);
        var actions = bottleneck is null ? [] : Actions(worst, input, winThis, winPrevious, oldestApproval);
        var summary = bottleneck is null
            ? input.Leads.Count == 0 && input.Changes.Count == 0
                ? "No bottleneck yet: there is no pipeline history to measure."
                : "No bottleneck yet: nothing is stuck, piling up or slowing down."
            : $"{worst.Stage} is the bottleneck: {Describe(worst, input.StuckDays)}.";

        return new ConstraintSnapshot(
            input.Now, input.PeriodDays, input.StuckDays, bottleneck, summary, evidence, actions, stages,
            winThis, winPrevious, input.PendingApprovalsRequestedAt.Count, oldestApproval);
    }

    /// <summary>A count as the screens write it, whatever the server's culture: "1,589".</summary>
    private static string N(int count) => count.ToString("#,0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(StageStats s, int stuckDays)
    {
        var parts = new List<string>();
        if (s.Stuck > 0)
        {
            parts.Add($"{N(s.Stuck)} lead{(s.Stuck == 1 ? "" : "s")} stuck > {stuckDays} d");
        }

        if (s.AvgDaysThisPeriod is { } a && s.AvgDaysPreviousPeriod is { } p && a > p)
        {
            parts.Add($"time in stage {p:0.0} d → {a:0.0} d");
        }

        if (s.EnteredThisPeriod > s.LeftThisPeriod)
        {
            parts.Add($"{N(s.EnteredThisPeriod)} in vs {N(s.LeftThisPeriod)} out this period");
        }

        return parts.Count == 0 ? "most pressure of all stages" : string.Join(", ", parts);
    }

    private static List<EvidenceItem> Evidence(StageStats s, ConstraintInput input, double? winThis, double? winPrevious, double? oldestApproval)
    {
        var thisStart = input.Now - TimeSpan.FromDays(Math.Max(1, input.PeriodDays));
        var previousStart = thisStart - TimeSpan.FromDays(Math.Max(1, input.PeriodDays));
        var name = s.Stage.ToString().ToLowerInvariant();
        var items = new List<EvidenceItem>
        {
            new("leadsStuck", $"Leads stuck > {input.StuckDays} d in {s.Stage}", null, s.Stuck, "leads",
                $"{N(s.Stuck)} of {N(s.InStage)} leads in {s.Stage} have been there more than {input.StuckDays} d", s.Stuck > 0, s.StuckLeadIds),
            new($"avgDaysIn{s.Stage}", $"Average time in {s.Stage}", Round(s.AvgDaysPreviousPeriod), Round(s.AvgDaysThisPeriod), "days",
                $"{name} cycle {Fmt(s.AvgDaysPreviousPeriod)} d → {Fmt(s.AvgDaysThisPeriod)} d (previous {input.PeriodDays} d → last {input.PeriodDays} d)",
                s.AvgDaysThisPeriod > s.AvgDaysPreviousPeriod, []),
            new("throughputIn", $"Entered {s.Stage}", s.EnteredPreviousPeriod, s.EnteredThisPeriod, "leads",
                $"{N(s.EnteredPreviousPeriod)} → {N(s.EnteredThisPeriod)} leads entered {s.Stage}", false, []),
            new("throughputOut", $"Left {s.Stage}", s.LeftPreviousPeriod, s.LeftThisPeriod, "leads",
                // Flagged when fewer leave than enter: the stage is filling up, whatever the trend of exits.
                s.LeftThisPeriod < s.EnteredThisPeriod
                    ? $"{N(s.LeftPreviousPeriod)} → {N(s.LeftThisPeriod)} leads left {s.Stage}, fewer than the {N(s.EnteredThisPeriod)} that entered"
                    : $"{N(s.LeftPreviousPeriod)} → {N(s.LeftThisPeriod)} leads left {s.Stage}",
                s.LeftThisPeriod < s.EnteredThisPeriod, []),
            new("approvalsPending", "Approvals pending", null, input.PendingApprovalsRequestedAt.Count, "approvals",
                input.PendingApprovalsRequestedAt.Count == 0 ? "No approvals waiting" : $"{N(input.PendingApprovalsRequestedAt.Count)} approvals waiting, oldest {oldestApproval:0.0} d",
                input.PendingApprovalsRequestedAt.Count > 0, []),
            new("winRate", "Win rate", Round(winPrevious * 100), Round(winThis * 100), "%",
                // The sample beside each rate: 100 % of 1 closed deal is not a trend.
                $"win rate {Pct(winPrevious)} of {N(Closed(input.Changes, previousStart, thisStart))} closed → {Pct(winThis)} of {N(Closed(input.Changes, thisStart, input.Now))} closed",
                winThis < winPrevious, []),
        };
        return items;
    }

    private static List<string> Actions(StageStats s, ConstraintInput input, double? winThis, double? winPrevious, double? oldestApproval)
    {
        var actions = new List<string>();
        if (s.Stuck > 0)
        {
            actions.Add(s.Stage switch
            {
                LeadStatus.Proposal => $"Follow up the {N(s.Stuck)} proposal-stage leads waiting more than {input.StuckDays} d: send, chase or close them.",
                LeadStatus.New => $"Qualify or drop the {N(s.Stuck)} new leads older than {input.StuckDays} d.",
                LeadStatus.Qualified => $"Book next steps for the {N(s.Stuck)} qualified leads idle more than {input.StuckDays} d, or draft their proposals.",
                LeadStatus.Approved => $"Start the {N(s.Stuck)} approved builds waiting more than {input.StuckDays} d (a human start in Build Ops).",
                LeadStatus.Building => $"Unblock the {N(s.Stuck)} builds running longer than {input.StuckDays} d: check Build Ops and agent jobs.",
                _ => $"Move the {N(s.Stuck)} stuck leads in {s.Stage}.",
            });
        }

        if (s.AvgDaysThisPeriod is { } a && s.AvgDaysPreviousPeriod is { } p && a > p * 1.2)
        {
            actions.Add(s.Stage == LeadStatus.Proposal
                ? $"Proposal cycle rose {p:0.0} d → {a:0.0} d: start drafts from a service package and request send the same day."
                : $"Time in {s.Stage} rose {p:0.0} d → {a:0.0} d: find what changed in this stage this period.");
        }

        if (input.PendingApprovalsRequestedAt.Count > 0)
        {
            actions.Add($"Decide the {N(input.PendingApprovalsRequestedAt.Count)} pending approvals (oldest {oldestApproval:0.0} d) on /approvals.");
        }

        if (winThis is { } w && winPrevious is { } wp && w < wp)
        {
            actions.Add($"Win rate fell {wp:P0} → {w:P0}: review the lost reasons and the offer ladder for recent proposals.");
        }

        return actions;
    }

    /// <summary>How long each visit to a stage lasted, for visits that ended (the next change of the same lead).</summary>
    public static IReadOnlyList<(int LeadId, LeadStatus Stage, DateTime Entered, DateTime Left, double Days)> StageDurations(IReadOnlyList<StageChange> changes)
    {
        var result = new List<(int, LeadStatus, DateTime, DateTime, double)>();
        foreach (var lead in changes.GroupBy(c => c.LeadId))
        {
            var ordered = lead.OrderBy(c => c.At).ToList();
            for (var i = 0; i + 1 < ordered.Count; i++)
            {
                var entered = ordered[i];
                var left = ordered[i + 1];
                result.Add((lead.Key, entered.To, entered.At, left.At, Math.Max(0, (left.At - entered.At).TotalDays)));
            }
        }

        return result;
    }

    /// <summary>Won = reached Approved from Proposal or earlier; lost = moved to Lost; decided within the window.</summary>
    public static double? WinRate(IReadOnlyList<StageChange> changes, DateTime from, DateTime to)
    {
        var won = changes.Count(c => c.To == LeadStatus.Approved && c.From is not null && c.From < LeadStatus.Approved && c.At > from && c.At <= to);
        var lost = changes.Count(c => c.To == LeadStatus.Lost && c.At > from && c.At <= to);
        return won + lost == 0 ? null : (double)won / (won + lost);
    }

    /// <summary>Deals won or lost in the window: the sample behind <see cref="WinRate"/>.</summary>
    public static int Closed(IReadOnlyList<StageChange> changes, DateTime from, DateTime to) =>
        changes.Count(c => ((c.To == LeadStatus.Approved && c.From is not null && c.From < LeadStatus.Approved) || c.To == LeadStatus.Lost) && c.At > from && c.At <= to);

    private static double? Average(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? null : Math.Round(list.Average(), 1);
    }

    private static double? Round(double? value) => value is null ? null : Math.Round(value.Value, 1);

    private static string Fmt(double? days) => days is null ? "n/a" : days.Value.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture);

    private static string Pct(double? rate) => rate is null ? "n/a" : (rate.Value * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
