using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Constraint;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Results;
using OperatorConsole.Data.Teams;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Semantic;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Learning;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Scorecard;
using OperatorConsole.Domain.Teams;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>The constraint card: the bottleneck stage and its evidence, in the card's words (never its keys).</summary>
public sealed class ConstraintTopic(ConstraintService constraint) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Constraint;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        var report = question.Reference is { } at ? await constraint.GetAsync(at, ct: ct) : await constraint.GetAsync(ct: ct);
        var s = report.Snapshot;
        var facts = new List<UsedFact> { Say.Fact("constraint.bottleneck", "Constraint", s.Summary, "/metrics", s.Summary) };
        facts.AddRange(s.Evidence.Where(e => e.Worse).Take(3).Select(e => Say.Fact($"constraint.evidence.{e.Key}", $"Constraint · {e.Label}", e.Text, "/metrics", e.Text)));
        var inferred = new List<string>();
        var stage = s.Stages.FirstOrDefault(x => x.Stage == s.Bottleneck);
        if (stage is not null)
        {
            var total = s.Stages.Sum(x => x.Stuck);
            inferred.Add(stage.Stuck > 0
                ? $"{Say.N(stage.Stuck)} of the {Say.N(total)} stuck leads are in {stage.Stage}, so moving those is the nearest lever on the pipeline."
                : $"{stage.Stage} has no stuck lead; its pressure comes from work entering ({Say.N(stage.EnteredThisPeriod)}) faster than it leaves ({Say.N(stage.LeftThisPeriod)}).");
        }

        var missing = report.AnchorNote is { } note ? new List<string> { note } : [];
        return new TopicAnswer(s.Summary, facts, inferred, missing);
    }
}

/// <summary>Learning and playbook: entries by class, proposals by state.</summary>
public sealed class LearningTopic(IDbContextFactory<ConsoleDbContext> dbFactory) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Learning;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = await db.Set<PlaybookEntry>().AsNoTracking().Select(e => new { e.Title, e.Class }).ToListAsync(ct);
        var proposals = await db.Set<LearningProposal>().AsNoTracking().Select(p => new { p.State, p.Confidence }).ToListAsync(ct);
        var byState = Enum.GetValues<LearningProposalState>().ToDictionary(st => st, st => proposals.Count(p => p.State == st));
        var playbookText = $"The playbook has {Say.N(entries.Count)} entries: " + string.Join("; ", entries.Select(e => $"\"{e.Title}\" ({e.Class})"));
        var proposalText = $"{Say.N(proposals.Count)} learning proposals: {Say.N(byState[LearningProposalState.Open])} open, {Say.N(byState[LearningProposalState.PromotionRequested])} awaiting promotion, " +
                           $"{Say.N(byState[LearningProposalState.Promoted])} promoted, {Say.N(byState[LearningProposalState.PromotionRejected])} rejected";
        var facts = new List<UsedFact>();
        if (question.Mentions("playbook") || !question.Mentions("proposal", "suggestion", "promote", "lesson", "learning"))
        {
            facts.Add(Say.Fact("learning.playbook", "Playbook", playbookText, "/playbook",
                $"The playbook has {Say.N(entries.Count)} entries" + (entries.Count == 0 ? "" : ": " + Say.Names(entries.Select(e => e.Title)))));
        }

        if (question.Mentions("proposal", "suggestion", "promote", "lesson", "learning", "learn"))
        {
            facts.Add(Say.Fact("learning.proposals", "Learning", proposalText, "/learning", proposalText));
        }

        var inferred = new List<string>();
        var low = proposals.Count(p => p.State == LearningProposalState.Open && p.Confidence < 0.6);
        if (byState[LearningProposalState.Open] > 0)
        {
            inferred.Add($"{Say.N(low)} of the {Say.N(byState[LearningProposalState.Open])} open proposals are below the 0.6 confidence floor and need a person to judge them.");
        }

        return new TopicAnswer(string.Join(" ", facts.Select(f => f.Claim + ".")), facts, inferred, []);
    }
}

