using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.Approvals;

/// <summary>
/// A decision a person took at a human gate: who (<see cref="Actor"/>), when, why, and the record before and after.
/// <see cref="Close"/> says how the record's pending approval requests end (approved, rejected, or left open).
/// </summary>
public sealed record HumanDecision(
    Actor Actor,
    DateTime At,
    string Action,
    string RecordType,
    int RecordId,
    string Summary,
    string Reason,
    object? Before,
    object? After,
    ApprovalState? Close);

/// <summary>
/// The one way a gate's decision is written (<see cref="HumanGate"/> checks the operator and the reason first): one
/// audit entry with who/when/why and before/after, and every pending approval request about the record closed with
/// the same who/when/why — both in the caller's unit of work, so they are saved by the same SaveChanges as the
/// change itself (a decision is never half-recorded). Agent-job approve/refuse/deploy/overrides, build-task
/// refusals and the approvals inbox write through it.
/// </summary>
public static class HumanDecisions
{
    public static async Task<int> RecordAsync(ConsoleDbContext db, HumanDecision decision, CancellationToken ct)
    {
        var closed = decision.Close is { } state
            ? await CloseRequestsAsync(db, decision.RecordType, decision.RecordId, state, decision.Actor, decision.At, decision.Reason, null, ct)
            : 0;
        db.Audit(decision.Actor, decision.At, decision.Action, decision.RecordType, decision.RecordId, decision.Summary, decision.Reason,
            decision.Before, decision.After);
        return closed;
    }

    /// <summary>
    /// Marks the record's pending requests decided (tracked; the caller saves). <paramref name="subject"/> narrows to
    /// one kind of gate; null closes every pending request about the record.
    /// </summary>
    public static async Task<int> CloseRequestsAsync(
        ConsoleDbContext db, string recordType, int recordId, ApprovalState state, Actor decider, DateTime now, string? note,
        ApprovalSubject? subject, CancellationToken ct)
    {
        var id = recordId.ToString(CultureInfo.InvariantCulture);
        var query = db.Set<ApprovalRequest>().Where(a => a.SubjectType == recordType && a.SubjectId == id && a.State == ApprovalState.Pending);
        if (subject is { } only)
        {
            query = query.Where(a => a.Subject == only);
        }

        // Requests opened in this unit of work are not in the database yet: close them too.
        var pending = (await query.ToListAsync(ct))
            .Concat(db.ChangeTracker.Entries<ApprovalRequest>()
                .Where(e => e.State == EntityState.Added && e.Entity.SubjectType == recordType && e.Entity.SubjectId == id
                    && e.Entity.State == ApprovalState.Pending && (subject == null || e.Entity.Subject == subject))
                .Select(e => e.Entity))
            .Distinct()
            .ToList();
        foreach (var request in pending)
        {
            request.State = state;
            request.DecidedAt = now;
            request.DecidedById = decider.Id;
            request.DecidedByName = decider.DisplayName;
            request.DecisionNote = note;
        }

        return pending.Count;
    }
}
