using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Packages;
using OperatorConsole.Domain.Scorecard;
using OperatorConsole.Domain.Teams;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// Rankings: deals grouped by owner, account, offer type, the account's sector or country, the lead's source, its package, or
/// the owner's manager or office, and ordered by won value, won or lost deals, win rate, deals
/// or open deals (<see cref="ChatRanking"/> reads which). Won and lost are the recorded outcomes (the scorecard's
/// source), in the question's period when it names one; deals and open deals are counted as they stand. The top
/// <see cref="Shown"/> are Known facts, each linked to the list or page it can be checked on; the deals the grouping
/// leaves out (no owner, no account, no offer type) are named under Missing, so a ranking never hides its base.
/// </summary>
public sealed partial class RankingTopic(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time) : IChatTopicSource
{
    /// <summary>How many groups the answer names.</summary>
    public const int Shown = 3;

    /// <summary>A win rate on fewer decided deals than this is noise; such groups are left out of a win-rate ranking.</summary>
    public const int MinDecidedForRate = 5;

    public ChatTopic Topic => ChatTopic.Ranking;

    /// <summary>One lead with one of its decided outcomes (a lead without one appears once, with none).</summary>
    private sealed record Deal(int LeadId, string? Key, LeadStatus Status, ProposalOutcome? Outcome, decimal? Value, DateTime? At);

    private sealed record Group(string Key, string Name, string Link, int Deals, int Open, int Won, decimal WonValue, int Lost)
    {
        public double? Rate => Won + Lost == 0 ? null : 100.0 * Won / (Won + Lost);
    }

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        if (question.Ranking is not { } ranking)
        {
            return TopicAnswer.MissingOnly("Say what to rank by (owner, account, sector, country, lead source, package, offer type, manager or office) and by which figure (won, lost, win rate, deals, open deals).");
        }

        if (ranking.Measure is RankMeasure.Employees or RankMeasure.AnnualRevenue or RankMeasure.Accounts)
        {
            return await AccountFiguresAsync(question, ranking, ct);
        }

        var scope = Scopes(question.Entities, ranking.By) ? question.Entities.Select(e => e.Entity).ToList() : [];
        var (deals, names) = await DealsAsync(ranking.By, scope, ct);
        var what = ChatRanking.Name(ranking.By);
        var unkeyed = deals.Where(d => d.Key is null).Select(d => d.LeadId).Distinct().Count();
        var missing = new List<string>();
        if (unkeyed > 0 && deals.Any(d => d.Key is not null))
        {
            missing.Add($"{Say.Plural(unkeyed, "deal has", "deals have")} no {what} recorded, so {(unkeyed == 1 ? "it is" : "they are")} not in this ranking.");
        }

        if (ranking.Measure == RankMeasure.Growth)
        {
            // Before the groups below: growth groups the deals per period itself. The asker's clock (the screen's); the
            // console's own time only where a caller gave none.
            var at = question.Reference?.At ?? time.GetUtcNow().UtcDateTime;
            return Growth(question, at, deals, names, ranking, scope, missing);
        }

        var groups = Groups(deals, names, ranking.By, question.Period);
        if (ranking.Lacking)
        {
            return Lacking(groups, names, ranking, question.Period, scope, missing);
        }

        var ranked = Rank(groups, ranking).ToList();
        if (ranked.Count == 0)
        {
            missing.Add(groups.Count == 0
                ? $"No deal has {Article(what)} {what} recorded, so the console cannot rank by {what}."
                : $"No {what} has {Needed(ranking.Measure)}{When(question.Period)}, so there is nothing to rank.");
            return new TopicAnswer("", [], [], missing);
        }

        var period = (question.Period is { } p ? $"{p.From:yyyyMMdd}-{p.To:yyyyMMdd}" : "all") + string.Concat(scope.Select(e => $".{e.Kind}-{e.Key}"));
        var shown = Math.Min(ranking.Count ?? Shown, ChatRanking.MaxCount);
        if (ranking.Count > ChatRanking.MaxCount && ranked.Count > ChatRanking.MaxCount)
        {
            missing.Add($"Only the first {ChatRanking.MaxCount} of {Say.N(ranked.Count)} are named: ask for fewer, or open each one's list.");
        }

