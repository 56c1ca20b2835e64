using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Teams;

namespace OperatorConsole.Data.Teams;

/// <summary>An office's or a manager's team: how many members the team records, and the deal owners among them as the deals spell them, by name.</summary>
public sealed record TeamOfOwners(int Members, IReadOnlyList<string> Owners);

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
        var members = await db.Set<TeamMember>().AsNoTracking().Select(m => new { m.NameKey, m.Office, m.Manager }).ToListAsync(ct);
        var keys = members.Where(m => TeamRules.Matches(m.Office, office) && TeamRules.Matches(m.Manager, manager))
            .Select(m => m.NameKey).ToHashSet(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return new TeamOfOwners(0, []);
        }

        var owners = await db.Set<Lead>().AsNoTracking().Where(l => l.Owner != null).Select(l => l.Owner!).Distinct().ToListAsync(ct);
        return new TeamOfOwners(keys.Count, owners.Where(o => keys.Contains(TeamRules.Key(o)!)).Order(StringComparer.OrdinalIgnoreCase).ToList());
    }
}
