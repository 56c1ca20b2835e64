using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Teams;

namespace OperatorConsole.Data.Teams;

/// <summary>
/// The deal owners an office or a manager's team stands for, as the deals spell them: the Leads list's and the export's
/// <c>office</c> / <c>manager</c> filters. Deals carry their owner as text and members are matched to it by key (case
/// and spacing ignored, <see cref="TeamRules.Key"/>), which SQL cannot compute, so the few distinct owner names are
/// read and matched here and the deals are then filtered by those names in SQL.
/// </summary>
public static class TeamOwners
{
    /// <summary>Null when the query names neither an office nor a manager; an empty list when nobody matches (no deals).</summary>
    public static async Task<IReadOnlyList<string>?> OfAsync(ConsoleDbContext db, LeadListQuery query, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(query.Office) && string.IsNullOrWhiteSpace(query.Manager))
        {
            return null;
        }

        var members = await db.Set<TeamMember>().AsNoTracking().Select(m => new { m.NameKey, m.Office, m.Manager }).ToListAsync(ct);
        var keys = members.Where(m => TeamRules.Matches(m.Office, query.Office) && TeamRules.Matches(m.Manager, query.Manager))
            .Select(m => m.NameKey).ToHashSet(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return [];
        }

        var owners = await db.Set<Lead>().AsNoTracking().Where(l => l.Owner != null).Select(l => l.Owner!).Distinct().ToListAsync(ct);
        return owners.Where(o => keys.Contains(TeamRules.Key(o)!)).ToList();
    }
}