        var facts = ranked.Take(shown).Select(g =>
        {
            var text = Describe(g, ranking.Measure, question.Period);
            return Say.Fact($"ranking.{ranking.By}.{ranking.Measure}.{period}.{g.Key}".ToLowerInvariant(), $"{Say.Capital(what)} · {g.Name}", text, g.Link, text);
        }).ToList();
        var order = ranking.Ascending ? "lowest" : "highest";
        var sentence = $"By {MeasureLabel(ranking.Measure)}{When(question.Period)}, {order} first, of {Say.Plural(ranked.Count, what, Plural(what))}{Within(scope)}: " +
                       string.Join("; ", facts.Select((f, i) => $"{i + 1}. {f.Claim}")) + ".";
        if (ChatRanking.CountsGroups(question.Tokens))
        {
            // "How many sales agents do we have?": the number first (a package or sector without a deal counts too), then the ranking.
            var count = scope.Count > 0 ? groups.Count : groups.Count + WithoutDeals(groups, names, ranking.By).Count();
            var claim = $"{Say.Plural(count, what, Plural(what))}{(scope.Count > 0 ? Within(scope) : " on record")}";
            var link = ListOf(ranking.By);
            facts.Insert(0, Say.Fact($"ranking.{ranking.By}.count.{period}".ToLowerInvariant(), Say.Capital(Plural(what)), claim, link, claim));
            sentence = $"{Say.Capital(claim)}. {sentence}";
        }
        return new TopicAnswer(sentence, facts, Inferred(ranked, ranking), missing);
    }

    /// <summary>
    /// Whether the named entities scope a ranking ("Which owner won the most in retail?", "… at Kan-code?"): every one
    /// is an account, a sector or an owner, and none is what the ranking groups by ("Is Kan-code our biggest account?"
    /// is about Kan-code).
    /// </summary>
    public static bool Scopes(IReadOnlyList<EntityMention> entities, RankBy by) =>
        entities.Count > 0 && entities.All(e => ScopeOf(e.Entity.Kind) is { } kind && kind != by);

    private static RankBy? ScopeOf(EntityKind kind) => kind switch
    {
        EntityKind.Account => RankBy.Account,
        EntityKind.Sector => RankBy.Sector,
        EntityKind.Country => RankBy.Country,
        EntityKind.Manager => RankBy.Manager,
        EntityKind.Office => RankBy.Office,
        EntityKind.Owner => RankBy.Owner,
        EntityKind.Source => RankBy.Source,
        EntityKind.Package => RankBy.Package,
        _ => null,
    };

    /// <summary>", on Kan-code's deals only"; several of a kind read as either, several kinds as all of them.</summary>
    private static string Within(List<KnownEntity> scope) => scope.Count == 0 ? ""
        : ", on " + string.Join(" and ", scope.GroupBy(e => e.Kind).Select(g => string.Join(" or ", g.Select(e => e.Kind switch { EntityKind.Sector => $"the {e.Name} sector's", EntityKind.Country => $"the {e.Name} accounts'", EntityKind.Manager => $"{e.Name}'s team's", EntityKind.Office => $"the {e.Name} office's", EntityKind.Source => $"the {e.Name} source's", EntityKind.Package => $"the {e.Name} package's", _ => $"{e.Name}'s" }))))
          + " deals only";

    /// <summary>
    /// Every deal with its group key and outcome (a sector or a country through the deal's account); names and links of
    /// the keys. With a scope, only the deals of the named accounts, sectors, countries and owners: any of one kind, each kind named.
    /// </summary>
    private async Task<(List<Deal> Deals, Dictionary<string, (string Name, string Link)> Names)> DealsAsync(RankBy by, List<KnownEntity> scope, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var leads = db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived);
        var rows = await leads
            .GroupJoin(db.Set<Proposal>().Where(p => p.Outcome == ProposalOutcome.Won || p.Outcome == ProposalOutcome.Lost), l => l.Id, p => p.LeadId, (l, ps) => new { l, ps })
            .SelectMany(x => x.ps.DefaultIfEmpty(), (x, p) => new
            {
                x.l.Id, x.l.Owner, x.l.Company, x.l.AccountId, x.l.OfferType, x.l.Status, x.l.Source,
                // The package the deal was sold on: the lead's, else the one its decided proposal names.
                Package = x.l.ServicePackageId ?? (p == null ? null : p.ServicePackageId),
                Outcome = p == null ? null : p.Outcome, Value = p == null ? null : p.OutcomeValue, At = p == null ? null : p.OutcomeAt,
            })
            .ToListAsync(ct);
        var names = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        var sectorOf = new Dictionary<int, string>();
        var countryOf = new Dictionary<int, string>();
        if (by is RankBy.Account or RankBy.Sector or RankBy.Country || scope.Any(e => e.Kind is EntityKind.Sector or EntityKind.Country))
        {
            foreach (var a in await db.Set<Account>().AsNoTracking().Select(a => new { a.Id, a.Name, a.Sector, a.Country }).ToListAsync(ct))
            {
                names[a.Id.ToString(CultureInfo.InvariantCulture)] = (a.Name, $"/accounts/{a.Id}");
                // One sector (country) however its accounts spell its case; named as the first account spells it.
                if (!string.IsNullOrWhiteSpace(a.Sector))
                {
                    var key = AccountRules.SectorKey(a.Sector);
                    sectorOf[a.Id] = key;
                    names.TryAdd("sector:" + key, (a.Sector.Trim(), $"/clients?q={Uri.EscapeDataString(a.Sector.Trim())}"));
                }

                if (!string.IsNullOrWhiteSpace(a.Country))
                {
                    var key = AccountRules.CountryKey(a.Country);
                    countryOf[a.Id] = key;
                    names.TryAdd("country:" + key, (a.Country.Trim(), $"/clients?q={Uri.EscapeDataString(a.Country.Trim())}"));
                }
            }
        }

        var teams = await TeamsAsync(db, by, scope, names, ct);
        string? TeamKey(string? owner, bool office) =>
            owner is not null && teams.TryGetValue(TeamRules.Key(owner)!, out var team) ? (office ? team.Office : team.Manager) : null;

        if (by is RankBy.Package)
        {
            foreach (var package in await db.Set<ServicePackage>().AsNoTracking().Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            {
                var id = package.Id.ToString(CultureInfo.InvariantCulture);
                names["package:" + id] = (package.Name, $"/packages/{id}");
            }
        }

        bool InScope(string? owner, string? company, int? accountId, string? source, int? package) => scope.GroupBy(e => e.Kind).All(kind => kind.Any(e => e.Kind switch
        {
            EntityKind.Owner => string.Equals(owner, e.Name, StringComparison.OrdinalIgnoreCase),
            EntityKind.Account => string.Equals(company, e.Name, StringComparison.OrdinalIgnoreCase),
            EntityKind.Source => source is not null && LeadRules.SourceKey(source) == e.Key,
            EntityKind.Package => package?.ToString(CultureInfo.InvariantCulture) == e.Key,
            EntityKind.Country => accountId is { } id && countryOf.TryGetValue(id, out var country) && country == e.Key,
            EntityKind.Manager => TeamKey(owner, office: false) == e.Key,
            EntityKind.Office => TeamKey(owner, office: true) == e.Key,
            _ => accountId is { } id && sectorOf.TryGetValue(id, out var sector) && sector == e.Key,
        }));

        var deals = rows.Where(r => InScope(r.Owner, r.Company, r.AccountId, r.Source, r.Package)).Select(r => new Deal(r.Id, by switch
        {
            RankBy.Owner => r.Owner,
            RankBy.Account => r.AccountId?.ToString(CultureInfo.InvariantCulture),
            RankBy.Sector => r.AccountId is { } id && sectorOf.TryGetValue(id, out var sector) ? "sector:" + sector : null,
            RankBy.Country => r.AccountId is { } id && countryOf.TryGetValue(id, out var country) ? "country:" + country : null,
            RankBy.Manager => TeamKey(r.Owner, office: false) is { } manager ? "manager:" + manager : null,
            RankBy.Office => TeamKey(r.Owner, office: true) is { } office ? "office:" + office : null,
            RankBy.Source => string.IsNullOrWhiteSpace(r.Source) ? null : SourceName(r.Source, names),
            RankBy.Package => r.Package is { } package ? "package:" + package.ToString(CultureInfo.InvariantCulture) : null,
            _ => r.OfferType?.ToString(),
        }, r.Status, r.Outcome, r.Value, r.At)).ToList();
        return (deals, names);
    }

    /// <summary>
    /// Each team member's manager and office keys by the member's key, when the ranking groups by either or is scoped to
    /// one (ADR 241); the managers and offices are named as the first member spells them and linked to their deals
    /// (the Leads list filtered by office or manager), as an owner is.
    /// </summary>
    private static async Task<Dictionary<string, (string? Manager, string? Office)>> TeamsAsync(
        ConsoleDbContext db, RankBy by, List<KnownEntity> scope, Dictionary<string, (string Name, string Link)> names, CancellationToken ct)
    {
        var teams = new Dictionary<string, (string? Manager, string? Office)>(StringComparer.Ordinal);
        if (by is not (RankBy.Manager or RankBy.Office) && !scope.Any(e => e.Kind is EntityKind.Manager or EntityKind.Office))
        {
            return teams;
        }

        foreach (var m in await db.Set<TeamMember>().AsNoTracking().ToListAsync(ct))
        {
            var (manager, office) = (TeamRules.Key(m.Manager), TeamRules.Key(m.Office));
            teams[m.NameKey] = (manager, office);
            if (manager is not null)
            {
                names.TryAdd("manager:" + manager, (m.Manager!.Trim(), $"/leads?manager={Uri.EscapeDataString(m.Manager.Trim())}"));
            }

            if (office is not null)
            {
                names.TryAdd("office:" + office, (m.Office!.Trim(), $"/leads?office={Uri.EscapeDataString(m.Office.Trim())}"));
            }
        }

        return teams;
    }

    /// <summary>A source's key (one however its leads spell its case), named as the first lead spells it.</summary>
    private static string SourceName(string source, Dictionary<string, (string Name, string Link)> names)
    {
        var key = "source:" + LeadRules.SourceKey(source);
        names.TryAdd(key, (source.Trim(), $"/leads?source={Uri.EscapeDataString(source.Trim())}"));
        return key;
    }

    private static List<Group> Groups(List<Deal> deals, Dictionary<string, (string Name, string Link)> names, RankBy by, ChatPeriod? period) =>
        deals.Where(d => d.Key is not null).GroupBy(d => d.Key!, StringComparer.Ordinal).Select(g =>
        {
            // A lead with two decided proposals has two rows: deals are counted by lead, outcomes by proposal.
            var leads = g.DistinctBy(d => d.LeadId).ToList();
            var inPeriod = g.Where(d => d.Outcome is not null && (period is null || (d.At is { } at && period.Contains(at)))).ToList();
            var won = inPeriod.Where(d => d.Outcome == ProposalOutcome.Won).ToList();
            var (name, link) = NameOf(g.Key, by, names);
            return new Group(g.Key, name, link, leads.Count, leads.Count(d => ScorecardCalculator.OpenStages.Contains(d.Status)), won.Count, won.Sum(d => d.Value ?? 0),
                inPeriod.Count(d => d.Outcome == ProposalOutcome.Lost));
        }).ToList();

    private static (string Name, string Link) NameOf(string key, RankBy by, Dictionary<string, (string Name, string Link)> names) => by switch
    {
        RankBy.Owner => (key, $"/leads?owner={Uri.EscapeDataString(key)}"),
        RankBy.Account => names.TryGetValue(key, out var n) ? n : ($"account {key}", $"/accounts/{key}"),
        RankBy.Sector or RankBy.Country or RankBy.Source or RankBy.Package or RankBy.Manager or RankBy.Office => names[key],
        _ => Enum.TryParse<OfferType>(key, out var offer)
            ? (OfferRules.Label(offer), $"/leads?offerType={System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(offer.ToString())}")
            : (key, "/leads"),
    };

    /// <summary>
    /// "Which account has not bought anything this year?": the groups with none of the figure (in the period), with
    /// the accounts and sectors that have no deal at all, when nothing narrows the question to some of them.
    /// </summary>
    private static TopicAnswer Lacking(List<Group> groups, Dictionary<string, (string Name, string Link)> names, RankingRequest ranking, ChatPeriod? period,
        List<KnownEntity> scope, List<string> missing)
    {
        var what = ChatRanking.Name(ranking.By);
        var all = scope.Count > 0 ? groups : [.. groups, .. WithoutDeals(groups, names, ranking.By)];
        var figure = Figure(ranking.Measure);
        var none = all.Where(g => figure(g) is null).OrderBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var (lacking, having) = ranking.Measure switch
        {
            RankMeasure.LostDeals => ("lost no deal", "lost at least one deal"),
            RankMeasure.OpenDeals => (none.Count == 1 ? "has no open deal" : "have no open deal", "have open deals"),
            RankMeasure.Deals => (none.Count == 1 ? "has no deal" : "have no deal", "have deals"),
            _ => ("won no deal", "won at least one deal"),
        };
        var claim = none.Count == 0
            ? $"{Say.N(all.Count)} of {Say.Plural(all.Count, what, Plural(what))} {having}{When(period)}{Within(scope)}"
            : $"{Say.N(none.Count)} of {Say.Plural(all.Count, what, Plural(what))} {lacking}{When(period)}{Within(scope)}: " +
              string.Join(", ", none.Take(NamedWithout).Select(g => g.Name)) + (none.Count > NamedWithout ? $" and {Say.N(none.Count - NamedWithout)} more" : "");
        var key = $"ranking.{ranking.By}.{ranking.Measure}.none.{(period is { } p ? $"{p.From:yyyyMMdd}-{p.To:yyyyMMdd}" : "all")}".ToLowerInvariant();
        var link = ListOf(ranking.By);
        return new TopicAnswer(claim + ".", [Say.Fact(key, $"{Say.Capital(Plural(what))} · none", claim, link, claim)], [], missing);
    }

    /// <summary>Where the groups themselves are listed: accounts and sectors on the Clients list, packages on theirs, the rest on the Leads list.</summary>
    private static string ListOf(RankBy by) => by switch { RankBy.Account or RankBy.Sector or RankBy.Country => "/clients", RankBy.Manager or RankBy.Office => "/teams", RankBy.Package => "/packages", _ => "/leads" };

    /// <summary>How many groups a "which … has none" answer names.</summary>
    private const int NamedWithout = 10;

    /// <summary>The accounts (sectors, packages) no deal belongs to: they have none of any figure.</summary>
    private static IEnumerable<Group> WithoutDeals(List<Group> groups, Dictionary<string, (string Name, string Link)> names, RankBy by)
    {
        var seen = groups.Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return names.Where(n => !seen.Contains(n.Key) && by switch
            {
                RankBy.Account => int.TryParse(n.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _),
                RankBy.Sector => n.Key.StartsWith("sector:", StringComparison.Ordinal),
                RankBy.Country => n.Key.StartsWith("country:", StringComparison.Ordinal),
                RankBy.Manager => n.Key.StartsWith("manager:", StringComparison.Ordinal),
                RankBy.Office => n.Key.StartsWith("office:", StringComparison.Ordinal),
                RankBy.Package => n.Key.StartsWith("package:", StringComparison.Ordinal),
                _ => false,
            })
            .Select(n => new Group(n.Key, n.Value.Name, n.Value.Link, 0, 0, 0, 0, 0));
    }

    /// <summary>The figure a ranking orders by; null where a group has none of it (or too few decided deals for a rate).</summary>
    private static Func<Group, double?> Figure(RankMeasure measure) => measure switch
    {
        RankMeasure.WonValue => g => g.Won == 0 ? null : (double)g.WonValue,
        RankMeasure.AverageDeal => g => g.Won < MinDecidedForRate ? null : (double)(g.WonValue / g.Won),
        RankMeasure.WonDeals => g => g.Won == 0 ? null : g.Won,
        RankMeasure.LostDeals => g => g.Lost == 0 ? null : g.Lost,
        RankMeasure.WinRate => g => g.Won + g.Lost < MinDecidedForRate ? null : g.Rate,
        RankMeasure.OpenDeals => g => g.Open == 0 ? null : g.Open,
        _ => g => g.Deals == 0 ? null : g.Deals,
    };

    private static IEnumerable<Group> Rank(List<Group> groups, RankingRequest ranking)
    {
        var figure = Figure(ranking.Measure);
        var rankable = groups.Where(g => figure(g) is not null);
        // Ties are broken by name, so the same data always gives the same order.
        return ranking.Ascending
            ? rankable.OrderBy(g => figure(g)).ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase)
            : rankable.OrderByDescending(g => figure(g)).ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>One group's line; the period by its label ("in 2017"), the sentence around it spells out the dates.</summary>
    private static string Describe(Group g, RankMeasure measure, ChatPeriod? period) => measure switch
    {
        RankMeasure.WonValue or RankMeasure.WonDeals =>
            $"{g.Name} won {Say.Money(g.WonValue)} from {Say.Plural(g.Won, "deal", "deals")}{In(period)} (of {Say.Plural(g.Deals, "deal", "deals")})",
        RankMeasure.AverageDeal =>
            $"{g.Name} won {Say.Money(Math.Round(g.WonValue / g.Won, 2))} a deal on average{In(period)} ({Say.Money(g.WonValue)} from {Say.Plural(g.Won, "deal", "deals")})",
        RankMeasure.LostDeals => $"{g.Name} lost {Say.Plural(g.Lost, "deal", "deals")}{In(period)} (won {Say.N(g.Won)}, of {Say.Plural(g.Deals, "deal", "deals")})",
        RankMeasure.WinRate => $"{g.Name} won {Say.N(Math.Round(g.Rate!.Value, 1))} % of decided deals{In(period)} ({Say.N(g.Won)} won, {Say.N(g.Lost)} lost)",
        RankMeasure.OpenDeals => $"{g.Name} has {Say.Plural(g.Open, "open deal", "open deals")} (of {Say.Plural(g.Deals, "deal", "deals")})",
        _ => $"{g.Name} has {Say.Plural(g.Deals, "deal", "deals")} ({Say.N(g.Open)} open, {Say.N(g.Won)} won, {Say.N(g.Lost)} lost)",
    };

    private static List<string> Inferred(List<Group> ranked, RankingRequest ranking)
    {
        var inferred = new List<string>();
        var top = ranked[0];
        if (ranking.Measure == RankMeasure.WonValue && ranked.Sum(g => g.WonValue) is var total and > 0)
        {
            inferred.Add($"{top.Name} brought {Say.N(Math.Round(100 * top.WonValue / total, 1))} % of the won value of the {Say.N(ranked.Count)} ranked.");
            // "What share of revenue comes from the top 10 accounts?": the share of the groups named together.
            if (Math.Min(ranking.Count ?? Shown, ChatRanking.MaxCount) is var named and > 1 && ranked.Count > named)
            {
                var share = ranked.Take(named).Sum(g => g.WonValue);
                inferred.Add($"The {Say.N(named)} named brought {Say.N(Math.Round(100 * share / total, 1))} % ({Say.Money(share)}) of the won value of the {Say.N(ranked.Count)} ranked.");
            }
        }

        if (ranking.Measure == RankMeasure.WinRate)
        {
            inferred.Add($"Only groups with at least {MinDecidedForRate} decided deals are ranked by win rate.");
        }

        if (ranking.Measure == RankMeasure.AverageDeal)
        {
            // One large win would lead an average of one.
            inferred.Add($"Only groups with at least {MinDecidedForRate} won deals are ranked by their average won deal.");
        }

        return inferred;
    }

    private static string When(ChatPeriod? period) => period is null ? "" : " " + period.When();

    /// <summary>"in 2017", "in Q3 2017", but "this month"; the sentence around it spells out the dates.</summary>
    private static string In(ChatPeriod? period) => period is null ? "" : " " + period.WhenShort();

    /// <summary>"countries", "managers' teams".</summary>
    private static string Plural(string what) =>
        what.Replace("'s ", "s' ", StringComparison.Ordinal) is var w && w.EndsWith('y') ? w[..^1] + "ies" : w + "s";

    private static string Article(string what) => what[0] is 'a' or 'e' or 'i' or 'o' or 'u' ? "an" : "a";

    private static string MeasureLabel(RankMeasure measure) => measure switch
    {
        RankMeasure.WonValue => "won value",
        RankMeasure.WonDeals => "deals won",
        RankMeasure.LostDeals => "deals lost",
        RankMeasure.WinRate => "win rate",
        RankMeasure.OpenDeals => "open deals",
        RankMeasure.Growth => "growth in won value",
        RankMeasure.AverageDeal => "average won deal",
        _ => "deals",
    };

    private static string Needed(RankMeasure measure) => measure switch
    {
        RankMeasure.WonValue or RankMeasure.WonDeals => "a won deal",
        RankMeasure.AverageDeal => $"{MinDecidedForRate} won deals",
        RankMeasure.LostDeals => "a lost deal",
        RankMeasure.WinRate => $"{MinDecidedForRate} decided deals",
        RankMeasure.OpenDeals => "an open deal",
        _ => "a deal",
    };
}
