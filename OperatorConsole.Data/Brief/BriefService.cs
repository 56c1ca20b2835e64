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
/// One line of the brief as something a live screen can keep: its key, the topics whose changes can change it, and
/// how to read it for the 24 hours ending at a moment. The brief is its lines, so a screen re-reads only the lines a
/// change touched (a failed run: the two run lines, not the 200,000 touches).
/// </summary>
public sealed record BriefPart(string Key, IReadOnlyCollection<string> Topics, Func<DateTime, DateTime, CancellationToken, Task<BriefLine>> ReadAsync);

/// <summary>
/// Today's brief: counts of what happened in the 24 hours before the screen's reference time (now, or the data's
/// "as of" date for historic data, so an imported history shows its last day rather than an empty today), with links.
/// Pending approvals are a state, not an event: all of them count, whatever the clock.
/// </summary>
public sealed class BriefService
{
    public const int MaxItems = 20;

    private readonly IDbContextFactory<ConsoleDbContext> _dbFactory;
    private readonly DataClockService _clock;

    public BriefService(IDbContextFactory<ConsoleDbContext> dbFactory, DataClockService clock, IEnumerable<IBriefLineSource> sources)
    {
        _dbFactory = dbFactory;
        _clock = clock;
        // Titles in the lines are the leads' own (a rename is a "Lead" change); a lead's activity columns are not read.
        Parts =
        [
            new("brief.new_leads", [nameof(Lead)], NewLeadsAsync),
            new("brief.touches", [nameof(Touch), nameof(Lead)], TouchesAsync),
            new("brief.runs_failed", [nameof(PipelineRun)], (since, now, ct) => RunsAsync(RunStatus.Fail, "brief.runs_failed", "Runs failed", since, now, ct)),
            new("brief.runs_partial", [nameof(PipelineRun)], (since, now, ct) => RunsAsync(RunStatus.Partial, "brief.runs_partial", "Runs partly failed", since, now, ct)),
            new("brief.approvals_waiting", [nameof(ApprovalRequest)], ApprovalsWaitingAsync),
            new("brief.proposals_sent", [nameof(Proposal)], ProposalsSentAsync),
            new("brief.deals_won", [nameof(Proposal)], DealsWonAsync),
            .. sources.Select(s => new BriefPart(s.GetType().Name, s.Topics, s.GetAsync)),
        ];
    }

    /// <summary>The brief's lines in the order it shows them (built-in ones, then each registered source's).</summary>
    public IReadOnlyList<BriefPart> Parts { get; }

    /// <summary>Everything the brief shows, for live components to subscribe to.</summary>
    public IReadOnlyCollection<string> Topics => Parts.SelectMany(p => p.Topics).Distinct().ToList();

    public async Task<TodaysBriefReport> GetAsync(CancellationToken ct = default) => await GetAsync(await _clock.ResolveAsync(ClockMode.Data, ct), ct);

    public async Task<TodaysBriefReport> GetAsync(ReferenceTime at, CancellationToken ct = default)
    {
        var lines = new List<BriefLine>(Parts.Count);
        foreach (var part in Parts)
        {
            lines.Add(await ReadAsync(part, at, ct));
        }

        return Assemble(at, lines);
    }

    /// <summary>One line for the 24 hours ending at <paramref name="at"/>.</summary>
    public static Task<BriefLine> ReadAsync(BriefPart part, ReferenceTime at, CancellationToken ct = default) =>
        part.ReadAsync(Since(at), at.At, ct);

    /// <summary>The brief made of its lines (one per <see cref="Parts"/>, in order) read for <paramref name="at"/>.</summary>
    public static TodaysBriefReport Assemble(ReferenceTime at, IReadOnlyList<BriefLine> lines) => new(at.At, Since(at), lines) { Clock = at };

    private static DateTime Since(ReferenceTime at) => at.At.AddHours(-24);

