using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Alerts;

/// <summary>
/// The daily digest: what is broken, what waits for a decision (oldest first), what went stale, and yesterday's
/// wins (proposals won, leads shipped), each with links into the console. Failures come from the same report
/// every screen reads; acknowledged items are left out, as on the panel.
/// </summary>
public static class AlertDigestBuilder
{
    /// <summary>Items listed per section; the count says how many there are in all.</summary>
    public const int ItemsPerSection = 10;

    public static async Task<AlertMessage> BuildAsync(ConsoleDbContext db, AlertChannel channel, FailuresReport report, DateTime now, string consoleUrl, CancellationToken ct)
    {
        var open = report.View(includeAcknowledged: false);
        var broken = Section("Broken", consoleUrl, [.. open.FailedRuns, .. open.BrokenIntegrations]);
        var decisions = Section("Waiting for a decision (oldest first)", consoleUrl, [.. open.NeedsApproval.OrderBy(a => a.RequestedAt)]);
        var stale = Section("Went stale", consoleUrl, [.. open.StaleByTouch, .. open.StaleProposals, .. open.StuckProposals]);
        var wins = await WinsAsync(db, channel, now, consoleUrl, ct);
        var local = AlertRouting.Local(channel, now);
        return new AlertMessage(
            AlertKind.Digest,
            $"Daily digest {local:yyyy-MM-dd}: {broken.Count} broken, {decisions.Count} waiting for a decision, {stale.Count} stale, {wins.Count} wins",
            "What broke, what waits for you, what went stale and what went well.",
            now, consoleUrl, null, [broken, decisions, stale, wins]);
    }

    private static DigestSection Section(string title, string consoleUrl, List<IFailureItem> items) => new(
        title, items.Count,
        items.Take(ItemsPerSection).Select(i => new AlertItem(
            i.GetBucket().Code(), i.GetBucket().Group().Code(), i.Key, i.Describe(), AlertRouting.Absolute(consoleUrl, i.Link))).ToList());

    /// <summary>Yesterday in the channel's time zone: proposals won and leads shipped.</summary>
    private static async Task<DigestSection> WinsAsync(ConsoleDbContext db, AlertChannel channel, DateTime now, string consoleUrl, CancellationToken ct)
    {
        var zone = AlertRouting.FindZone(channel.TimeZone) ?? TimeZoneInfo.Utc;
        var today = AlertRouting.Local(channel, now).Date;
        var start = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(today.AddDays(-1), DateTimeKind.Unspecified), zone);
        var end = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(today, DateTimeKind.Unspecified), zone);
        var won = await (
            from p in db.Set<Proposal>().AsNoTracking()
            where p.Outcome == ProposalOutcome.Won && p.OutcomeAt >= start && p.OutcomeAt < end
            join l in db.Set<Lead>() on p.LeadId equals l.Id
            orderby p.OutcomeAt
            select new { p.LeadId, LeadTitle = l.Title, ProposalTitle = p.Title, p.OutcomeValue })
            .ToListAsync(ct);
        var shipped = await (
            from s in db.Set<LeadStatusChange>().AsNoTracking()
            where s.ToStatus == LeadStatus.Shipped && s.ChangedAt >= start && s.ChangedAt < end
            join l in db.Set<Lead>() on s.LeadId equals l.Id
            orderby s.ChangedAt
            select new { s.LeadId, l.Title })
            .ToListAsync(ct);
        var items = won.Select(w => new AlertItem("win", "win", $"lead:{w.LeadId}", $"Won: {w.LeadTitle} — {w.ProposalTitle}{(w.OutcomeValue is { } v ? $" ({v:0.##})" : "")}",
                AlertRouting.Absolute(consoleUrl, FailureLinks.Lead(w.LeadId))))
            .Concat(shipped.Select(s => new AlertItem("win", "win", $"lead:{s.LeadId}", $"Shipped: {s.Title}", AlertRouting.Absolute(consoleUrl, FailureLinks.Lead(s.LeadId)))))
            .ToList();
        return new DigestSection("Yesterday's wins", items.Count, items.Take(ItemsPerSection).ToList());
    }
}
