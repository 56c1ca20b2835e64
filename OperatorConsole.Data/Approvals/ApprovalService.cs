using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.Approvals;

/// <summary>
/// The approvals inbox and the decision. A decision is only ever taken here: it checks the gate (signed-in
/// operator, reason, second-operator rule), records who/when/why with before/after in the audit log, and
/// lets the subject's <see cref="IApprovalSubjectHandler"/> apply the effect — all in one SaveChanges.
/// </summary>
public sealed class ApprovalService(
    IDbContextFactory<ConsoleDbContext> dbFactory,
    TimeProvider time,
    SettingsService settings,
    IEnumerable<IApprovalSubjectHandler> handlers,
    IEnumerable<IApprovalOwner> owners)
{
    private readonly IReadOnlyDictionary<ApprovalSubject, IApprovalSubjectHandler> _handlers =
        handlers.GroupBy(h => h.Subject).ToDictionary(g => g.Key, g => g.Last());

    /// <summary>Subjects whose decisions have an effect wired in (others only record the decision).</summary>
    public IReadOnlyCollection<ApprovalSubject> HandledSubjects => _handlers.Keys.ToList();

    /// <summary>
    /// Pending requests come oldest first (an inbox: the longest-waiting decision is on top); decided ones
    /// newest first.
    /// </summary>
    public async Task<PagedList<ApprovalView>> ListAsync(ApprovalListQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var requests = db.Set<ApprovalRequest>().AsNoTracking();
        if (query.State is { } state)
        {
            requests = requests.Where(a => a.State == state);
        }

        if (query.Subject is { } subject)
        {
            requests = requests.Where(a => a.Subject == subject);
        }

        var total = await requests.CountAsync(ct);
        var ordered = query.State == ApprovalState.Pending
            ? requests.OrderBy(a => a.RequestedAt).ThenBy(a => a.Id)
            : requests.OrderBy(a => a.State == ApprovalState.Pending ? 0 : 1).ThenByDescending(a => a.DecidedAt ?? a.RequestedAt).ThenByDescending(a => a.Id);
        var rows = await ordered.Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<ApprovalView>(rows.Select(ToView).ToList(), total, paging.Page, paging.PageSize);
    }

    public async Task<int> CountPendingAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<ApprovalRequest>().CountAsync(a => a.State == ApprovalState.Pending, ct);
    }

    public async Task<ApprovalView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.Set<ApprovalRequest>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return request is null ? null : ToView(request);
    }

    public async Task<OperationResult<ApprovalView>> DecideAsync(int id, DecideApprovalRequest decision, Actor actor, CancellationToken ct = default)
    {
        // The gate first: a caller who may not decide learns nothing about the request and writes nothing.
        if (HumanGate.OperatorOnly<ApprovalView>(actor, "Only a signed-in operator can decide an approval request.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.Set<ApprovalRequest>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (request is null)
        {
            return OperationResult<ApprovalView>.NotFound($"Approval request {id} does not exist.");
        }

        var errors = ApprovalPolicy.ValidateDecision(decision.Approve, decision.Reason);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<ApprovalView>();
        }

        var thresholds = await settings.GetThresholdsAsync(ct);
        if (ApprovalPolicy.Refusal(request, actor, thresholds.RequireSecondOperator) is { } refusal)
        {
            return refusal.Forbidden
                ? OperationResult<ApprovalView>.Forbidden(refusal.Message)
                : OperationResult<ApprovalView>.Conflict(refusal.Message);
        }

        return owners.FirstOrDefault(o => o.Owns(request)) is { } owner
            ? await DecideThroughOwnerAsync(owner, request, decision, actor, ct)
            : await RecordDecisionAsync(db, request, decision, actor, ct);
    }

    /// <summary>A subject with an owner (playbook promotion, high-risk change) decides in its own service and unit of work.</summary>
    private async Task<OperationResult<ApprovalView>> DecideThroughOwnerAsync(
        IApprovalOwner owner, ApprovalRequest request, DecideApprovalRequest decision, Actor actor, CancellationToken ct)
    {
        var owned = await owner.DecideAsync(request, decision.Approve!.Value, decision.Reason!.Trim(), actor, ct);
        if (!owned.Succeeded)
        {
            return owned.As<ApprovalView>();
        }

        await using var fresh = await dbFactory.CreateDbContextAsync(ct);
        return OperationResult<ApprovalView>.Ok(ToView(await fresh.Set<ApprovalRequest>().AsNoTracking().FirstAsync(a => a.Id == request.Id, ct)));
    }

    /// <summary>The decision, its audit entry and the subject's effect (its handler, if any) in one SaveChanges.</summary>
    private async Task<OperationResult<ApprovalView>> RecordDecisionAsync(
        ConsoleDbContext db, ApprovalRequest request, DecideApprovalRequest decision, Actor actor, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var approved = decision.Approve!.Value;
        var reason = decision.Reason!.Trim();
        var before = ToView(request);
        request.State = approved ? ApprovalState.Approved : ApprovalState.Rejected;
        request.DecidedAt = now;
        request.DecidedById = actor.Id;
        request.DecidedByName = actor.DisplayName;
        request.DecisionNote = reason;
        var after = ToView(request);
        db.Audit(actor, now, approved ? "approval.approved" : "approval.rejected", "approval_request", request.Id,
            $"{(approved ? "Approved" : "Rejected")}: {request.Title}", reason, Snapshot(before), Snapshot(after));

        if (_handlers.TryGetValue(request.Subject, out var handler))
        {
            try
            {
                await handler.OnDecidedAsync(db, request, approved, actor, now, ct);
            }
            catch (ApprovalDecisionRefusedException refusedEffect)
            {
                return OperationResult<ApprovalView>.Conflict(refusedEffect.Message);
            }
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return OperationResult<ApprovalView>.Conflict("The request changed while you were deciding; reload and try again.");
        }

        return OperationResult<ApprovalView>.Ok(after);
    }

    /// <summary>What the audit log keeps of a request: its decision fields, not the (long) context.</summary>
    private static object Snapshot(ApprovalView v) => new
    {
        v.Id, v.Subject, v.SubjectType, v.SubjectId, v.State, v.RequestedAt, v.RequestedByName, v.DecidedAt, v.DecidedByName, v.DecisionNote,
    };

    public static ApprovalView ToView(ApprovalRequest a) => new(
        a.Id, a.Subject, a.SubjectType, a.SubjectId, a.LeadId, a.Title, a.Context, a.State, a.RequestedAt, a.RequestedByName, a.RequestedById,
        a.DecidedAt, a.DecidedByName, a.DecisionNote, ApprovalPolicy.LinkFor(a.SubjectType, a.SubjectId, a.LeadId));
}
