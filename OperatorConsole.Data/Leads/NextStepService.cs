using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Leads;

/// <summary>PUT /api/leads/{id}/next-step body: what to do next and when it is due.</summary>
public sealed record SetNextStepRequest(string? What, DateTime? DueAt);

/// <summary>A lead's next step as the API and the lead page show it.</summary>
public sealed record NextStepView(int LeadId, string? What, DateTime? DueAt, DateTime? DoneAt, NextStepState State);

/// <summary>
/// The next step of an open deal (what, due date; done or overdue). Setting one replaces the previous step;
/// marking it done keeps it (with its done time) until the next one is set. Every change is audited.
/// </summary>
public sealed class NextStepService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public async Task<OperationResult<NextStepView>> SetAsync(int leadId, SetNextStepRequest request, Actor actor, CancellationToken ct = default)
    {
        if (actor.Kind == ActorKind.User && !actor.IsOperator)
        {
            return OperationResult<NextStepView>.Forbidden("Viewers cannot plan a next step.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().FirstOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
        {
            return OperationResult<NextStepView>.NotFound($"Lead {leadId} does not exist.");
        }

        var errors = NextStepRules.Validate(lead.Status, request.What, request.DueAt);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<NextStepView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = View(lead, now);
        lead.NextStep = request.What!.Trim();
        lead.NextStepDueAt = request.DueAt!.Value.ToUniversalTime();
        lead.NextStepDoneAt = null;
        lead.UpdatedAt = now;
        var after = View(lead, now);
        db.Audit(actor, now, "lead.next_step_set", "lead", lead.Id,
            $"Next step for \"{lead.Title}\": {lead.NextStep} (due {lead.NextStepDueAt:yyyy-MM-dd HH:mm} UTC)", before: before, after: after);
        await db.SaveChangesAsync(ct);
        return OperationResult<NextStepView>.Ok(after);
    }

    public async Task<OperationResult<NextStepView>> MarkDoneAsync(int leadId, Actor actor, CancellationToken ct = default)
    {
        if (actor.Kind == ActorKind.User && !actor.IsOperator)
        {
            return OperationResult<NextStepView>.Forbidden("Viewers cannot complete a next step.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().FirstOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
        {
            return OperationResult<NextStepView>.NotFound($"Lead {leadId} does not exist.");
        }

        if (!NextStepRules.IsOpen(lead.NextStepDueAt, lead.NextStepDoneAt))
        {
            return OperationResult<NextStepView>.Conflict($"Lead {leadId} has no open next step.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        lead.NextStepDoneAt = now;
        lead.UpdatedAt = now;
        var after = View(lead, now);
        db.Audit(actor, now, "lead.next_step_done", "lead", lead.Id, $"Done: {lead.NextStep} (\"{lead.Title}\")", after: after);
        await db.SaveChangesAsync(ct);
        return OperationResult<NextStepView>.Ok(after);
    }

    public static NextStepView View(Lead lead, DateTime now) =>
        new(lead.Id, lead.NextStep, lead.NextStepDueAt, lead.NextStepDoneAt, NextStepRules.State(lead.NextStepDueAt, lead.NextStepDoneAt, now));
}