    private async Task<BriefLine> NewLeadsAsync(DateTime since, DateTime now, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        // A lead dated at an import's "as of" for want of a date did not arrive that day.
        var newLeads = db.Set<Lead>().AsNoTracking().Where(l => l.CreatedAt >= since && l.CreatedAt <= now && !l.CreatedAtEstimated);
        return new BriefLine("brief.new_leads", "New leads", await newLeads.CountAsync(ct), "/leads?sort=-createdAt",
            await newLeads.OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).Take(MaxItems)
                .Select(l => new BriefItem("lead", l.Id, l.Title, l.CreatedAt, "/leads/" + l.Id)).ToListAsync(ct));
    }

    private async Task<BriefLine> TouchesAsync(DateTime since, DateTime now, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var touches = db.Set<Touch>().AsNoTracking().Where(t => t.OccurredAt >= since && t.OccurredAt <= now);
        return new BriefLine("brief.touches", "Touches", await touches.CountAsync(ct), "/leads?sort=-lastContactAt",
            await touches.OrderByDescending(t => t.OccurredAt).Take(MaxItems)
                .Join(db.Set<Lead>(), t => t.LeadId, l => l.Id, (t, l) => new BriefItem("touch", t.Id, l.Title + ": " + t.Channel, t.OccurredAt, "/leads/" + l.Id))
                .ToListAsync(ct));
    }

    /// <summary>Waiting is a state, not an event: every pending approval counts, however old.</summary>
    private async Task<BriefLine> ApprovalsWaitingAsync(DateTime since, DateTime now, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var waiting = db.Set<ApprovalRequest>().AsNoTracking().Where(a => a.State == ApprovalState.Pending);
        return new BriefLine("brief.approvals_waiting", "Approvals waiting", await waiting.CountAsync(ct), "/approvals",
            await waiting.OrderBy(a => a.RequestedAt).Take(MaxItems)
                .Select(a => new BriefItem("approval_request", a.Id, a.Title, a.RequestedAt, "/approvals?id=" + a.Id)).ToListAsync(ct));
    }

    private async Task<BriefLine> ProposalsSentAsync(DateTime since, DateTime now, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var sent = db.Set<Proposal>().AsNoTracking().Where(p => p.SentAt >= since && p.SentAt <= now);
        return new BriefLine("brief.proposals_sent", "Proposals sent", await sent.CountAsync(ct), "/leads?status=proposal",
            await sent.OrderByDescending(p => p.SentAt).Take(MaxItems)
                .Select(p => new BriefItem("proposal", p.Id, p.Title, p.SentAt!.Value, "/leads/" + p.LeadId + "#proposal-" + p.Id)).ToListAsync(ct));
    }

    private async Task<BriefLine> DealsWonAsync(DateTime since, DateTime now, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var won = db.Set<Proposal>().AsNoTracking().Where(p => p.Outcome == ProposalOutcome.Won && p.OutcomeAt >= since && p.OutcomeAt <= now);
        return new BriefLine("brief.deals_won", "Deals won", await won.CountAsync(ct), "/leads?status=won",
            await won.OrderByDescending(p => p.OutcomeAt).Take(MaxItems)
                .Select(p => new BriefItem("proposal", p.Id, p.Title, p.OutcomeAt!.Value, "/leads/" + p.LeadId + "#proposal-" + p.Id)).ToListAsync(ct));
    }

    private async Task<BriefLine> RunsAsync(RunStatus status, string key, string label, DateTime since, DateTime now, CancellationToken ct)
    {
        await using var db = await _dbFactory.CreateDbContextAsync(ct);
        var runs = db.Set<PipelineRun>().AsNoTracking().Where(r => r.Status == status && r.StartedAt >= since && r.StartedAt <= now);
        return new BriefLine(key, label, await runs.CountAsync(ct), "/failures",
            await runs.OrderByDescending(r => r.StartedAt).Take(MaxItems)
                .Select(r => new BriefItem("pipeline_run", r.Id, r.Kind + " run" + (r.Error == null ? "" : ": " + r.Error), r.StartedAt,
                    r.LeadId == null ? "/failures" : "/leads/" + r.LeadId))
                .ToListAsync(ct));
    }
}
