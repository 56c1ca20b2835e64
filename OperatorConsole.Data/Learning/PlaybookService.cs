using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Learning;

namespace OperatorConsole.Data.Learning;

/// <summary>
/// The playbook: versioned entries by class. The only way in is an operator's recorded decision on a
/// promotion request (axiom 3); a promotion adds a version and never overwrites one.
/// </summary>
public sealed class PlaybookService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, SettingsService settings)
{
    public async Task<IReadOnlyList<PlaybookEntryView>> ListAsync(LearningClass? cls = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.Set<PlaybookEntry>().AsQueryable();
        if (cls is { } c)
        {
            entries = entries.Where(e => e.Class == c);
        }

        return await LearningViews.PlaybookAsync(db, entries, ct);
    }

    public async Task<PlaybookEntryView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await LearningViews.PlaybookAsync(db, db.Set<PlaybookEntry>().Where(e => e.Id == id), ct)).FirstOrDefault();
    }

    /// <summary>The pending promotion request of a proposal, for the decision endpoint that is addressed by proposal.</summary>
    public async Task<OperationResult<PromotionDecisionResult>> DecideForProposalAsync(int proposalId, bool? approve, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<PromotionDecisionResult>(actor, NotAllowed) is { } refused)
        {
            return refused;
        }

        // The gate's field rules before the lookup, like every other gate: a blank reason is 422 whatever the id.
        var errors = LearningRules.ValidateDecision(approve, reason);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<PromotionDecisionResult>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var proposal = await db.Set<LearningProposal>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null)
        {
            return OperationResult<PromotionDecisionResult>.NotFound($"Learning proposal {proposalId} does not exist.");
        }

        var subjectId = proposalId.ToString(CultureInfo.InvariantCulture);
        var pending = await db.Set<ApprovalRequest>().AsNoTracking()
            .Where(a => a.Subject == ApprovalSubject.PlaybookPromotion && a.SubjectType == LearningService.SubjectType && a.SubjectId == subjectId && a.State == ApprovalState.Pending)
            .OrderByDescending(a => a.Id).Select(a => (int?)a.Id).FirstOrDefaultAsync(ct);
        if (pending is null)
        {
            return OperationResult<PromotionDecisionResult>.Conflict("There is no pending promotion request for this proposal: ask \"Promote to playbook?\" first.");
        }

        return await DecidePromotionAsync(pending.Value, approve, reason, actor, ct);
    }

    private const string NotAllowed = "Only a signed-in operator decides a playbook promotion; an API key never can.";

    /// <summary>
    /// An operator's decision on a playbook-promotion approval request (also called by the generic approvals
    /// inbox). Approve: a NEW version of the target entry (or a new entry at version 1) is written, the proposal
    /// becomes Promoted, and the decision (who, when, why) is kept on the request and in the audit log — all in
    /// one transaction. Reject: the proposal goes back to the inbox as rejected; the playbook does not change.
    /// </summary>
    public async Task<OperationResult<PromotionDecisionResult>> DecidePromotionAsync(int approvalId, bool? approve, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<PromotionDecisionResult>(actor, NotAllowed) is { } refused)
        {
            return refused;
        }

        var errors = LearningRules.ValidateDecision(approve, reason);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<PromotionDecisionResult>();
        }

        var thresholds = await settings.GetThresholdsAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var approval = await db.Set<ApprovalRequest>().FirstOrDefaultAsync(a => a.Id == approvalId, ct);
        if (approval is null || approval.Subject != ApprovalSubject.PlaybookPromotion || approval.SubjectType != LearningService.SubjectType)
        {
            return OperationResult<PromotionDecisionResult>.NotFound($"Playbook promotion request {approvalId} does not exist.");
        }

        if (Refusal(approval, actor, thresholds.RequireSecondOperator) is { } refusedDecision)
        {
            return refusedDecision;
        }

        var proposalId = int.Parse(approval.SubjectId, CultureInfo.InvariantCulture);
        var proposal = await db.Set<LearningProposal>().Include(p => p.Contradictions).FirstOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null)
        {
            return OperationResult<PromotionDecisionResult>.NotFound($"Learning proposal {proposalId} no longer exists.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var why = reason!.Trim();
        PlaybookEntry? entry = null;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            entry = await RecordDecisionAsync(db, approval, proposal, approve!.Value, why, actor, now, ct));

        var floor = thresholds.LowConfidenceFloor;
        var view = (await LearningViews.ProposalsAsync(db, [proposal], floor, now, ct))[0];
        PlaybookEntryView? entryView = entry is null ? null : await GetAsync(entry.Id, ct);
        return OperationResult<PromotionDecisionResult>.Ok(new PromotionDecisionResult(approval.Id, approval.State, actor.DisplayName, now, why, view, entryView));
    }

    /// <summary>A decided request cannot be decided again; with the second-operator rule on, the requester cannot approve.</summary>
    private static OperationResult<PromotionDecisionResult>? Refusal(ApprovalRequest approval, Actor actor, bool requireSecondOperator)
    {
        if (approval.State != ApprovalState.Pending)
        {
            return OperationResult<PromotionDecisionResult>.Conflict(
                $"This request was already {approval.State.ToString().ToLowerInvariant()} by {approval.DecidedByName} at {approval.DecidedAt:u}.");
        }

        return requireSecondOperator && approval.RequestedById == actor.Id
            ? OperationResult<PromotionDecisionResult>.Forbidden("Settings require a second operator: the person who asked for the promotion cannot approve it.")
            : null;
    }

    /// <summary>
    /// The decision on the request, the proposal's new state (and on approval the new playbook version) and both audit
    /// entries, in one transaction; returns the promoted entry, or null on a rejection.
    /// </summary>
    private static async Task<PlaybookEntry?> RecordDecisionAsync(
        ConsoleDbContext db, ApprovalRequest approval, LearningProposal proposal, bool approve, string why, Actor actor, DateTime now, CancellationToken ct)
    {
        await using var transaction = await WriteTransaction.BeginAsync(db, ct);
        var proposalBefore = LearningService.Snapshot(proposal);
        var approvalBefore = new { approval.State };
        approval.State = approve ? ApprovalState.Approved : ApprovalState.Rejected;
        approval.DecidedAt = now;
        approval.DecidedById = actor.Id;
        approval.DecidedByName = actor.DisplayName;
        approval.DecisionNote = why;
        proposal.UpdatedAt = now;

        PlaybookEntry? entry = null;
        if (approve)
        {
            entry = await PromoteAsync(db, proposal, approval, actor, now, why, ct);
        }
        else
        {
            proposal.State = LearningProposalState.PromotionRejected;
        }

        db.Audit(actor, now, approve ? "approval.approved" : "approval.rejected", "approval_request", approval.Id,
            $"{(approve ? "Approved" : "Rejected")} playbook promotion of \"{LearningRules.Headline(proposal.Text)}\"", why,
            approvalBefore, new { approval.State, approval.DecidedByName, approval.DecidedAt });
        db.Audit(actor, now, approve ? "learning_proposal.promoted" : "learning_proposal.promotion_rejected", LearningService.SubjectType, proposal.Id,
            approve ? $"Promoted to playbook entry {entry!.Id} v{entry.CurrentVersion}" : "Promotion rejected", why,
            proposalBefore, LearningService.Snapshot(proposal));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return entry;
    }

    /// <summary>Adds the new version (never edits an old one) and records it in the audit with the text it supersedes.</summary>
    private static async Task<PlaybookEntry> PromoteAsync(
        ConsoleDbContext db, LearningProposal proposal, ApprovalRequest approval, Actor actor, DateTime now, string why, CancellationToken ct)
    {
        PlaybookEntry? entry = null;
        if (proposal.PromotionTargetEntryId is { } targetId)
        {
            entry = await db.Set<PlaybookEntry>().Include(e => e.Versions).FirstOrDefaultAsync(e => e.Id == targetId, ct);
        }

        string? previousText = null;
        if (entry is null)
        {
            entry = new PlaybookEntry
            {
                Class = proposal.Class,
                Title = proposal.PromotionTitle ?? LearningRules.Headline(proposal.Text),
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Add(entry);
            await db.SaveChangesAsync(ct); // the id names the entry in the audit; the transaction keeps it all-or-nothing
        }
        else
        {
            previousText = entry.Versions.FirstOrDefault(v => v.Number == entry.CurrentVersion)?.Text;
        }

        var number = (entry.Versions.Count == 0 ? 0 : entry.Versions.Max(v => v.Number)) + 1;
        var previousVersion = entry.CurrentVersion;
        db.Add(new PlaybookEntryVersion
        {
            EntryId = entry.Id,
            Number = number,
            Text = proposal.Text,
            CreatedAt = now,
            CreatedById = actor.Id,
            CreatedByName = actor.DisplayName,
            SourceProposalId = proposal.Id,
            ApprovalRequestId = approval.Id,
            Reason = why,
            Metric = proposal.Metric,
        });
        entry.CurrentVersion = number;
        entry.UpdatedAt = now;
        proposal.State = LearningProposalState.Promoted;
        proposal.PromotedAt = now;
        proposal.PromotedEntryId = entry.Id;
        proposal.PromotedVersionNumber = number;
        db.Audit(actor, now, "playbook.version_created", "playbook_entry", entry.Id,
            $"\"{entry.Title}\" v{number}" + (previousText is null ? " (new entry)" : $" (v{previousVersion} kept in history)"), why,
            previousText is null ? null : new { Version = previousVersion, Text = previousText },
            new { Version = number, Text = proposal.Text, proposal.Metric, SourceProposalId = proposal.Id, ApprovalRequestId = approval.Id });
        return entry;
    }
}
