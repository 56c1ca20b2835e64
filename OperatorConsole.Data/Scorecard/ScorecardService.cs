using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Clock;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Scorecard;

namespace OperatorConsole.Data.Scorecard;

/// <summary>
/// The money scorecard: loads only the window the figures need (closed proposals since the earliest
/// compared period, open leads) and leaves the arithmetic to <see cref="ScorecardCalculator"/>.
/// Figures carry stable keys (<c>scorecard.*</c>) so the ops chat can cite them.
/// </summary>
public sealed class ScorecardService(IDbContextFactory<ConsoleDbContext> dbFactory, DataClockService clock, SettingsService settings)
{
    /// <summary>The scorecard at the data's clock (as of the newest activity when the data is historic).</summary>
    public async Task<MoneyScorecardReport> GetAsync(CancellationToken ct = default) => await GetAsync(await clock.ResolveAsync(ClockMode.Data, ct), ct);

    /// <summary>The scorecard against <paramref name="at"/>: the screen's one reference time.</summary>
    public async Task<MoneyScorecardReport> GetAsync(ReferenceTime at, CancellationToken ct = default)
    {
        var now = at.At;
        var periodDays = (await settings.GetThresholdsAsync(ct)).ConstraintPeriodDays;
        var since = ScorecardCalculator.EarliestNeeded(now, periodDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deals = await db.Set<Proposal>().AsNoTracking()
            .Where(p => p.Outcome != null && p.OutcomeAt >= since && p.OutcomeAt <= now)
            .Join(db.Set<Lead>(), p => p.LeadId, l => l.Id, (p, l) => new ClosedDeal(
                p.Id, l.Id, l.Title, p.Outcome!.Value, p.OutcomeValue, p.OutcomeAt!.Value, l.CreatedAt))
            .ToListAsync(ct);
        var open = await db.Set<Lead>().AsNoTracking()
            .Where(l => !l.IsArchived).OpenDeals()
            .Select(l => new OpenLead(l.Id, l.Title, l.Status, l.EstimatedValue))
            .ToListAsync(ct);
        return ScorecardCalculator.Compute(now, deals, open, periodDays) with { Clock = at };
    }
}