/// <summary>A named lead or account: its stage, value, last contact, proposals and result.</summary>
public sealed class EntityTopic(
    IDbContextFactory<ConsoleDbContext> dbFactory, ClientSuccessService results, Accounts.AccountService accounts, Leads.PipelineStageService stages, TimeProvider time) : IChatTopicSource
{
    public ChatTopic Topic => ChatTopic.Entity;

    public async Task<TopicAnswer> AnswerAsync(QuestionAnalysis question, CancellationToken ct)
    {
        var facts = new List<UsedFact>();
        var sentences = new List<string>();
        var inferred = new List<string>();
        var missing = new List<string>();
        foreach (var mention in question.Entities.Take(3))
        {
            var entity = mention.Entity;
            var fact = entity.Kind switch
            {
                EntityKind.Lead => await LeadAsync(int.Parse(entity.Key, System.Globalization.CultureInfo.InvariantCulture), ExpectedCloseFacts.AsksOf(question), AsksChances(question), ct),
                EntityKind.Account or EntityKind.Owner or EntityKind.Source or EntityKind.Package =>
                    await DealsOfAsync($"{entity.Kind} \"{entity.Name}\" has", entity, DealsOf(entity)!, question, ct, ownerOf: entity.Kind == EntityKind.Owner),
                EntityKind.Sector or EntityKind.Country => await AccountsOfAsync(entity, question, ct),
                EntityKind.Manager or EntityKind.Office => await TeamAsync(entity, question, ct),
                _ => Say.Fact($"{entity.Kind.ToString().ToLowerInvariant()}:{entity.Name}", entity.Kind.ToString(), $"{entity.Kind} \"{entity.Name}\" exists", entity.Link, $"{entity.Kind} \"{entity.Name}\" exists"),
            };
            facts.Add(fact);
            sentences.Add(fact.Claim + ".");
            if (mention.Typos > 0)
            {
                inferred.Add($"Read \"{mention.AsWritten}\" as \"{entity.Name}\" ({Say.Plural(mention.Typos, "typo", "typos")}).");
            }
            else if (entity.Kind == EntityKind.Owner && !mention.AsWritten.Contains(' ', StringComparison.Ordinal) && entity.Name.Contains(' ', StringComparison.Ordinal))
            {
                inferred.Add($"Read \"{mention.AsWritten}\" as \"{entity.Name}\", the only owner of that first name.");
            }

            // "Which marketing deals are stuck?" got the sector's totals only: its open deals that came in first, as the
            // pipeline's "oldest" answer lists every deal's.
            if (AsksStuck(question) && DealsOf(entity) is { } whose && question.Reference is { } reference)
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var oldest = await StageHistoryFacts.OldestOpenAsync(db, reference.At, ct,
                    new StageHistoryFacts.OpenScope(whose, $" of {entity.Kind.ToString().ToLowerInvariant()} \"{entity.Name}\"", SourceOf(entity), $"{entity.Kind} · {entity.Name}", OpenOldestFirst(LinkOf(entity))));
                facts.AddRange(oldest.Facts);
                sentences.Add(oldest.Sentence);
                missing.AddRange(oldest.Missing);
            }
        }

        return new TopicAnswer(string.Join(" ", sentences), facts, inferred, missing);
    }

    /// <summary>"Stuck", "stale", "oldest", "longest": how long the entity's open deals have waited.</summary>
    private static bool AsksStuck(QuestionAnalysis question) => question.Mentions("stuck", "stale", "oldest", "longest");

    /// <summary>The source key of an entity's facts: "account:Kan-code", "owner:…", and a sector or source by its key (its case folded).</summary>
    private static string SourceOf(KnownEntity entity) =>
        $"{entity.Kind.ToString().ToLowerInvariant()}:{(entity.Kind is EntityKind.Sector or EntityKind.Source or EntityKind.Country or EntityKind.Office ? entity.Key : entity.Name)}";

    /// <summary>Where an entity's deals are checked: an account's on the Leads list searched for it, the rest at their own link.</summary>
    private static string LinkOf(KnownEntity entity) => entity.Kind == EntityKind.Account ? $"/leads?q={Uri.EscapeDataString(entity.Name)}" : entity.Link;

    /// <summary>The entity's open deals, oldest first, when its link is the Leads list (a sector's is the clients list).</summary>
    private static string OpenOldestFirst(string link) => link.StartsWith("/leads?", StringComparison.Ordinal) ? link + "&status=open&sort=createdAt" : link;

    /// <summary>The deals of a named account, owner, sector or country (through its accounts), lead source or package; sector, country and source compared up to case; null for any other kind.</summary>
    private static System.Linq.Expressions.Expression<Func<Lead, bool>>? DealsOf(KnownEntity entity) => entity.Kind switch
    {
        EntityKind.Account => l => l.Company == entity.Name,
        EntityKind.Owner => l => l.Owner == entity.Name,
        // Sectors are stored trimmed (TextInput.Clean) and compared up to case, as the Clients page's sector filter does.
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() runs in the database as LOWER(); the process culture plays no part.
        EntityKind.Sector => l => l.Account != null && l.Account.Sector != null && l.Account.Sector.ToLower() == entity.Key,
        EntityKind.Source => l => l.Source != null && l.Source.ToLower() == entity.Key,
        EntityKind.Country => l => l.Account != null && l.Account.Country != null && l.Account.Country.ToLower() == entity.Key,
#pragma warning restore CA1304, CA1311, CA1862
        // A package's deals are the leads linked to it (an import links each deal to its product's package).
        EntityKind.Package when int.TryParse(entity.Key, System.Globalization.CultureInfo.InvariantCulture, out var packageId) => l => l.ServicePackageId == packageId,
        _ => null,
    };

    /// <summary>"What are the chances we win Portal?", "How likely is Kiosk to close?": its stage's measured win rate (ADR 248).</summary>
    public static bool AsksChances(QuestionAnalysis question) =>
        question.Mentions("chance", "chances", "likely", "likelihood", "odds", "probability", "weighted");

    /// <summary>"; Qualified's win rate: 63 % (won 4,238 of the 6,711 closed deals that were in it), weighted 3,037 USD": an open deal's odds, measured.</summary>
    private async Task<string> ChancesAsync(Lead lead, CancellationToken ct)
    {
        var rate = (await stages.ReadAsync(ct)).Rows.Single(r => r.Stage == lead.Status).WinRate!;
        return rate.Rate is null
            ? $"; {lead.Status} has no measured win rate yet: {Say.Plural(rate.Closed, "closed deal was", "closed deals were")} in it and a rate takes {StageWinRates.MinClosed}"
            : $"; {lead.Status}'s win rate: {Say.Percent(rate.Won, rate.Closed)} % (won {Say.N(rate.Won)} of the {Say.N(rate.Closed)} closed deals that were in it)"
              + (lead.EstimatedValue is { } value ? $", weighted {Say.Money(Math.Round(rate.Weigh(value)!.Value, 0))}" : "");
    }

    private async Task<UsedFact> LeadAsync(int id, bool asksClose, bool asksChances, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var lead = await db.Set<Lead>().AsNoTracking().FirstAsync(l => l.Id == id, ct);
        var proposals = await db.Set<Proposal>().AsNoTracking().Where(p => p.LeadId == id).Select(p => new { p.Status, p.Outcome, p.OutcomeValue }).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var contact = lead.LastContactAt is { } at ? $"last contact {Say.N((now - at).TotalDays)} d ago" : "no touch logged";
        var text = $"\"{lead.Title}\"" + (lead.Company is null ? "" : $" ({lead.Company})") + $" is in {lead.Status}, worth {(lead.EstimatedValue is { } v ? Say.Money(v) : "no estimate")}, {contact}" +
                   $", {Say.Plural(proposals.Count, "proposal", "proposals")}" + (proposals.Any(p => p.Outcome != null) ? ", outcome " + string.Join(", ", proposals.Where(p => p.Outcome != null).Select(p => $"{p.Outcome} {(p.OutcomeValue is { } ov ? Say.Money(ov) : "")}".Trim())) : "")
                   + ExpectedCloseFacts.OfLead(lead.Status, lead.ExpectedCloseOn, DateOnly.FromDateTime(now), asksClose)
                   + (asksChances && lead.Status.IsOpenDeal() ? await ChancesAsync(lead, ct) : "");
        if (lead.Status.IsClient() && await results.GetAsync(id, ct) is { } client && client.Target is { } target)
        {
            text += $"; result: {target.MetricName} current {(client.Current is { } c ? Say.N(c.Value) : "not measured")} vs target {Say.N(target.TargetValue)}, {client.TrackNote}";
        }

        return Say.Fact($"lead:{id}", $"Lead · {lead.Title}", text, $"/leads/{id}", text);
    }

    /// <summary>A sector or a country (<paramref name="attribute"/>): how many accounts record it, then their deals as an account's are told.</summary>
    private async Task<UsedFact> AccountsOfAsync(KnownEntity attribute, QuestionAnalysis question, CancellationToken ct)
    {
#pragma warning disable CA1304, CA1311, CA1862 // ToLower() runs in the database as LOWER(); the process culture plays no part.
        System.Linq.Expressions.Expression<Func<Account, bool>> holds = attribute.Kind == EntityKind.Country
            ? a => a.Country != null && a.Country.ToLower() == attribute.Key
            : a => a.Sector != null && a.Sector.ToLower() == attribute.Key;
#pragma warning restore CA1304, CA1311, CA1862
        List<(string Name, int Deals)> accounts;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            accounts = (await db.Set<Account>().AsNoTracking().Where(holds)
                    .Select(a => new { a.Name, Deals = db.Set<Lead>().Count(l => l.AccountId == a.Id && !l.IsArchived) }).ToListAsync(ct))
                .Select(a => (a.Name, a.Deals)).OrderByDescending(a => a.Deals).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        // "Which accounts are in the finance sector?" got the count: the names, most deals first, when they are asked for.
        var names = question.Mentions("which", "what", "list", "name", "names") && question.Mentions("account", "company", "companies", "customer", "client")
            ? Named(accounts.Select(a => $"{a.Name} {Say.Plural(a.Deals, "deal", "deals")}").ToList())
            : "";
        var subject = attribute.Kind == EntityKind.Country
            ? $"Country \"{attribute.Name}\" has {Say.Plural(accounts.Count, "account", "accounts")} headquartered there{names} and"
            : $"Sector \"{attribute.Name}\" has {Say.Plural(accounts.Count, "account", "accounts")}{names} and";
        return await DealsOfAsync(subject, attribute, DealsOf(attribute)!, question, ct);
    }

    /// <summary>
    /// A manager's team or a regional office (ADR 241): the owners in it, then their deals as an account's are told.
    /// Owners are matched to the team by name with case and spacing ignored, as the deals spell them.
    /// </summary>
    private async Task<UsedFact> TeamAsync(KnownEntity team, QuestionAnalysis question, CancellationToken ct)
    {
        TeamOfOwners found;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            found = team.Kind == EntityKind.Manager ? await TeamOwners.OfTeamAsync(db, null, team.Name, ct) : await TeamOwners.OfTeamAsync(db, team.Name, null, ct);
        }

        var (members, owners) = (found.Members, found.Owners);

        // Each group named in full up to five: "6 members, 5 with deals (…) and 1 without any (Mei-Mei Johns)" (the
        // member without deals was counted in the 6 and named nowhere).
        var withDeals = $"{Say.N(owners.Count)} with deals{Named(owners)}";
        var without = found.WithoutDeals.Count == 0 ? "" : $" and {Say.N(found.WithoutDeals.Count)} without any{Named(found.WithoutDeals)}";
        var subject = team.Kind == EntityKind.Manager
            ? $"Manager \"{team.Name}\" has a team of {Say.Plural(members, "member", "members")}, {withDeals}{without}, and"
            : $"Office \"{team.Name}\" has {Say.Plural(members, "member", "members")}, {withDeals}{without}, and";
        return await DealsOfAsync(subject, team, l => owners.Contains(l.Owner!), question, ct);
    }

    /// <summary>"; team: manager Melvin Marxen, Central office", or that no team records the owner.</summary>
    private static async Task<string> TeamOfAsync(ConsoleDbContext db, string owner, CancellationToken ct)
    {
        var key = TeamRules.Key(owner);
        var member = await db.Set<TeamMember>().AsNoTracking().Where(m => m.NameKey == key).Select(m => new { m.Manager, m.Office }).FirstOrDefaultAsync(ct);
        return member is null
            ? "; no team recorded for this owner (no manager, no office)"
            : $"; team: {(member.Manager is { } manager ? $"manager {manager}" : "no manager recorded")}, {(member.Office is { } office ? $"{office} office" : "no office recorded")}";
    }

    /// <summary>An account's, a sector's, a source's or an owner's deals: how many in each stage, and what was won and lost (in the question's period).</summary>
    /// <param name="ownerOf">Whether the deals are an owner's own: "who owns" then has nothing to add.</param>
    private async Task<UsedFact> DealsOfAsync(string subject, KnownEntity entity,
        System.Linq.Expressions.Expression<Func<Lead, bool>> whose, QuestionAnalysis question, CancellationToken ct, bool ownerOf = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deals = await db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).Where(whose).Select(l => new { l.Id, l.Title, l.Status, l.LastContactAt, l.Owner, l.EstimatedValue }).ToListAsync(ct);
        var ids = deals.Select(d => d.Id).ToList();
        var period = question.Period;
        var closed = await db.Set<Proposal>().AsNoTracking().Where(p => ids.Contains(p.LeadId) && (p.Outcome == ProposalOutcome.Won || p.Outcome == ProposalOutcome.Lost))
            .Select(p => new { p.LeadId, p.Outcome, p.OutcomeValue, p.OutcomeAt }).ToListAsync(ct);
        var closedIn = closed.Where(w => period is null || (w.OutcomeAt is { } at && period.Contains(at))).ToList();
        var wonIn = closedIn.Where(c => c.Outcome == ProposalOutcome.Won).ToList();
        var lostIn = closedIn.Count(c => c.Outcome == ProposalOutcome.Lost);
        var when = period is null ? "" : " " + period.When();
        var stages = string.Join(", ", deals.GroupBy(d => d.Status).OrderBy(g => g.Key).Select(g => $"{Say.N(g.Count())} {g.Key}"));
        var openDeals = deals.Where(d => ScorecardCalculator.OpenStages.Contains(d.Status)).ToList();
        var open = openDeals.Count;
        // The win rate as the scorecard computes it (won of decided), so "What is the win rate of Kan-code?" is answered.
        var rate = closedIn.Count == 0 ? "" : $" (win rate {Say.N(Math.Round(100m * wonIn.Count / closedIn.Count, 1))} %)";
        // "What is the average deal size of Kan-code?" got its won value and count, and no average; "the median deal size
        // for GTX Pro" got the average, as if it were the figure asked.
        var wonValues = wonIn.Select(w => w.OutcomeValue ?? 0).ToList();
        var average = wonIn.Count == 0 ? ""
            : MoneyTopic.AsksMedian(question)
                ? $"; median won deal {Say.Money(ScorecardCalculator.Median(wonValues)!.Value)} (the middle of {Say.Plural(wonIn.Count, "won deal", "won deals")})"
            : question.Mentions("average", "avg", "size") ? $"; average won deal {Say.Money(Math.Round(wonValues.Average(), 2))}"
            : "";
        // "How much pipeline does Kan-code have?" got its open count and no value: the scorecard's open pipeline, its estimates.
        var pipeline = question.Mentions("pipeline", "worth", "estimate", "estimated") && open > 0
            ? $", worth {Say.Money(openDeals.Sum(d => d.EstimatedValue ?? 0))} estimated"
            : "";
        var text = $"{subject} {Say.Plural(deals.Count, "deal", "deals")} ({stages}; {Say.N(open)} open{pipeline}); won {Say.Money(wonIn.Sum(w => w.OutcomeValue ?? 0))} from {Say.Plural(wonIn.Count, "deal", "deals")}" +
                   $" and lost {Say.Plural(lostIn, "deal", "deals")}{when}{rate}{average}";
        // The page's "Last touch" card: "When did we last contact Kan-code?" got the deals and no date.
        text += deals.Max(d => d.LastContactAt) is { } touched
            ? $"; last touch {ChatDates.Day(touched)}"
            : "; no touch logged on any of its deals";
        // "How many employees does Kan-code have?" named employees as not recorded, and "What is Kan-code's annual
        // revenue?" got the money won from it: the company's own figures, from its record.
        // The account's own name is not the question: "Saffron Group" asks for no group.
        var nameWords = TextTokens.Words(entity.Name).ToHashSet(StringComparer.Ordinal);
        if (entity.Kind == EntityKind.Account && AccountFigures.AsksRecord(question.Tokens.Where(t => !nameWords.Contains(t)).ToList()))
        {
            text += await CompanyRecordAsync(db, entity.Name, question.Tokens, ct);
        }

        // "Who is Darcel Schlecht's manager?" was answered with her deals and "manager" as not recorded: her team.
        if (entity.Kind == EntityKind.Owner && ChatRanking.AsksTeam(question.Tokens))
        {
            text += await TeamOfAsync(db, entity.Name, ct);
        }

        // "Who is the owner of Kan-code?" got its deals and no name: the deals' owners, most deals first.
        if (!ownerOf && question.Mentions("owner", "owns", "who", "agent", "rep", "salesperson", "handles", "manages", "responsible"))
        {
            text += OwnersOf(deals.Select(d => d.Owner).ToList());
        }

        // "What is the next step for Kan-code?" got its totals and no step: its open deals' next steps, overdue first.
        if (NextStepFacts.AsksOf(question))
        {
            text += await NextStepFacts.OfDealsAsync(db, db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).Where(whose),
                question.Reference?.At ?? time.GetUtcNow().UtcDateTime, ct);
        }

        // "When will Kan-code's deals close?" got its totals only: its open deals' expected close dates (ADR 245).
        if (ExpectedCloseFacts.AsksOf(question))
        {
            text += await ExpectedCloseFacts.OfDealsAsync(db.Set<Lead>().AsNoTracking().Where(l => !l.IsArchived).Where(whose),
                DateOnly.FromDateTime(question.Reference?.At ?? time.GetUtcNow().UtcDateTime), ct);
        }

        // "Which deals did Kan-code win in December?" got its totals only: the won deals themselves, largest first, and
        // the link opens its won deals.
        var link = LinkOf(entity);
        if (MoneyTopic.AsksWonDeals(question) && wonIn.Count > 0)
        {
            var titles = deals.ToDictionary(d => d.Id, d => d.Title);
            text += "; " + LargestFirst(wonIn.Select(w => (titles[w.LeadId], w.OutcomeValue ?? 0, w.OutcomeAt)).ToList());
            link = link.StartsWith("/leads?", StringComparison.Ordinal) ? link + "&status=won" : link;
        }

        return Say.Fact(SourceOf(entity), $"{entity.Kind} · {entity.Name}", text, link, text);
    }

    /// <summary>
    /// "; its record: 34,288 employees, annual revenue 11,698,030,000 USD", what the question asks of the company itself:
    /// its figures, its headquarters, the year it was established, its parent and subsidiaries; each, or that none is recorded.
    /// </summary>
    private async Task<string> CompanyRecordAsync(ConsoleDbContext db, string name, IReadOnlyList<string> words, CancellationToken ct)
    {
        var record = await db.Set<Account>().AsNoTracking().Where(a => a.Name == name)
            .Select(a => new { a.Id, a.Employees, a.Revenue, a.Country, a.YearEstablished, Parent = a.Parent == null ? null : a.Parent.Name }).FirstOrDefaultAsync(ct);
        var parts = new List<string>();
        if (AccountFigures.Asked(words) is not null)
        {
            var (employees, revenue) = RankingTopic.CompanyFigures(record?.Employees, record?.Revenue);
            parts.AddRange([employees, revenue]);
        }

        if (AccountFigures.AsksPlace(words))
        {
            parts.Add(record?.Country is { } country ? $"headquarters in {country}" : "no headquarters country recorded");
        }

        if (AccountFigures.AsksFounded(words))
        {
            parts.Add(record?.YearEstablished is { } year ? $"established {year}" : "no year established recorded");
        }

        if (AccountFigures.AsksGroup(words))
        {
            var subsidiaries = record is null ? []
                : await db.Set<Account>().AsNoTracking().Where(a => a.ParentAccountId == record.Id).OrderBy(a => a.Name).Select(a => a.Name).ToListAsync(ct);
            parts.Add(record?.Parent is { } parent ? $"a subsidiary of {parent}" : "no parent company recorded");
            parts.Add(subsidiaries.Count == 0 ? "no subsidiary recorded"
                : $"{Say.Plural(subsidiaries.Count, "subsidiary", "subsidiaries")}: {string.Join(", ", subsidiaries)}");
            // "How much did Acme Corporation's group win?" got the account's own deals only: the group added up, as its page does.
            if (subsidiaries.Count > 0 && await accounts.GroupAsync(record!.Id, ct) is { } group)
            {
                parts.Add($"with everything below it, the group of {Say.N(group.Accounts)} accounts has {Say.Plural(group.Deals, "deal", "deals")} and won "
                          + $"{Say.Money(group.WonValue)} from {Say.Plural(group.WonDeals, "deal", "deals")}"
                          + (group.WinRate is { } rate ? $" (win rate {Say.N(Math.Round(rate * 100, 1))} %)" : ""));
            }
        }

        return $"; its record: {string.Join(", ", parts)}";
    }

    /// <summary>The won deals, largest first, five named (as the money answer's list of a period's won deals).</summary>
    private static string LargestFirst(List<(string Title, decimal Value, DateTime? At)> won) =>
        "won deals largest first: " + string.Join(", ", won.OrderByDescending(w => w.Value).ThenByDescending(w => w.At).Take(5)
            .Select(w => $"\"{w.Title}\" {Say.Money(w.Value)}" + (w.At is { } at ? $" ({ChatDates.Day(at)})" : ""))) + (won.Count > 5 ? " and others" : "");

    /// <summary>"; owners: Darcel Schlecht (20 deals), Vicki Laflamme (15) and 4 more", or that none is recorded.</summary>
    private static string OwnersOf(IReadOnlyList<string?> owners)
    {
        var byOwner = owners.Where(o => o is not null).GroupBy(o => o!).Select(g => (Name: g.Key, Deals: g.Count()))
            .OrderByDescending(o => o.Deals).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase).ToList();
        if (byOwner.Count == 0)
        {
            return "; no owner recorded on its deals";
        }

        var shown = byOwner.Take(OwnersShown).Select((o, i) => i == 0 ? $"{o.Name} ({Say.Plural(o.Deals, "deal", "deals")})" : $"{o.Name} ({Say.N(o.Deals)})");
        var rest = byOwner.Count - OwnersShown;
        var unowned = owners.Count(o => o is null);
        return $"; {(byOwner.Count == 1 ? "owner" : "owners")}: {string.Join(", ", shown)}{(rest > 0 ? $" and {Say.N(rest)} more" : "")}"
               + (unowned > 0 ? $" ({Say.Plural(unowned, "deal has", "deals have")} no owner)" : "");
    }

    private const int OwnersShown = 3;

    private const int AccountsShown = 5;

    /// <summary>" (A, B, C, D, E and 2 more)": the first five named, the rest counted; nothing for none.</summary>
    private static string Named(IReadOnlyList<string> names) => names.Count == 0 ? ""
        : $" ({string.Join(", ", names.Take(AccountsShown))}{(names.Count > AccountsShown ? $" and {Say.N(names.Count - AccountsShown)} more" : "")})";
}
