using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Teams;

namespace OperatorConsole.Data.Teams;

/// <summary>
/// A row of GET /api/team-members: a deal owner with their manager and office (null when no team records them) and
/// what their deals add up to, computed from the deals as an account's row is. <see cref="Id"/> is null for an owner
/// named on deals that no team member record has.
/// </summary>
public sealed record TeamMemberRow(
    int? Id, string Name, string? Manager, string? Office, int Deals, int OpenDeals, int WonDeals, int LostDeals, decimal WonValue, decimal? WinRate);

/// <summary>GET /api/team-members filters: an office or a manager (whole value, case ignored).</summary>
public sealed record TeamListQuery(string? Office = null, string? Manager = null, int? Page = null, int? PageSize = null);

/// <summary>The offices and managers the team records name, each once (case and spacing ignored), by name: the team filters' choices.</summary>
public sealed record TeamChoices(IReadOnlyList<string> Offices, IReadOnlyList<string> Managers)
{
    public static TeamChoices From(IEnumerable<string?> offices, IEnumerable<string?> managers) => new(Each(offices), Each(managers));

    private static List<string> Each(IEnumerable<string?> values) =>
        values.OfType<string>().DistinctBy(v => TeamRules.Key(v)).Order(StringComparer.OrdinalIgnoreCase).ToList();
}

/// <summary>PUT /api/team-members body: a deal owner's manager and office; a field left out or empty is cleared.</summary>
public sealed record SetTeamMemberRequest(string? Name, string? Manager = null, string? Office = null);

/// <summary>A team member record as written.</summary>
public sealed record TeamMemberView(int Id, string Name, string? Manager, string? Office, DateTime UpdatedAt);

