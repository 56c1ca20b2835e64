using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Import;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// What the stage history and the deals' dates answer (ADR 222): what moved into a stage or came in during a period,
/// the oldest open deals, and why deals were lost. Each was answered with the count per stage as it stands: "How many
/// deals did we lose last month?" with every deal in Lost since the start (2,473 on the Maven data).
/// </summary>
internal static class StageHistoryFacts
{
    /// <summary>Per asked stage, the deals that moved into it in <paramref name="period"/> (each deal once).</summary>
    public static async Task<List<UsedFact>> EnteredAsync(ConsoleDbContext db, IReadOnlyList<LeadStatus> asked, ChatPeriod period, CancellationToken ct)
    {
        var entries = await db.Set<LeadStatusChange>().AsNoTracking()
            .Where(c => asked.Contains(c.ToStatus) && c.ChangedAt >= period.From && c.ChangedAt < period.To)
            .Join(db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived), c => c.LeadId, l => l.Id, (c, l) => new { c.ToStatus, l.Id, l.EstimatedValue })
            .ToListAsync(ct);
        return asked.Select(stage =>
        {
            var deals = entries.Where(e => e.ToStatus == stage).DistinctBy(e => e.Id).ToList();
            var value = deals.Sum(e => e.EstimatedValue ?? 0);
            var what = stage == LeadStatus.Lost
                ? $"{Say.Plural(deals.Count, "deal was", "deals were")} lost"
                : $"{Say.Plural(deals.Count, "lead", "leads")} moved to {stage}";
            var claim = $"{period.WhenOpening()}: {what}, worth {Say.Money(value)} estimated";
            var name = stage.ToString().ToLowerInvariant();
            return Say.Fact($"pipeline.entered.{name}.{period.From:yyyyMMdd}-{period.To:yyyyMMdd}", $"Leads · {stage}", claim, $"/leads?status={name}", claim);
        }).ToList();
    }

    /// <summary>
    /// The leads created in <paramref name="period"/> ("How many new leads came in last month?"): an import that reads
    /// a deal's later stage never writes a New entry, so the stage history would say 0. A lead whose source gave no
    /// creation date is not counted, and the answer says how many those are.
    /// </summary>
    public static async Task<TopicAnswer> CreatedAsync(ConsoleDbContext db, ChatPeriod period, CancellationToken ct)
    {
        var leads = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived);
        var created = await leads.Where(l => !l.CreatedAtEstimated && l.CreatedAt >= period.From && l.CreatedAt < period.To)
            .Select(l => l.EstimatedValue).ToListAsync(ct);
        var undated = await leads.CountAsync(l => l.CreatedAtEstimated, ct);
        var claim = $"{period.WhenOpening()}: {Say.Plural(created.Count, "lead was", "leads were")} created, worth {Say.Money(created.Sum(v => v ?? 0))} estimated";
        var fact = Say.Fact($"pipeline.created.{period.From:yyyyMMdd}-{period.To:yyyyMMdd}", "Leads · created", claim, "/leads", claim);
        List<string> missing = undated == 0 ? [] : [$"When {Say.Plural(undated, "lead", "leads")} came in: the source gave no creation date, so they are not counted in any period."];
        return new TopicAnswer(claim + ".", [fact], [], missing);
    }

    /// <summary>
    /// The open deals that came in first ("Which deals are the oldest?", "… open the longest?"), their age counted to the
    /// asker's clock (the data's last day on a stopped history). It answered with the count per stage. A deal whose
    /// source gave no creation date has no age, and Missing says how many.
    /// </summary>
    /// <param name="within">The deals of one account, owner or sector (the entity's own question), or null for every deal.</param>
    public static async Task<TopicAnswer> OldestOpenAsync(ConsoleDbContext db, DateTime at, CancellationToken ct, OpenScope? within = null)
    {
        var open = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).OpenDeals();
        open = within is null ? open : open.Where(within.Deals);
        var oldest = await open.Where(l => !l.CreatedAtEstimated).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).Take(5)
            .Select(l => new { l.Title, l.Status, l.CreatedAt }).ToListAsync(ct);
        var undated = await open.CountAsync(l => l.CreatedAtEstimated, ct);
        List<string> missing = undated == 0 ? [] : [$"How old {Say.Plural(undated, "open deal", "open deals")}{within?.Of} {(undated == 1 ? "is" : "are")}: the source gave no creation date."];
        if (oldest.Count == 0)
        {
            return new TopicAnswer($"No open deal{within?.Of} has a creation date.", [], [], missing);
        }

        var listed = string.Join("; ", oldest.Select(l =>
            $"\"{l.Title}\" in {l.Status}, created {ChatDates.Day(l.CreatedAt)} ({Say.N((int)(at - l.CreatedAt).TotalDays)} d before {ChatDates.Day(at)})"));
        var claim = $"The oldest open deals{within?.Of} by creation date: {listed}";
        var fact = within is null
            ? Say.Fact("pipeline.oldest-open", "Leads · oldest open", claim, "/leads?status=open&sort=createdAt", claim)
            : Say.Fact($"{within.Source}.oldest-open", $"{within.Label} · oldest open", claim, within.Link, claim);
        return new TopicAnswer(claim + ".", [fact], [], missing);
    }

    /// <summary>One entity's deals, as <see cref="OldestOpenAsync"/> names them: "of sector \"marketing\"".</summary>
    public sealed record OpenScope(System.Linq.Expressions.Expression<Func<Lead, bool>> Deals, string Of, string Source, string Label, string Link);

    /// <summary>
    /// Why the deals in Lost (lost in <paramref name="period"/>, if given) were lost, as people recorded it: the reason
    /// given when the deal was moved to Lost, else its lost proposal's. An import's placeholder is no reason.
    /// </summary>
    public static async Task<TopicAnswer> LossReasonsAsync(ConsoleDbContext db, ChatPeriod? period, CancellationToken ct)
    {
        var lost = await LostDealsAsync(db, period, ct);
        var when = period is null ? "" : " " + period.When();
        if (lost.Count == 0)
        {
            return new TopicAnswer($"No deal was lost{when}.", [], [], []);
        }

        var given = lost.Where(d => d.Reason is not null).ToList();
        var missing = new List<string>();
        var without = lost.Count - given.Count;
        if (without > 0)
        {
            var imported = lost.Count(d => d.Reason is null && d.Imported);
            var whose = without == lost.Count ? "any of them" : $"{Say.N(without)} of them";
            missing.Add($"Why these deals were lost: no reason is recorded for {whose}" +
                        (imported == without ? " — their stage came from an imported file, which gives none" : imported > 0 ? $" ({Say.N(imported)} came from an imported file, which gives none)" : "") +
                        ". A reason can be given when a deal is moved to Lost or when a proposal's outcome is recorded.");
        }

        var source = period is null ? "pipeline.lost.reasons" : $"pipeline.lost.reasons.{period.From:yyyyMMdd}-{period.To:yyyyMMdd}";
        var counted = $"{Say.Plural(lost.Count, "lost deal", "lost deals")}{when}, {Say.N(given.Count)} with a reason recorded";
        if (given.Count == 0)
        {
            var none = $"No reason is recorded for any of the {Say.Plural(lost.Count, "lost deal", "lost deals")}{when}";
            return new TopicAnswer(none + ".", [Say.Fact(source, "Leads · Lost · reasons", counted, "/leads?status=lost", none)], [], missing);
        }

        // Grouped as written (case aside): the console does not guess which free-text reasons mean the same.
        var reasons = given.GroupBy(d => d.Reason!, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Reason: g.First().Reason!, Count: g.Count()))
            .OrderByDescending(r => r.Count).ThenBy(r => r.Reason, StringComparer.OrdinalIgnoreCase).ToList();
        var listed = string.Join(", ", reasons.Take(5).Select(r => $"\"{Say.Excerpt(r.Reason)}\" ({Say.N(r.Count)})"));
        var more = reasons.Count > 5 ? $" and {Say.Plural(reasons.Count - 5, "other", "others")}" : "";
        var claim = $"Reasons recorded for {Say.N(given.Count)} of the {Say.Plural(lost.Count, "lost deal", "lost deals")}{when}: {listed}{more}";
        return new TopicAnswer(claim + ".", [Say.Fact(source, "Leads · Lost · reasons", $"{counted}: {listed}{more}", "/leads?status=lost", claim)], [], missing);
    }

    private sealed record LostDeal(int LeadId, string? Reason, bool Imported);

    private static async Task<List<LostDeal>> LostDealsAsync(ConsoleDbContext db, ChatPeriod? period, CancellationToken ct)
    {
        var changes = await db.Set<LeadStatusChange>().AsNoTracking()
            .Where(c => c.ToStatus == LeadStatus.Lost)
            .Join(db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived && l.Status == LeadStatus.Lost), c => c.LeadId, l => l.Id,
                (c, l) => new { c.LeadId, c.ChangedAt, c.Id, c.Reason, c.Imported })
            .ToListAsync(ct);
        var proposalReasons = await db.Set<Proposal>().AsNoTracking()
            .Where(p => p.Outcome == ProposalOutcome.Lost && p.OutcomeReason != null && p.OutcomeReason != LeadImportWriter.ImportedOutcomeReason)
            .OrderBy(p => p.OutcomeAt)
            .Select(p => new { p.LeadId, p.OutcomeReason })
            .ToListAsync(ct);
        var byProposal = proposalReasons.GroupBy(p => p.LeadId).ToDictionary(g => g.Key, g => g.Last().OutcomeReason);

        // The latest move into Lost is when, and by whom, the deal was lost.
        return changes.GroupBy(c => c.LeadId)
            .Select(g => g.OrderBy(c => c.ChangedAt).ThenBy(c => c.Id).Last())
            .Where(c => period is null || period.Contains(c.ChangedAt))
            .Select(c => new LostDeal(c.LeadId, Clean(c.Imported ? null : c.Reason) ?? Clean(byProposal.GetValueOrDefault(c.LeadId)), c.Imported))
            .ToList();
    }

    private static string? Clean(string? reason) => string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
}
