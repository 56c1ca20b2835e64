using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Data.Clock;

/// <summary>What the clock rule needs from the database: the newest recorded activity and the current period's length.</summary>
public sealed record DataActivity(DateTime? NewestActivity, int CurrentPeriodDays);

/// <summary>
/// The data side of the one clock (<see cref="ReferenceClock"/>): the newest recorded pipeline activity — a stage
/// change (lead creation included), a touch, a proposal sent or decided — not after now. Runs, heartbeats and
/// approvals are the console's own machinery, not the business's history, so they never move the clock.
/// Screens share one answer (the web layer's clock query); this service is for callers without a screen (chat).
/// </summary>
public sealed class DataClockService(IDbContextFactory<ConsoleDbContext> dbFactory, SettingsService settings, TimeProvider time)
{
    /// <summary>Changes to these can move the newest activity or the period.</summary>
    public static readonly IReadOnlyCollection<string> Topics =
        [nameof(Lead), nameof(LeadStatusChange), nameof(Touch), nameof(Proposal), nameof(ConsoleSetting)];

    public async Task<DataActivity> GetActivityAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var period = ReferenceClock.CurrentPeriodDays((await settings.GetThresholdsAsync(ct)).ConstraintPeriodDays);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var newest = new[]
        {
            await db.Set<LeadStatusChange>().Where(c => c.ChangedAt <= now).MaxAsync(c => (DateTime?)c.ChangedAt, ct),
            await db.Set<Touch>().Where(t => t.OccurredAt <= now).MaxAsync(t => (DateTime?)t.OccurredAt, ct),
            await db.Set<Proposal>().Where(p => p.SentAt <= now).MaxAsync(p => p.SentAt, ct),
            await db.Set<Proposal>().Where(p => p.OutcomeAt <= now).MaxAsync(p => p.OutcomeAt, ct),
        }.Max();
        return new DataActivity(newest, period);
    }

    /// <summary>The reference time for <paramref name="mode"/>, read now (one small query per call).</summary>
    public async Task<ReferenceTime> ResolveAsync(ClockMode mode = ClockMode.Data, CancellationToken ct = default) =>
        Resolve(await GetActivityAsync(ct), mode);

    /// <summary>The rule applied to an activity answer (shared or fresh) at the wall clock's now.</summary>
    public ReferenceTime Resolve(DataActivity activity, ClockMode mode) =>
        ReferenceClock.Resolve(time.GetUtcNow().UtcDateTime, activity.NewestActivity, activity.CurrentPeriodDays, mode);
}
