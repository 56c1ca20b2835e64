using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Domain.Learning;

/// <summary>A proposal's facts the metrics need.</summary>
public sealed record ProposalFact(DateTime CreatedAt, DateTime? SentAt, ProposalOutcome? Outcome, DateTime? OutcomeAt, decimal? Value);

/// <summary>One entry of a lead's status history.</summary>
public sealed record StageChangeFact(int LeadId, LeadStatus? From, LeadStatus To, DateTime At);

/// <summary>The metric before and after a promotion, with how many data points each side stands on.</summary>
public sealed record MetricComparison(
    ImprovementMetric Metric,
    DateTime PromotedAt,
    DateTime BeforeFrom,
    DateTime AfterTo,
    double? Before,
    double? After,
    int BeforeCount,
    int AfterCount,
    double? Delta,
    string Verdict,
    string Unit);

/// <summary>
/// Did the promoted playbook entry move its metric? Compares the same-length window before and after the
/// promotion date (the after-window is cut at "now"), computed only from recorded data: proposal outcomes
/// and lead status history. Too little data on either side says "not enough data" instead of a number.
/// </summary>
public static class ImprovementTracking
{
    public const int DefaultWindowDays = 60;
    public const int MinDataPoints = 2;

    public static MetricComparison Compare(
        ImprovementMetric metric,
        DateTime promotedAt,
        DateTime now,
        IReadOnlyCollection<ProposalFact> proposals,
        IReadOnlyCollection<StageChangeFact> history,
        int windowDays = DefaultWindowDays)
    {
        var beforeFrom = promotedAt.AddDays(-windowDays);
        var afterTo = now < promotedAt.AddDays(windowDays) ? now : promotedAt.AddDays(windowDays);
        var (before, beforeCount) = Measure(metric, proposals, history, beforeFrom, promotedAt);
        var (after, afterCount) = Measure(metric, proposals, history, promotedAt, afterTo);
        var enough = beforeCount >= MinDataPoints && afterCount >= MinDataPoints;
        double? delta = before is { } b && after is { } a ? Math.Round(a - b, 2) : null;
        var verdict = !enough || delta is null
            ? "not enough data"
            : Math.Abs(delta.Value) < 0.005 ? "no change"
            : (delta.Value > 0) == HigherIsBetter(metric) ? "improved" : "worse";
        return new MetricComparison(metric, promotedAt, beforeFrom, afterTo, before, after, beforeCount, afterCount, delta, verdict, Unit(metric));
    }

    public static bool HigherIsBetter(ImprovementMetric metric) => metric is ImprovementMetric.WinRate or ImprovementMetric.AvgDealSize;

    public static string Unit(ImprovementMetric metric) => metric switch
    {
        ImprovementMetric.WinRate => "%",
        ImprovementMetric.AvgDealSize => "USD",
        _ => "days",
    };

    public static string Label(ImprovementMetric metric) => metric switch
    {
        ImprovementMetric.WinRate => "Win rate",
        ImprovementMetric.ProposalCycleDays => "Proposal cycle (days)",
        ImprovementMetric.AvgDealSize => "Average deal size",
        ImprovementMetric.TimeToShipDays => "Time to ship (days)",
        _ => metric.ToString(),
    };

    /// <summary>The metric over [from, to): its value (null without data) and how many records it stands on.</summary>
    public static (double? Value, int Count) Measure(
        ImprovementMetric metric, IReadOnlyCollection<ProposalFact> proposals, IReadOnlyCollection<StageChangeFact> history, DateTime from, DateTime to)
    {
        switch (metric)
        {
            case ImprovementMetric.WinRate:
            {
                // Decided proposals in the window; "no response" counts as not won.
                var decided = proposals.Where(p => p.Outcome is not null && p.OutcomeAt is { } at && at >= from && at < to).ToList();
                return decided.Count == 0 ? (null, 0) : (Math.Round(100.0 * decided.Count(p => p.Outcome == ProposalOutcome.Won) / decided.Count, 1), decided.Count);
            }

            case ImprovementMetric.AvgDealSize:
            {
                var won = proposals.Where(p => p.Outcome == ProposalOutcome.Won && p.Value is not null && p.OutcomeAt is { } at && at >= from && at < to).ToList();
                return won.Count == 0 ? (null, 0) : (Math.Round((double)won.Average(p => p.Value!.Value), 2), won.Count);
            }

            case ImprovementMetric.ProposalCycleDays:
                return StageDuration(history, LeadStatus.Proposal, exit => exit != LeadStatus.Proposal, from, to);

            case ImprovementMetric.TimeToShipDays:
                return StageDuration(history, LeadStatus.Approved, exit => exit == LeadStatus.Shipped, from, to, untilStatus: true);

            default:
                return (null, 0);
        }
    }

    /// <summary>
    /// Average days from entering <paramref name="stage"/> to the matching exit, for exits inside the window.
    /// With <paramref name="untilStatus"/> the clock runs through later stages until the exit status is reached
    /// (Approved → … → Shipped); otherwise it stops at the first move out of the stage.
    /// </summary>
    private static (double? Value, int Count) StageDuration(
        IReadOnlyCollection<StageChangeFact> history, LeadStatus stage, Func<LeadStatus, bool> isExit, DateTime from, DateTime to, bool untilStatus = false)
    {
        var durations = new List<double>();
        foreach (var lead in history.GroupBy(h => h.LeadId))
        {
            DateTime? entered = null;
            foreach (var change in lead.OrderBy(h => h.At))
            {
                if (change.To == stage)
                {
                    entered = change.At;
                    continue;
                }

                if (entered is { } start && (untilStatus ? isExit(change.To) : change.From == stage && isExit(change.To)))
                {
                    if (change.At >= from && change.At < to)
                    {
                        durations.Add((change.At - start).TotalDays);
                    }

                    entered = null;
                }
            }
        }

        return durations.Count == 0 ? (null, 0) : (Math.Round(durations.Average(), 1), durations.Count);
    }
}
