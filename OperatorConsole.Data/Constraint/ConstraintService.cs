using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Clock;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Constraint;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Constraint;

public sealed record StuckLead(int Id, string Title, LeadStatus Stage, double DaysInStage);

/// <summary>GET /api/constraint: the snapshot plus what the UI needs to link each number to its leads.</summary>
public sealed record ConstraintReport(
    ConstraintSnapshot Snapshot,
    bool AnchoredToLatestData,
    string? AnchorNote,
    IReadOnlyList<StuckLead> StuckLeads)
{
    /// <summary>The reference time of the analysis (data as of, requested, or now).</summary>
    public ReferenceTime Clock { get; init; } = default!;
}

/// <summary>One week of the metrics charts.</summary>
public sealed record WeeklyStageMetrics(DateTime WeekStart, LeadStatus Stage, double? AvgDaysInStage, int Entered, int Left);

public sealed record WeeklyWinRate(DateTime WeekStart, int Won, int Lost, double? WinRate);

public sealed record MetricsSeries(DateTime AsOf, IReadOnlyList<WeeklyStageMetrics> Stages, IReadOnlyList<WeeklyWinRate> WinRate)
{
    /// <summary>The reference time the weeks end at (data as of, requested, or now).</summary>
    public ReferenceTime Clock { get; init; } = default!;
}

/// <summary>Loads the history the constraint analysis needs with bounded, set-based queries.</summary>
/// <remarks>
/// Time is the screen's reference time (<see cref="ReferenceClock"/>): an imported historical pipeline (the Maven CRM
/// data, 2016–2017) has no movement near today, and comparing it with today would call everything stuck for years, so
/// the data's clock puts "now" at its newest activity — the same moment every other card of the screen uses.
/// </remarks>
public sealed class ConstraintService(IDbContextFactory<ConsoleDbContext> dbFactory, SettingsService settings, DataClockService clock, TimeProvider time)
{
    /// <summary>
    /// The analysis at the data's clock, or as of <paramref name="asOf"/> when a caller asks for a moment
    /// (GET /api/constraint?asOf=…).
    /// </summary>
    public async Task<ConstraintReport> GetAsync(DateTime? asOf = null, int? periodDays = null, CancellationToken ct = default)
    {
        var at = asOf is { } requested
            ? ReferenceClock.Requested(requested.ToUniversalTime(), time.GetUtcNow().UtcDateTime)
            : await clock.ResolveAsync(ClockMode.Data, ct);
        return await GetAsync(at, periodDays, ct);
    }

    /// <summary>The analysis against <paramref name="at"/>, the screen's one reference time.</summary>
    public async Task<ConstraintReport> GetAsync(ReferenceTime at, int? periodDays = null, CancellationToken ct = default)
    {
        var thresholds = await settings.GetThresholdsAsync(ct);
        var period = Math.Clamp(periodDays ?? thresholds.ConstraintPeriodDays, 1, 365);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = at.At;
        var anchored = at.IsDataAsOf && at.NewestActivity is not null;
        var note = !at.IsDataAsOf ? null
            : anchored ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"No pipeline activity in the last {(at.Now - at.At).TotalDays:#,0} d; analysed as of the latest recorded activity, {at.Date}.")
            : $"As of {at.At:yyyy-MM-dd} (requested).";
        var changes = await ChangesAsync(db, now, period, ct);
        var leads = await OpenLeadsAsync(db, at, ct);

        // Waiting is a state: every pending approval counts, also one requested after the data's "as of" date,
        // and its age is real time (the anchor never hides or rejuvenates a decision someone is waiting for).
        var approvals = await db.Set<ApprovalRequest>().AsNoTracking()
            .Where(a => a.State == ApprovalState.Pending)
            .Select(a => a.RequestedAt).ToListAsync(ct);

