using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Leads;

/// <summary>
/// The day a deal is expected to close, set or cleared as a whole (PUT): a date someone commits to, so each change is
/// audited with who and before / after, as a next step is (ADR 245).
/// </summary>
public sealed class ExpectedCloseService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public async Task<OperationResult<LeadView>> SetAsync(int leadId, SetExpectedCloseRequest request, Actor actor, CancellationToken ct = default)
    {
        if (actor.Kind == ActorKind.User && !actor.IsOperator)
        {
            return OperationResult<LeadView>.Forbidden("Viewers cannot set an expected close date.");
        }

        var errors = new ValidationErrors().ExpectedClose(request.ExpectedCloseOn);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<LeadView>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().Include(l => l.Account).FirstOrDefaultAsync(l => l.Id == leadId, ct);
        if (lead is null)
        {
            return OperationResult<LeadView>.NotFound($"Lead {leadId} does not exist.");
        }

        if (lead.ExpectedCloseOn == request.ExpectedCloseOn)
        {
            return OperationResult<LeadView>.Ok(LeadService.ToView(lead));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = lead.ExpectedCloseOn;
        lead.ExpectedCloseOn = request.ExpectedCloseOn;
        lead.UpdatedAt = now;
        var summary = request.ExpectedCloseOn is { } day
            ? $"Expected close for \"{lead.Title}\": {day:yyyy-MM-dd}{(before is { } was ? $" (was {was:yyyy-MM-dd})" : "")}"
            : $"Expected close for \"{lead.Title}\" cleared (was {before:yyyy-MM-dd})";
        db.Audit(actor, now, "lead.expected_close_set", "lead", lead.Id, summary,
            before: new { expectedCloseOn = before }, after: new { expectedCloseOn = lead.ExpectedCloseOn });
        await db.SaveChangesAsync(ct);
        return OperationResult<LeadView>.Ok(LeadService.ToView(lead));
    }
}
