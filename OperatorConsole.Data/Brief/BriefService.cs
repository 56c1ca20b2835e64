using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Clock;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Brief;

/// <summary>One record behind a brief line.</summary>
public sealed record BriefItem(string Type, int Id, string Title, DateTime At, string Link);

/// <summary>
/// One line of today's brief. <see cref="Key"/> is stable (<c>brief.new_leads</c>…): the ops chat cites it.
/// <see cref="Items"/> are the newest records behind the count (at most <see cref="BriefService.MaxItems"/>).
/// </summary>
public sealed record BriefLine(string Key, string Label, int Count, string Link, IReadOnlyList<BriefItem> Items);

/// <summary>What changed in the 24 hours before <see cref="GeneratedAt"/>.</summary>
public sealed record TodaysBriefReport(DateTime GeneratedAt, DateTime Since, IReadOnlyList<BriefLine> Lines)
{
    /// <summary>The moment the 24 hours end (data as of, or now): the screen's one reference time.</summary>
    public ReferenceTime Clock { get; init; } = default!;

    public BriefLine? Line(string key) => Lines.FirstOrDefault(l => l.Key == key);
}

/// <summary>
/// Another feature's line in the brief (e.g. results measured, once outcome measurements exist).
/// Register with <c>services.AddSingleton&lt;IBriefLineSource, …&gt;()</c>; use a <c>brief.*</c> key.
/// </summary>
public interface IBriefLineSource
{
    /// <summary>Entity type names whose changes can change this line (for live refresh).</summary>
    IReadOnlyCollection<string> Topics { get; }

    Task<BriefLine> GetAsync(DateTime since, DateTime now, CancellationToken ct);
}

/// <summary>
/// Today's brief: counts of what happened in the 24 hours before the screen's reference time (now, or the data's
/// "as of" date for historic data, so an imported history shows its last day rather than an empty today), with links.
/// Pending approvals are a state, not an event: all of them count, whatever the clock.
/// </summary>
public sealed class BriefService(IDbContextFactory<ConsoleDbContext> dbFactory, DataClockService clock, IEnumerable<IBriefLineSource> sources)
{
    public const int MaxItems = 20;

    private readonly IReadOnlyList<IBriefLineSource> _sources = sources.ToList();

    /// <summary>Everything the brief shows, for live components to subscribe to.</summary>
    public IReadOnlyCollection<string> Topics =>
        new[] { nameof(Lead), Lead.ActivityTopic, nameof(Touch), nameof(PipelineRun), nameof(ApprovalRequest), nameof(Proposal) }
            .Concat(_sources.SelectMany(s => s.Topics)).Distinct().ToList();

    public async Task<TodaysBriefReport> GetAsync(CancellationToken ct = default) => await GetAsync(await clock.ResolveAsync(ClockMode.Data, ct), ct);

    public async Task<TodaysBriefReport> GetAsync(ReferenceTime at, CancellationToken ct = default)
    {
        var now = at.At;
        var since = now.AddHours(-24);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lines = new List<BriefLine>();

        var newLeads = db.Set<Lead>().AsNoTracking().Where(l => l.CreatedAt >= since && l.CreatedAt <= now);
        lines.Add(new BriefLine("brief.new_leads", "New leads", await newLeads.CountAsync(ct), "/leads?sort=-createdAt",
            await newLeads.OrderByDescending(l => l.CreatedAt).Take(MaxItems)
                .Select(l => new BriefItem("lead", l.Id, l.Title, l.CreatedAt, "/leads/" + l.Id)).ToListAsync(ct)));

        var touches = db.Set<Touch>().AsNoTracking().Where(t => t.OccurredAt >= since && t.OccurredAt <= now);
        lines.Add(new BriefLine("brief.touches", "Touches", await touches.CountAsync(ct), "/leads?sort=-lastContactAt",
            await touches.OrderByDescending(t => t.OccurredAt).Take(MaxItems)
                .Join(db.Set<Lead>(), t => t.LeadId, l => l.Id, (t, l) => new BriefItem("touch", t.Id, l.Title + ": " + t.Channel, t.OccurredAt, "/leads/" + l.Id))
                .ToListAsync(ct)));

        lines.Add(await RunsAsync(db, RunStatus.Fail, "brief.runs_failed", "Runs failed", since, now, ct));
        lines.Add(await RunsAsync(db, RunStatus.Partial, "brief.runs_partial", "Runs partly failed", since, now, ct));

        // Waiting is a state, not an event: every pending approval counts, however old.
        var waiting = db.Set<ApprovalRequest>().AsNoTracking().Where(a => a.State == ApprovalState.Pending);
        lines.Add(new BriefLine("brief.approvals_waiting", "Approvals waiting", await waiting.CountAsync(ct), "/approvals",
            await waiting.OrderBy(a => a.RequestedAt).Take(MaxItems)
                .Select(a => new BriefItem("approval_request", a.Id, a.Title, a.RequestedAt, "/approvals?id=" + a.Id)).ToListAsync(ct)));

        var sent = db.Set<Proposal>().AsNoTracking().Where(p => p.SentAt >= since && p.SentAt <= now);
        lines.Add(new BriefLine("brief.proposals_sent", "Proposals sent", await sent.CountAsync(ct), "/leads?status=proposal",
            await sent.OrderByDescending(p => p.SentAt).Take(MaxItems)
                .Select(p => new BriefItem("proposal", p.Id, p.Title, p.SentAt!.Value, "/leads/" + p.LeadId + "#proposal-" + p.Id)).ToListAsync(ct)));

        var won = db.Set<Proposal>().AsNoTracking().Where(p => p.Outcome == ProposalOutcome.Won && p.OutcomeAt >= since && p.OutcomeAt <= now);
        lines.Add(new BriefLine("brief.deals_won", "Deals won", await won.CountAsync(ct), "/leads?status=approved",
            await won.OrderByDescending(p => p.OutcomeAt).Take(MaxItems)
                .Select(p => new BriefItem("proposal", p.Id, p.Title, p.OutcomeAt!.Value, "/leads/" + p.LeadId + "#proposal-" + p.Id)).ToListAsync(ct)));

        foreach (var source in _sources)
        {
            lines.Add(await source.GetAsync(since, now, ct));
        }

        return new TodaysBriefReport(now, since, lines) { Clock = at };
    }

    private static async Task<BriefLine> RunsAsync(
        ConsoleDbContext db, RunStatus status, string key, string label, DateTime since, DateTime now, CancellationToken ct)
    {
        var runs = db.Set<PipelineRun>().AsNoTracking().Where(r => r.Status == status && r.StartedAt >= since && r.StartedAt <= now);
        return new BriefLine(key, label, await runs.CountAsync(ct), "/failures",
            await runs.OrderByDescending(r => r.StartedAt).Take(MaxItems)
                .Select(r => new BriefItem("pipeline_run", r.Id, r.Kind + " run" + (r.Error == null ? "" : ": " + r.Error), r.StartedAt,
                    r.LeadId == null ? "/failures" : "/leads/" + r.LeadId))
                .ToListAsync(ct));
    }
}