        var queues = ConstraintAnalyzer.QueueStages(changes);
        var snapshot = ConstraintAnalyzer.Analyze(new ConstraintInput(changes, leads, approvals, now, period, thresholds.StuckInStageDays, at.Now), queues);
        // The longest-stuck 200 travel with the report (the card names five); every one of them is paged by GetStuckLeadsAsync.
        var stuck = LongestStuck(leads, now, thresholds.StuckInStageDays, queues).Take(200).ToList();
        return new ConstraintReport(snapshot, anchored, note, stuck) { Clock = at };
    }

    /// <summary>The stuck leads as of <paramref name="asOf"/>, a moment a caller asked about (GET /api/constraint/stuck-leads?asOf=…).</summary>
    public Task<PagedList<StuckLead>> GetStuckLeadsAsync(DateTime asOf, int? periodDays, LeadStatus? stage, PageRequest paging, CancellationToken ct = default) =>
        GetStuckLeadsAsync(ReferenceClock.Requested(asOf.ToUniversalTime(), time.GetUtcNow().UtcDateTime), periodDays, stage, paging, ct);

    /// <summary>
    /// One page of every lead stuck at <paramref name="at"/> (longest first), optionally of one stage: the leads behind
    /// the stages' stuck counts of the analysis with the same period, by the same rule (<see cref="ConstraintAnalyzer.IsStuck"/>).
    /// </summary>
    public async Task<PagedList<StuckLead>> GetStuckLeadsAsync(ReferenceTime at, int? periodDays, LeadStatus? stage, PageRequest paging, CancellationToken ct = default)
    {
        var thresholds = await settings.GetThresholdsAsync(ct);
        var period = Math.Clamp(periodDays ?? thresholds.ConstraintPeriodDays, 1, 365);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var queues = ConstraintAnalyzer.QueueStages(await ChangesAsync(db, at.At, period, ct));
        var leads = await OpenLeadsAsync(db, at, ct);
        var stuck = LongestStuck(leads.Where(l => stage is null || l.Status == stage), at.At, thresholds.StuckInStageDays, queues).ToList();
        return new PagedList<StuckLead>(stuck.Skip(paging.Skip).Take(paging.PageSize).ToList(), stuck.Count, paging.Page, paging.PageSize);
    }

    private static IEnumerable<StuckLead> LongestStuck(IEnumerable<LeadNow> leads, DateTime now, int stuckDays, IReadOnlySet<LeadStatus> queues) =>
        leads.Where(l => ConstraintAnalyzer.IsStuck(l, now, stuckDays, queues))
            .OrderBy(l => l.InStatusSince).ThenBy(l => l.LeadId)
            .Select(l => new StuckLead(l.LeadId, l.Title, l.Status, Math.Round((now - l.InStatusSince).TotalDays, 1)));

    /// <summary>Every change of every lead that moved in the two periods before <paramref name="now"/> (their earlier changes give stage entry times).</summary>
    private static async Task<List<StageChange>> ChangesAsync(ConsoleDbContext db, DateTime now, int period, CancellationToken ct)
    {
        var windowStart = now.AddDays(-2 * period);
        var movedIds = db.Dated().Where(c => c.ChangedAt > windowStart && c.ChangedAt <= now).Select(c => c.LeadId);
        return await db.Dated().AsNoTracking()
            .Where(c => movedIds.Contains(c.LeadId) && c.ChangedAt <= now)
            .Select(c => new StageChange(c.LeadId, c.FromStatus, c.ToStatus, c.ChangedAt))
            .ToListAsync(ct);
    }

    /// <summary>The open leads at <paramref name="at"/>: rebuilt from their history for a past moment, else as they stand.</summary>
    private static async Task<List<LeadNow>> OpenLeadsAsync(ConsoleDbContext db, ReferenceTime at, CancellationToken ct) =>
        at.IsDataAsOf
            ? await LeadsAsOfAsync(db, at.At, ct)
            : await db.Set<Lead>().AsNoTracking()
                .Where(l => !l.IsArchived && l.Status != LeadStatus.Lost && l.Status != LeadStatus.Shipped)
                .Select(l => new LeadNow(l.Id, l.Title, l.Status, l.StatusChangedAt))
                .ToListAsync(ct);

    /// <summary>Weekly time in stage, flow in/out and win rate for the metrics charts (last <paramref name="weeks"/> weeks).</summary>
    public async Task<MetricsSeries> GetWeeklyAsync(int weeks = 12, DateTime? asOf = null, CancellationToken ct = default) =>
        await GetWeeklyAsync(asOf is { } requested
            ? ReferenceClock.Requested(requested.ToUniversalTime(), time.GetUtcNow().UtcDateTime)
            : await clock.ResolveAsync(ClockMode.Data, ct), weeks, ct);

    /// <summary>The weekly series ending at <paramref name="at"/>, the screen's one reference time.</summary>
    public async Task<MetricsSeries> GetWeeklyAsync(ReferenceTime at, int weeks = 12, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = at.At;
        var start = now.AddDays(-7 * weeks);
        var movedIds = db.Dated().Where(c => c.ChangedAt > start && c.ChangedAt <= now).Select(c => c.LeadId);
        var changes = await db.Dated().AsNoTracking()
            .Where(c => movedIds.Contains(c.LeadId) && c.ChangedAt <= now)
            .Select(c => new StageChange(c.LeadId, c.FromStatus, c.ToStatus, c.ChangedAt))
            .ToListAsync(ct);
        var durations = ConstraintAnalyzer.StageDurations(changes);
        var stages = new List<WeeklyStageMetrics>();
        var wins = new List<WeeklyWinRate>();
        for (var w = 0; w < weeks; w++)
        {
            var from = start.AddDays(7 * w);
            var to = from.AddDays(7);
            foreach (var stage in ConstraintAnalyzer.FlowStages)
            {
                var exits = durations.Where(d => d.Stage == stage && d.Left > from && d.Left <= to).Select(d => d.Days).ToList();
                stages.Add(new WeeklyStageMetrics(from, stage, exits.Count == 0 ? null : Math.Round(exits.Average(), 1),
                    changes.Count(c => c.To == stage && c.At > from && c.At <= to),
                    changes.Count(c => c.From == stage && c.At > from && c.At <= to)));
            }

            var won = changes.Count(c => c.To == LeadStatus.Approved && c.From < LeadStatus.Approved && c.At > from && c.At <= to);
            var lost = changes.Count(c => c.To == LeadStatus.Lost && c.At > from && c.At <= to);
            wins.Add(new WeeklyWinRate(from, won, lost, won + lost == 0 ? null : Math.Round((double)won / (won + lost), 3)));
        }

        return new MetricsSeries(now, stages, wins) { Clock = at };
    }

    /// <summary>Each lead's stage as of a past moment, rebuilt from its history.</summary>
    private static async Task<List<LeadNow>> LeadsAsOfAsync(ConsoleDbContext db, DateTime asOf, CancellationToken ct)
    {
        var latest = await db.Set<LeadStatusChange>().AsNoTracking()
            .Where(c => c.ChangedAt <= asOf)
            .GroupBy(c => c.LeadId)
            .Select(g => g.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Select(c => new { c.LeadId, c.ToStatus, c.ChangedAt }).First())
            .ToListAsync(ct);
        var open = latest.Where(l => l.ToStatus != LeadStatus.Lost && l.ToStatus != LeadStatus.Shipped).ToList();
        var ids = open.Select(l => l.LeadId).ToList();
        var titles = await db.Set<Lead>().AsNoTracking().Where(l => ids.Contains(l.Id) && !l.IsArchived).ToDictionaryAsync(l => l.Id, l => l.Title, ct);
        return open.Where(l => titles.ContainsKey(l.LeadId)).Select(l => new LeadNow(l.LeadId, titles[l.LeadId], l.ToStatus, l.ChangedAt)).ToList();
    }
}
