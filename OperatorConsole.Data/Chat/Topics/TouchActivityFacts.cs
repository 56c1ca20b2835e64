using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Teams;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// Touches counted by channel, direction and deal (<see cref="TouchActivity"/>): in the period asked (else every one
/// logged), on the deals of the owner, account, lead, manager's team or office named (else every deal).
/// </summary>
public sealed partial class TouchActivityFacts(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    private sealed record Counted(int LeadId, TouchDirection Direction);

    /// <summary>Why a zero is a zero when nothing at all is logged, and how touches get logged.</summary>
    private const string NothingLogged =
        "No touch is logged on any deal: touches (calls, emails, meetings, messages) are logged on a lead's page, or by POST /api/leads/{id}/touches.";

    /// <summary>The touches on these deals, of the channel (null: all) and in the period (null: ever), with their deal and direction.</summary>
    private static Task<List<Counted>> CountedAsync(ConsoleDbContext db, IQueryable<Lead> leads, TouchChannel? channel, ChatPeriod? period, CancellationToken ct)
    {
        var touches = db.Set<Touch>().AsNoTracking().Where(t => leads.Any(l => l.Id == t.LeadId));
        if (channel is { } c)
        {
            touches = touches.Where(t => t.Channel == c);
        }

        if (period is { } p)
        {
            touches = touches.Where(t => t.OccurredAt >= p.From && t.OccurredAt < p.To);
        }

        return touches.Select(t => new Counted(t.LeadId, t.Direction)).ToListAsync(ct);
    }

    /// <summary>"calls", "touches": a channel's name in the plural.</summary>
    private static string Plural(string name) => name + (name.EndsWith('h') ? "es" : "s");

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, TouchChannel? channel, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var missing = new List<string>();
        var (leads, scope, link) = await ScopeAsync(db, question, missing, ct);
        var counted = await CountedAsync(db, leads, channel, question.Period, ct);
        var name = TouchActivity.Name(channel);
        var when = question.Period is { } p ? " " + p.When() : "";
        var outbound = counted.Count(t => t.Direction == TouchDirection.Outbound);
        var claim = counted.Count == 0
            ? $"No {name} is logged{when} on {scope}"
            : $"{Say.Plural(counted.Count, name, Plural(name))} logged{when} on {scope}: "
              + $"{Say.N(outbound)} outbound, {Say.N(counted.Count - outbound)} inbound, on {Say.Plural(counted.Select(t => t.LeadId).Distinct().Count(), "deal", "deals")}";
        // Only a zero needs its reason: is anything logged at all?
        if (counted.Count == 0 && !await db.Set<Touch>().AnyAsync(ct))
        {
            missing.Add(NothingLogged);
        }

        var key = $"touches.{(channel?.ToString() ?? "all").ToLowerInvariant()}.{(question.Period is { } q ? $"{q.From:yyyyMMdd}-{q.To:yyyyMMdd}" : "ever")}.{scope}";
        return new TopicAnswer(claim + ".", [Say.Fact(key, "Touches · " + name, claim, link, claim)], [], missing);
    }

    /// <summary>The deals the question names (an owner's, an account's, a lead, a manager's team's or an office's), else every one.</summary>
    private static async Task<(IQueryable<Lead> Leads, string Scope, string Link)> ScopeAsync(
        ConsoleDbContext db, QuestionAnalysis question, List<string> missing, CancellationToken ct)
    {
        var leads = db.Set<Lead>().AsNoTracking();
        foreach (var other in question.Entities.Skip(1))
        {
            missing.Add($"{other.Entity.Kind} \"{other.Entity.Name}\" is not applied: the touches are counted on the first name only.");
        }

        if (question.Entities.Count == 0)
        {
            return (leads, "every deal", "/leads");
        }

        var entity = question.Entities[0].Entity;
        switch (entity.Kind)
        {
            case EntityKind.Owner:
                return (leads.Where(l => l.Owner == entity.Key), $"{entity.Name}'s deals", entity.Link);
            case EntityKind.Account:
                return (leads.Where(l => (l.Account != null && l.Account.Name == entity.Key) || l.Company == entity.Key), $"{entity.Name}'s deals", entity.Link);
            case EntityKind.Lead when int.TryParse(entity.Key, out var id):
                return (leads.Where(l => l.Id == id), $"the deal \"{entity.Name}\"", entity.Link);
            case EntityKind.Manager or EntityKind.Office:
                var owners = (entity.Kind == EntityKind.Manager ? await TeamOwners.OfTeamAsync(db, null, entity.Name, ct) : await TeamOwners.OfTeamAsync(db, entity.Name, null, ct)).Owners;
                var whose = entity.Kind == EntityKind.Manager ? $"{entity.Name}'s team's deals" : $"the {entity.Name} office's deals";
                var link = entity.Kind == EntityKind.Manager ? $"/leads?manager={Uri.EscapeDataString(entity.Name)}" : $"/leads?office={Uri.EscapeDataString(entity.Name)}";
                return (leads.Where(l => owners.Contains(l.Owner!)), whose, link);
            default:
                missing.Add($"{entity.Kind} \"{entity.Name}\" is not applied: touches are counted per owner, account, deal, manager's team or office.");
                return (leads, "every deal", "/leads");
        }
    }
}