/// <summary>
/// The deal owners and their teams. Deals name their owner as text, so a member is matched to them by key (case and
/// spacing ignored); every owner on a deal is listed, with or without a team, and every member, with or without deals.
/// </summary>
public sealed class TeamService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    /// <summary>
    /// Puts a person in a team: their manager and office, by name (case and spacing ignored), a new record when no member
    /// has the name. A CRM export without a teams file (HubSpot, Pipedrive) names owners only, and /teams listed them
    /// without a team, with nothing an operator could do about it. Audited with the record before and after.
    /// </summary>
    public async Task<OperationResult<TeamMemberView>> SetAsync(SetTeamMemberRequest request, Actor actor, CancellationToken ct = default)
    {
        // The page shows the pencil to operators only and the API's policy asks for one; the service asks again.
        if (!actor.IsOperator)
        {
            return OperationResult<TeamMemberView>.Forbidden("Only an operator sets a person's team.");
        }

        var errors = new ValidationErrors();
        foreach (var problem in TeamRules.Validate(request.Name, request.Manager, request.Office))
        {
            // "name: empty; …": the rule names its field first, as the import's row errors read.
            var split = problem.IndexOf(':', StringComparison.Ordinal);
            errors.Add(problem[..split], problem[(split + 1)..].Trim());
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<TeamMemberView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var key = TeamRules.Key(request.Name)!;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var member = await db.Set<TeamMember>().FirstOrDefaultAsync(m => m.NameKey == key, ct);
        var before = member is null ? null : ToView(member);
        if (member is null)
        {
            member = new TeamMember { Name = request.Name!.Trim(), NameKey = key, CreatedAt = now };
            db.Add(member);
        }

        (member.Manager, member.Office, member.UpdatedAt) = (TextInput.Clean(request.Manager), TextInput.Clean(request.Office), now);
        var summary = $"Set {member.Name}'s team: manager {member.Manager ?? "none"}, office {member.Office ?? "none"}";
        await db.SaveWithAuditAsync(() => db.Audit(actor, now, "team_member.set", "team_member", member.Id, summary, before: before, after: ToView(member)), ct);
        return OperationResult<TeamMemberView>.Ok(ToView(member));
    }

    /// <summary>
    /// Takes a person's record off the teams (someone who left, or a name recorded twice): their deals keep their owner
    /// and show no team. A record could be emptied but never removed, so a person who left stayed counted in their team.
    /// Audited with the record removed; the removed record is returned.
    /// </summary>
    public async Task<OperationResult<TeamMemberView>> RemoveAsync(int id, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsOperator)
        {
            return OperationResult<TeamMemberView>.Forbidden("Only an operator removes a person from the teams.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<TeamMember>().FirstOrDefaultAsync(m => m.Id == id, ct) is not { } member)
        {
            return OperationResult<TeamMemberView>.NotFound($"No team member has id {id}.");
        }

        var removed = ToView(member);
        db.Remove(member);
        var summary = $"Removed {member.Name} from the teams (manager {member.Manager ?? "none"}, office {member.Office ?? "none"})";
        await db.SaveWithAuditAsync(() => db.Audit(actor, time.GetUtcNow().UtcDateTime, "team_member.removed", "team_member", id, summary, before: removed, after: null), ct);
        return OperationResult<TeamMemberView>.Ok(removed);
    }

    private static TeamMemberView ToView(TeamMember m) => new(m.Id, m.Name, m.Manager, m.Office, m.UpdatedAt);

    public async Task<PagedList<TeamMemberRow>> ListAsync(TeamListQuery query, CancellationToken ct = default) => Page(await AllAsync(ct), query);

    /// <summary>Every row, unfiltered and unpaged: /teams reads it once per change for its filters and cuts its pages with <see cref="Page"/>.</summary>
    public async Task<IReadOnlyList<TeamMemberRow>> AllAsync(CancellationToken ct = default) => await ComputeAsync(ct);

    public async Task<TeamChoices> ChoicesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = await db.Set<TeamMember>().AsNoTracking().Select(m => new { m.Office, m.Manager }).ToListAsync(ct);
        return TeamChoices.From(members.Select(m => m.Office), members.Select(m => m.Manager));
    }

    /// <summary>The rows a query keeps, in the list's order, one page of them.</summary>
    public static PagedList<TeamMemberRow> Page(IReadOnlyList<TeamMemberRow> all, TeamListQuery query)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        var rows = all
            .Where(r => TeamRules.Matches(r.Office, query.Office) && TeamRules.Matches(r.Manager, query.Manager))
            .OrderBy(r => r.Office is null).ThenBy(r => r.Office, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Manager, StringComparer.OrdinalIgnoreCase).ThenByDescending(r => r.WonValue).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new PagedList<TeamMemberRow>(rows.Skip(paging.Skip).Take(paging.PageSize).ToList(), rows.Count, paging.Page, paging.PageSize);
    }

    private async Task<List<TeamMemberRow>> ComputeAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var members = await db.Set<TeamMember>().AsNoTracking().ToListAsync(ct);
        var leads = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived && l.Owner != null);
        var counts = await leads.GroupBy(l => new { l.Owner, l.Status }).Select(g => new { g.Key.Owner, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        // Decimal sums do not translate on SQLite; won proposals are one small row each.
        var won = await db.Set<Proposal>().AsNoTracking().Where(p => p.Outcome == ProposalOutcome.Won)
            .Join(leads, p => p.LeadId, l => l.Id, (p, l) => new { l.Owner, Value = p.OutcomeValue ?? p.Amount ?? 0m }).ToListAsync(ct);
        var countsByKey = counts.ToLookup(c => TeamRules.Key(c.Owner)!);
        var wonByKey = won.GroupBy(w => TeamRules.Key(w.Owner)!).ToDictionary(g => g.Key, g => g.Sum(w => w.Value), StringComparer.Ordinal);
        // An owner is named as the deals spell them when no member record has them.
        var owners = counts.GroupBy(c => TeamRules.Key(c.Owner)!).ToDictionary(g => g.Key, g => g.First().Owner!, StringComparer.Ordinal);
        var keys = members.Select(m => m.NameKey).Union(owners.Keys, StringComparer.Ordinal);
        var byKey = members.ToDictionary(m => m.NameKey, StringComparer.Ordinal);
        return keys.Select(key =>
        {
            var member = byKey.GetValueOrDefault(key);
            var mine = countsByKey[key].ToList();
            int Count(Func<LeadStatus, bool> stage) => mine.Where(c => stage(c.Status)).Sum(c => c.Count);
            var (wonDeals, lost) = (Count(s => s.IsClient()), Count(s => s == LeadStatus.Lost));
            return new TeamMemberRow(member?.Id, member?.Name ?? owners[key], member?.Manager, member?.Office,
                mine.Sum(c => c.Count), Count(s => s is LeadStatus.New or LeadStatus.Qualified or LeadStatus.Proposal), wonDeals, lost,
                wonByKey.GetValueOrDefault(key), wonDeals + lost == 0 ? null : Math.Round((decimal)wonDeals / (wonDeals + lost), 4));
        }).ToList();
    }
}
