using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Learning;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Learning;

/// <summary>Builds proposal and playbook views with the joins they need, shared by the learning and playbook services.</summary>
internal static class LearningViews
{
    /// <summary>The current text of every playbook entry, as the contradiction detector and the AI prompt see it.</summary>
    public static async Task<List<PlaybookStatement>> CurrentPlaybookAsync(ConsoleDbContext db, CancellationToken ct) =>
        await (from e in db.Set<PlaybookEntry>().AsNoTracking()
               join v in db.Set<PlaybookEntryVersion>().AsNoTracking() on new { EntryId = e.Id, Number = e.CurrentVersion } equals new { v.EntryId, v.Number }
               orderby e.Id
               select new PlaybookStatement(e.Id, v.Number, e.Class, e.Title, v.Text)).ToListAsync(ct);

    public static async Task<List<LearningProposalView>> ProposalsAsync(
        ConsoleDbContext db, IReadOnlyList<LearningProposal> proposals, double floor, DateTime now, CancellationToken ct)
    {
        if (proposals.Count == 0)
        {
            return [];
        }

        var learningIds = proposals.Select(p => p.LearningId).Distinct().ToList();
        var titles = await db.Set<IngestedLearning>().AsNoTracking().Where(l => learningIds.Contains(l.Id))
            .Select(l => new { l.Id, l.Title }).ToDictionaryAsync(l => l.Id, l => l.Title, ct);
        var entryIds = proposals.SelectMany(p => p.Contradictions.Select(c => c.PlaybookEntryId)).Distinct().ToList();
        var entries = await db.Set<PlaybookEntry>().AsNoTracking().Where(e => entryIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var versions = await db.Set<PlaybookEntryVersion>().AsNoTracking().Where(v => entryIds.Contains(v.EntryId))
            .Select(v => new { v.EntryId, v.Number, v.Text }).ToListAsync(ct);
        var facts = proposals.Any(p => p.State == LearningProposalState.Promoted && p.Metric is not null && p.PromotedAt is not null)
            ? await FactsAsync(db, ct)
            : ((List<ProposalFact> Proposals, List<StageChangeFact> History)?)null;

        return proposals.Select(p => new LearningProposalView(
            p.Id,
            p.LearningId,
            titles.GetValueOrDefault(p.LearningId, ""),
            p.Text,
            p.Evidence,
            p.Class,
            p.SuggestedClass,
            p.Confidence,
            p.Confidence < floor,
            p.Produced,
            p.Engine,
            p.Rule,
            p.State,
            p.HumanReviewed,
            p.Metric,
            p.PromotionTargetEntryId,
            p.ApprovalRequestId,
            p.PromotedEntryId,
            p.PromotedVersionNumber,
            p.PromotedAt,
            p.CreatedAt,
            p.UpdatedAt,
            p.Contradictions.Where(c => entries.ContainsKey(c.PlaybookEntryId)).Select(c =>
            {
                var entry = entries[c.PlaybookEntryId];
                // Show the text the proposal was checked against; fall back to the current one.
                var text = versions.FirstOrDefault(v => v.EntryId == c.PlaybookEntryId && v.Number == c.PlaybookVersionNumber)?.Text
                    ?? versions.FirstOrDefault(v => v.EntryId == c.PlaybookEntryId && v.Number == entry.CurrentVersion)?.Text ?? "";
                return new ContradictionView(c.PlaybookEntryId, entry.Title, entry.Class, c.PlaybookVersionNumber, entry.CurrentVersion, text, c.Reason, c.Source);
            }).ToList(),
            facts is not null && p is { State: LearningProposalState.Promoted, Metric: { } metric, PromotedAt: { } at }
                ? ImprovementTracking.Compare(metric, at, now, facts.Value.Proposals, facts.Value.History)
                : null)).ToList();
    }

    /// <summary>The recorded facts the improvement metrics are computed from.</summary>
    public static async Task<(List<ProposalFact> Proposals, List<StageChangeFact> History)> FactsAsync(ConsoleDbContext db, CancellationToken ct)
    {
        var proposals = await db.Set<Proposal>().AsNoTracking()
            .Select(p => new ProposalFact(p.CreatedAt, p.SentAt, p.Outcome, p.OutcomeAt, p.OutcomeValue ?? p.Amount))
            .ToListAsync(ct);
        var history = await db.Set<LeadStatusChange>().AsNoTracking()
            .Select(h => new StageChangeFact(h.LeadId, h.FromStatus, h.ToStatus, h.ChangedAt))
            .ToListAsync(ct);
        return (proposals, history);
    }

    public static async Task<List<PlaybookEntryView>> PlaybookAsync(ConsoleDbContext db, IQueryable<PlaybookEntry> entries, CancellationToken ct)
    {
        var list = await entries.AsNoTracking().Include(e => e.Versions).OrderBy(e => e.Class).ThenBy(e => e.Title).ToListAsync(ct);
        return list.Select(ToView).ToList();
    }

    public static PlaybookEntryView ToView(PlaybookEntry e) => new(
        e.Id,
        e.Class,
        e.Title,
        e.CurrentVersion,
        e.Versions.FirstOrDefault(v => v.Number == e.CurrentVersion)?.Text ?? "",
        e.CreatedAt,
        e.UpdatedAt,
        e.Versions.OrderByDescending(v => v.Number).Select(v => new PlaybookVersionView(
            v.Id, v.Number, v.Text, v.CreatedAt, v.CreatedByName, v.SourceProposalId, v.ApprovalRequestId, v.Reason, v.Metric)).ToList());
}
