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

    /// <summary>
    /// The open deals (not archived) by <see cref="CloseWindows"/> today, and the first <paramref name="next"/> expected
    /// from today on. Today is the calendar's, as on the lead page and in the list's "past": a plan's day is compared
    /// with the calendar, not with the data's last activity. One grouped read by day and stage: a pipeline holds few
    /// distinct days. With <paramref name="rates"/> each window is also weighted by its deals' stages (ADR 248).
    /// </summary>
    public async Task<ExpectedCloseOutlook> OutlookAsync(IReadOnlyCollection<StageWinRate>? rates = null, int next = 5, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).OpenDeals();
        var days = await open.GroupBy(l => new { l.ExpectedCloseOn, l.Status })
            .Select(g => new { On = g.Key.ExpectedCloseOn, Stage = g.Key.Status, Deals = g.Count(), Estimated = g.Sum(l => (double?)l.EstimatedValue) ?? 0 })
            .ToListAsync(ct);
        var windows = CloseWindows.All.Select(window =>
        {
            var byStage = days.Where(d => CloseWindows.Of(d.On, today) == window).GroupBy(d => d.Stage)
                .ToDictionary(g => g.Key, g => (Deals: g.Sum(d => d.Deals), Value: Math.Round((decimal)g.Sum(d => d.Estimated), 2)));
            var (first, last) = CloseWindows.Days(window, today);
            var deals = byStage.Values.Sum(s => s.Deals);
            // The window weighed as the pipeline is (StageWinRates.Weigh); no rate for any of its deals: no figure, not "0 USD".
            var weighed = rates is null ? null : StageWinRates.Weigh([.. rates], byStage);
            var unweighted = weighed?.Unweighted.Sum(s => s.Deals) ?? 0;
            var weighted = weighed is null || (deals > 0 && unweighted == deals) ? null : (decimal?)weighed.Weighted;
            return new CloseWindowRow(window, deals, byStage.Values.Sum(s => s.Value), first, last, weighted, unweighted);
        }).ToList();
        var upcoming = await open.Where(l => l.ExpectedCloseOn >= today).SoonestFirst().Take(next).ToListAsync(ct);
        return new ExpectedCloseOutlook(today, days.Sum(d => d.Deals), windows, upcoming);
    }
}
