using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Assets;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Data.Assets;

/// <summary>
/// Every project should leave something reusable, or say why not: a shipped client with no log entry at all
/// (neither an asset nor a "no, because…") is an intervention in Failures &amp; Interventions.
/// </summary>
public sealed class MissingReusableAssetSource(IDbContextFactory<ConsoleDbContext> dbFactory) : IInterventionSource
{
    public const string Kind = NoticeKinds.MissingReusableAsset;

    public IReadOnlyCollection<string> Topics { get; } = [nameof(Lead), nameof(ReusableAssetEntry)];

    public async Task<IReadOnlyList<Intervention>> GetAsync(DateTime now, Thresholds thresholds, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var missing = await db.Set<Lead>().AsNoTracking()
            .Where(l => l.Status == LeadStatus.Shipped && !l.IsArchived)
            .Where(l => !db.Set<ReusableAssetEntry>().Any(a => a.LeadId == l.Id))
            .OrderBy(l => l.StatusChangedAt)
            .Select(l => new { l.Id, l.Title, l.Company, l.StatusChangedAt })
            .ToListAsync(ct);
        return missing.Select(l => new Intervention(
                Kind,
                $"{l.Company ?? l.Title} shipped with no reusable asset logged",
                $"/leads/{l.Id}",
                "lead",
                l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                l.StatusChangedAt,
                Severity: 2,
                LeadId: l.Id,
                Detail: "Log what was extracted (template, prompt, workflow…) or answer \"no\" with the reason."))
            .ToList();
    }
}
