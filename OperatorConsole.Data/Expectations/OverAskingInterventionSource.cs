using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Expectations;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Data.Expectations;

/// <summary>
/// A lead in Proposal whose latest expectation snapshot flags over-asking but has no reset script: the
/// proposal is about to promise what cannot be delivered, and nobody has prepared the conversation.
/// </summary>
public sealed class OverAskingInterventionSource(IDbContextFactory<ConsoleDbContext> dbFactory) : IInterventionSource
{
    public const string Kind = "over_asking_no_reset_script";

    public IReadOnlyCollection<string> Topics { get; } = [nameof(ExpectationSnapshot), nameof(Lead)];

    public async Task<IReadOnlyList<Intervention>> GetAsync(DateTime now, Thresholds thresholds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var snapshots = db.Set<ExpectationSnapshot>();
        var rows = await (
            from s in snapshots
            join l in db.Set<Lead>() on s.LeadId equals l.Id
            where l.Status == LeadStatus.Proposal && !l.IsArchived
                && s.Number == snapshots.Where(x => x.LeadId == s.LeadId).Max(x => x.Number)
                && s.AskCalibration == AskCalibration.OverAsking
                && (s.ResetScript == null || s.ResetScript == "")
            select new { l.Id, l.Title, l.Company, s.CreatedAt, l.StatusChangedAt, s.RequestedOutcome })
            .ToListAsync(ct);

        return rows.Select(r => new Intervention(
                Kind,
                $"{r.Company ?? r.Title}: over-asking flagged, no expectation-reset script",
                $"/leads/{r.Id}",
                "lead",
                r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                r.CreatedAt > r.StatusChangedAt ? r.CreatedAt : r.StatusChangedAt,
                Severity: 2,
                LeadId: r.Id,
                Detail: r.RequestedOutcome is null ? "Write the talking points before the proposal goes out." : $"They ask for: {r.RequestedOutcome}"))
            .OrderBy(i => i.Since)
            .ToList();
    }
}
