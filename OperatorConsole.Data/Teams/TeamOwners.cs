using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Teams;

namespace OperatorConsole.Data.Teams;

/// <summary>
/// An office's or a manager's team: how many members the team records, the deal owners among them as the deals spell
/// them, and the members who own no deal, as the team records them; both by name.
/// </summary>
public sealed record TeamOfOwners(int Members, IReadOnlyList<string> Owners, IReadOnlyList<string> WithoutDeals);

/// <summary>
/// The deal owners an office or a manager's team stands for, as the deals spell them: the Leads list's and the export's
/// <c>office</c> / <c>manager</c> filters, and the chat's answers about a team. Deals carry their owner as text and
/// members are matched to it by key (case and spacing ignored, <see cref="TeamRules.Key"/>), which SQL cannot compute,
/// so the few distinct owner names are read and matched here and the deals are then filtered by those names in SQL.
/// </summary>
public static class TeamOwners
{
    /// <summary>Null when the query names neither an office nor a manager; an empty list when nobody matches (no deals).</summary>
    public static async Task<IReadOnlyList<string>?> OfAsync(ConsoleDbContext db, LeadListQuery query, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(query.Office) && string.IsNullOrWhiteSpace(query.Manager)
            ? null
            : (await OfTeamAsync(db, query.Office, query.Manager, ct)).Owners;

    /// <summary>The members in that office and under that manager (either may be null: any), and their owners on the deals.</summary>
    public static async Task<TeamOfOwners> OfTeamAsync(ConsoleDbContext db, string? office, string? manager, CancellationToken ct)
    {
        var members = (await db.Set<TeamMember>().AsNoTracking().Select(m => new { m.Name, m.NameKey, m.Office, m.Manager }).ToListAsync(ct))
            .Where(m => TeamRules.Matches(m.Office, office) && TeamRules.Matches(m.Manager, manager)).ToList();
        if (members.Count == 0)
        {
            return new TeamOfOwners(0, [], []);
        }

        var keys = members.Select(m => m.NameKey).ToHashSet(StringComparer.Ordinal);
        var owners = (await db.Set<Lead>().AsNoTracking().Where(l => l.Owner != null).Select(l => l.Owner!).Distinct().ToListAsync(ct))
            .Where(o => keys.Contains(TeamRules.Key(o)!)).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var ownerKeys = owners.Select(o => TeamRules.Key(o)!).ToHashSet(StringComparer.Ordinal);
        var withoutDeals = members.Where(m => !ownerKeys.Contains(m.NameKey)).Select(m => m.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return new TeamOfOwners(keys.Count, owners, withoutDeals);
    }
}
