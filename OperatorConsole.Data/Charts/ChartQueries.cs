using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Charts;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Charts;

/// <summary>A line chart's points and the window they cover.</summary>
public sealed record ChartSeriesView(IReadOnlyList<ChartPointValue> Points, DateTime From, DateTime To)
{
    public ReferenceTime Clock { get; init; } = default!;
}

/// <summary>Failed and partial runs per day over the same days.</summary>
public sealed record FailuresOverTime(IReadOnlyList<ChartPointValue> Failed, IReadOnlyList<ChartPointValue> Partial)
{
    public ReferenceTime Clock { get; init; } = default!;
}

/// <summary>The reads behind the charts; the bucketing itself is pure (<see cref="ChartBuckets"/>).</summary>
public sealed class ChartQueries(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    /// <summary>
    /// Won value (the outcome value, else the proposal amount) per week, for the weeks ending at the screen's reference
    /// time: imported history such as the Maven sample ends years ago, and the data's clock puts the weeks there.
    /// </summary>
    public async Task<ChartSeriesView> WonValuePerWeekAsync(ReferenceTime at, int weeks = 12, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = at.At;
        var won = db.Set<Proposal>().AsNoTracking().Where(p => p.Outcome == ProposalOutcome.Won && p.OutcomeAt != null && p.OutcomeAt <= latest);
        var from = ChartBuckets.WeekStart(latest).AddDays(-7 * (weeks - 1));
        var items = await won.Where(p => p.OutcomeAt >= from)
            .Select(p => new { At = p.OutcomeAt!.Value, Value = (double?)(p.OutcomeValue ?? p.Amount) ?? 0 })
            .ToListAsync(ct);
        var points = ChartBuckets.WeeklySums(items.Select(i => (i.At, (decimal)i.Value)), latest, weeks);
        return new ChartSeriesView(points, from, latest) { Clock = at };
    }

    public async Task<IReadOnlyList<StageDuration>> TimeInStageAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var changes = await db.Dated().AsNoTracking()
            .Select(c => new { c.LeadId, c.ToStatus, c.ChangedAt })
            .ToListAsync(ct);
        return ChartBuckets.TimeInStage(changes.Select(c => (c.LeadId, c.ToStatus, c.ChangedAt)));
    }

    /// <summary>Failed and partial runs per day for the days ending at the screen's reference time.</summary>
    public async Task<FailuresOverTime> FailuresPerDayAsync(ReferenceTime at, int days = 14, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = at.At;
        var from = now.Date.AddDays(-(days - 1));
        var runs = await db.Set<PipelineRun>().AsNoTracking()
            // The two statuses it counts, not "not a success": SQLite then reads the (Status, StartedAt) index alone
            // (0.6 ms on 50,000 runs) instead of every run of the 14 days (23 ms); this runs after every recorded run.
            .Where(r => (r.Status == RunStatus.Fail || r.Status == RunStatus.Partial) && r.StartedAt >= from && r.StartedAt <= now)
            .Select(r => new { r.StartedAt, r.Status })
            .ToListAsync(ct);
        return new FailuresOverTime(
            ChartBuckets.DailyCounts(runs.Where(r => r.Status == RunStatus.Fail).Select(r => r.StartedAt), now, days),
            ChartBuckets.DailyCounts(runs.Where(r => r.Status == RunStatus.Partial).Select(r => r.StartedAt), now, days)) { Clock = at };
    }
}
