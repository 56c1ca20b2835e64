using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Teams;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// Touches ranked per owner, account, manager's team, office or deal (<see cref="TouchActivity.Ranks"/>): "Who made the
/// most calls?" got "say by which figure" and "Nothing in the console records "calls"". A touch counts for the deal it
/// is logged on, so an owner's calls are the calls on their deals, as the count answer reads them.
/// </summary>
public sealed partial class TouchActivityFacts
{
    /// <summary>A deal the question covers, with what it is ranked under.</summary>
    private sealed record Deal(int Id, string Title, string? Owner, int? AccountId, string? Account);

    /// <summary>One group ranked: its key, name, link and touches (outbound among them), on how many deals.</summary>
    private sealed record Ranked(string Key, string Name, string Link, int Touches, int Outbound, int Deals);

    private const int Shown = 5;

    public async Task<TopicAnswer> RankAsync(QuestionAnalysis question, TouchRanking ranking, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var missing = new List<string>();
        var (leads, scope, link) = await ScopeAsync(db, question, missing, ct);
        var by = ranking.By is null or RankBy.Owner or RankBy.Account or RankBy.Manager or RankBy.Office ? ranking.By : RankBy.Owner;
        if (by != ranking.By)
        {
            missing.Add($"Touches are not ranked per {ChatRanking.Name(ranking.By!.Value)}: per owner, account, manager's team, office or deal. They are ranked per owner here.");
        }

        var deals = await leads.Select(l => new Deal(l.Id, l.Title, l.Owner, l.AccountId, l.Account != null ? l.Account.Name : l.Company)).ToListAsync(ct);
        var counted = (await CountedAsync(db, leads, ranking.Channel, question.Period, ct)).ToLookup(t => t.LeadId);
        var group = await GrouperAsync(db, by, ct);
        var grouped = deals.Select(d => (Deal: d, Group: group(d))).ToList();
        // Touches on deals with no owner (or account, or team) are in no group: said, not dropped without a word.
        var outside = grouped.Where(d => d.Group is null).Sum(d => counted[d.Deal.Id].Count());
        if (outside > 0)
        {
            var name = TouchActivity.Name(ranking.Channel);
            missing.Add($"{Say.Plural(outside, name, Plural(name))} {(outside == 1 ? "is" : "are")} logged on deals with no {(by is { } b ? ChatRanking.Name(b) : "deal")} recorded, so {(outside == 1 ? "it is" : "they are")} not in this ranking.");
        }

        var ranked = grouped.Where(d => d.Group is not null)
            .GroupBy(d => d.Group!.Value.Key, StringComparer.Ordinal)
            .Select(g => new Ranked(g.Key, g.First().Group!.Value.Name, g.First().Group!.Value.Link,
                g.Sum(d => counted[d.Deal.Id].Count()), g.Sum(d => counted[d.Deal.Id].Count(t => t.Direction == TouchDirection.Outbound)),
                g.Count(d => counted[d.Deal.Id].Any())))
            .ToList();
        return Answer(question, ranking with { By = by }, ranked, outside, scope, link, missing, await db.Set<Touch>().AnyAsync(ct));
    }

    private static TopicAnswer Answer(QuestionAnalysis question, TouchRanking ranking, List<Ranked> ranked, int outside, string scope, string link, List<string> missing, bool anyTouch)
    {
        var name = TouchActivity.Name(ranking.Channel);
        var names = Plural(name);
        var what = ranking.By is { } by ? ChatRanking.Name(by) : "deal";
        var when = question.Period is { } p ? " " + p.When() : "";
        var period = question.Period is { } q ? $"{q.From:yyyyMMdd}-{q.To:yyyyMMdd}" : "ever";
        var key = $"touches.rank.{ranking.By?.ToString() ?? "deal"}.{(ranking.Channel?.ToString() ?? "all")}.{period}.{scope}".ToLowerInvariant();
        if (ranked.Sum(r => r.Touches) == 0)
        {
            if (!anyTouch && outside == 0)
            {
                missing.Add(NothingLogged);
            }

            var none = outside > 0
                ? $"No {what} can be ranked by {names}{when} on {scope}: the {Say.Plural(outside, name, names)} logged {(outside == 1 ? "is" : "are")} on deals with no {what} recorded"
                : $"No {name} is logged{when} on {scope}, so no {what} can be ranked by them";
            return new TopicAnswer(none + ".", [Say.Fact(key, $"Touches · {names} by {what}", none, link, none)], [], missing);
        }

        // "The most" lists those with one logged; "the fewest" starts from those with none, who have the fewest.
        var order = ranking.Fewest
            ? ranked.OrderBy(r => r.Touches).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList()
            : ranked.Where(r => r.Touches > 0).OrderByDescending(r => r.Touches).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var facts = order.Take(Shown).Select(r =>
        {
            var text = $"{r.Name}: {Say.Plural(r.Touches, name, names)}" + (r.Touches == 0 ? ""
                : $" ({Say.N(r.Outbound)} outbound, {Say.N(r.Touches - r.Outbound)} inbound" + (ranking.By is null ? ")" : $", on {Say.Plural(r.Deals, "deal", "deals")})"));
            return Say.Fact($"{key}.{r.Key}".ToLowerInvariant(), $"Touches · {r.Name}", text, r.Link, text);
        }).ToList();
        var of = ranking.Fewest ? Say.Plural(ranked.Count, what, what + "s") : $"{Say.Plural(order.Count, what, what + "s")} with one logged";
        var sentence = $"By {names} logged{when} on {scope}, {(ranking.Fewest ? "fewest" : "most")} first, of {of}: "
                       + string.Join("; ", facts.Select((f, i) => $"{i + 1}. {f.Claim}")) + ".";
        return new TopicAnswer(sentence, facts, [], missing);
    }

    /// <summary>
    /// What a deal is ranked under (null: under nothing, as a deal without an owner in an owner ranking). A team or an
    /// office is its members' deals, members matched to owners by name as /teams matches them.
    /// </summary>
    private static async Task<Func<Deal, (string Key, string Name, string Link)?>> GrouperAsync(ConsoleDbContext db, RankBy? by, CancellationToken ct)
    {
        switch (by)
        {
            case null:
                return d => (d.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Title, $"/leads/{d.Id}");
            case RankBy.Account:
                return d => d.Account is null ? null : (d.Account.ToLowerInvariant(), d.Account, d.AccountId is { } id ? $"/accounts/{id}" : $"/leads?q={Uri.EscapeDataString(d.Account)}");
            case RankBy.Manager or RankBy.Office:
                var members = (await db.Set<TeamMember>().AsNoTracking().Select(m => new { m.NameKey, m.Manager, m.Office }).ToListAsync(ct))
                    .GroupBy(m => m.NameKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => by == RankBy.Manager ? g.First().Manager : g.First().Office, StringComparer.Ordinal);
                var parameter = by == RankBy.Manager ? "manager" : "office";
                return d => TeamRules.Key(d.Owner) is { } owner && members.GetValueOrDefault(owner) is { Length: > 0 } team
                    ? (TeamRules.Key(team)!, team, $"/leads?{parameter}={Uri.EscapeDataString(team)}")
                    : null;
            default:
                return d => d.Owner is null ? null : (d.Owner, d.Owner, $"/leads?owner={Uri.EscapeDataString(d.Owner)}");
        }
    }
}
