namespace OperatorConsole.Domain.Chat;

/// <summary>
/// What a ranking question groups deals by: who owns them, the customer's account, the offer type, the account's
/// sector or country, where the lead came from, the service package it was sold on (a CRM's product), or the owner's
/// manager or regional office (their sales team, ADR 241).
/// </summary>
public enum RankBy
{
    Owner,
    Account,
    OfferType,
    Sector,
    Source,
    Package,

    /// <summary>The country of the account's headquarters.</summary>
    Country,

    /// <summary>The deal owner's manager (their team).</summary>
    Manager,

    /// <summary>The deal owner's regional office.</summary>
    Office,
}

/// <summary>The figure a ranking question orders the groups by.</summary>
public enum RankMeasure
{
    WonValue,
    WonDeals,
    LostDeals,
    WinRate,
    Deals,
    OpenDeals,

    /// <summary>The change in won value from the period before to the period asked ("Which sector grew the most?").</summary>
    Growth,

    /// <summary>Won value per won deal ("What is the average deal size by sector?").</summary>
    AverageDeal,

    /// <summary>The account's own number of employees, from its record (<see cref="AccountFigures"/>).</summary>
    Employees,

    /// <summary>The account's own annual revenue, from its record: the company's, not what we won from it.</summary>
    AnnualRevenue,

    /// <summary>How many accounts a sector or a country has ("Which sector has the most accounts?"): no deal enters it.</summary>
    Accounts,
}

/// <summary>
/// "Which sales agent won the most?": group by <see cref="By"/>, order by <see cref="Measure"/>. With
/// <see cref="Lacking"/>, the groups that have none of it ("Which account has not bought anything this year?").
/// <see cref="Count"/>: how many the question asks to see ("the top 10 accounts"), if it says.
/// </summary>
public sealed record RankingRequest(RankBy By, RankMeasure Measure, bool Ascending, bool Lacking = false, int? Count = null);

/// <summary>
/// Recognises a question that asks for a ranking ("which account lost the most deals", "who closed the most in 2017",
/// "win rate by offer type"). Without this the chat answered the total of the topic the words pointed at: "Which sales
/// agent won the most?" got "won 1,131,573 USD this month", an answer to a question nobody asked. A ranking needs all
/// three parts: a cue (which, who, top, most, by, per…), a dimension the console records on a deal, and a measure.
/// </summary>
public static class ChatRanking
{
    /// <summary>The words that order from the top: a ranking of owners or accounts and a ranking of periods read the same ones.</summary>
    public static readonly IReadOnlySet<string> Highest = new HashSet<string>(StringComparer.Ordinal)
    {
        "top", "best", "most", "highest", "biggest", "largest", "strongest",
    };

    /// <summary>The words that order from the bottom ("the worst month", "the account with the fewest wins").</summary>
    public static readonly IReadOnlySet<string> Lowest = new HashSet<string>(StringComparer.Ordinal)
    {
        "worst", "least", "fewest", "lowest", "smallest", "weakest", "bottom",
    };

    /// <summary>The cues that order: a question with one of these and a dimension asks for a ranking, whatever else it says.</summary>
    private static readonly HashSet<string> Superlatives = new(Highest.Concat(Lowest)
        .Concat(["rank", "ranking", "ranked", "leaderboard", "leader", "leaders"]), StringComparer.Ordinal);

    // "Where do our leads come from?" orders the sources as "which" would.
    private static readonly HashSet<string> Cues = new(Superlatives.Concat(["which", "who", "whose", "by", "per", "each", "where"]), StringComparer.Ordinal);

    private static readonly HashSet<string> OwnerWords = new(StringComparer.Ordinal)
    {
        "owner", "owners", "rep", "reps", "salesperson", "salespeople", "seller", "sellers", "salesman", "salesmen", "saleswoman",
    };

    private static readonly HashSet<string> AccountWords = new(StringComparer.Ordinal)
    {
        "account", "accounts", "company", "companies", "customer", "customers", "client", "clients",
    };

    private static readonly HashSet<string> OfferWords = new(StringComparer.Ordinal) { "offer", "offers" };

    private static readonly HashSet<string> SectorWords = new(StringComparer.Ordinal) { "sector", "sectors", "industry", "industries", "vertical", "verticals" };

    private static readonly HashSet<string> SourceWords = new(StringComparer.Ordinal) { "source", "sources", "channel", "channels" };

    private static readonly HashSet<string> CountryWords = new(StringComparer.Ordinal) { "country", "countries", "headquarters", "hq", "headquartered" };

    // A team is its manager's: "Which team won the most?" ranks the managers' teams.
    private static readonly HashSet<string> ManagerWords = new(StringComparer.Ordinal) { "manager", "managers", "team", "teams" };

    private static readonly HashSet<string> OfficeWords = new(StringComparer.Ordinal) { "office", "offices", "region", "regions", "regional" };

    /// <summary>Whether the question says it is about a regional office ("the West office", "which region").</summary>
    public static bool NamesOffice(IEnumerable<string> words) => words.Any(OfficeWords.Contains);

    /// <summary>Whether the question asks about a deal owner's team: their manager or office ("Who is Darcel's manager?").</summary>
    public static bool AsksTeam(IEnumerable<string> words) => words.Any(w => ManagerWords.Contains(w) || OfficeWords.Contains(w));

    // An imported CRM's products are the console's service packages (ADR 235): "Which product sells best?"
    private static readonly HashSet<string> PackageWords = new(StringComparer.Ordinal) { "package", "packages", "product", "products" };

    private static readonly HashSet<string> ComeWords = new(StringComparer.Ordinal) { "come", "comes", "came", "coming" };

    /// <summary>Whether the question says it is about a sector ("the software sector", "retail industry").</summary>
    public static bool NamesSector(IEnumerable<string> words) => words.Any(SectorWords.Contains);

    /// <summary>Whether the question says it is about where leads came from ("lead source", "which channel").</summary>
    public static bool NamesSource(IEnumerable<string> words) => words.Any(SourceWords.Contains);

    /// <summary>"come", "came": with "from", where a lead came from ("Where do our leads come from?").</summary>
    public static bool IsComeWord(string word) => ComeWords.Contains(word);

    /// <summary>A word for the accounts or deals a sector, an owner or an account has ("software companies", "retail deals").</summary>
    public static bool IsAccountOrDealWord(string word) => AccountWords.Contains(word) || DealWords.Contains(word);

    public static bool IsAccountWord(string word) => AccountWords.Contains(word);

    /// <summary>A word for what was won ("won", "revenue", "sold", "closed").</summary>
    public static bool IsWonWord(string word) => WonWords.Contains(word) || word == "sales";

    public static bool IsLostWord(string word) => LostWords.Contains(word);

    private static readonly HashSet<string> LostWords = new(StringComparer.Ordinal) { "lost", "lose", "loses", "losing", "loss", "losses" };

    private static readonly HashSet<string> WonWords = new(StringComparer.Ordinal)
    {
        "won", "win", "wins", "winning", "revenue", "sold", "sell", "sells", "selling", "bought", "buy", "buys", "spent", "spend",
        "money", "earn", "earned", "value", "worth", "closed", "close", "closes", "paid", "pay", "pays", "booked",
        "bring", "brings", "brought", "generate", "generates", "generated",
    };

    private static readonly HashSet<string> GrowthWords = new(StringComparer.Ordinal)
    {
        "grow", "grew", "grown", "grows", "growing", "growth", "increase", "increased", "increases", "improve", "improved", "improves", "rise", "rose", "risen",
    };

    /// <summary>The words of a fall: a growth ranking read from the lowest ("Which account declined the most?").</summary>
    private static readonly HashSet<string> DeclineWords = new(StringComparer.Ordinal)
    {
        "decline", "declined", "declines", "declining", "drop", "dropped", "drops", "fell", "fall", "falls", "shrank", "shrink", "shrunk", "decrease", "decreased", "decreases",
    };

    private static readonly HashSet<string> CountWords = new(StringComparer.Ordinal) { "deals", "deal", "many", "count", "number" };

    /// <summary>
    /// The words that ask a rate: "What percentage of deals do we win?" got the money won and "percentage" under Missing,
    /// "What's the conversion rate …" the same rate by another name.
    /// </summary>
    public static readonly string[] RateWords = ["rate", "rates", "percentage", "percent", "conversion", "ratio"];

    private static readonly HashSet<string> DealWords = new(StringComparer.Ordinal) { "deals", "deal", "leads", "lead", "opportunities", "opportunity" };

    /// <summary>Every word this reading understands, so none of them is reported as something the console does not record.</summary>
    public static IEnumerable<string> Vocabulary =>
        Cues.Concat(OwnerWords).Concat(AccountWords).Concat(GrowthWords).Concat(DeclineWords).Concat(OfferWords).Concat(SectorWords).Concat(CountryWords).Concat(ManagerWords).Concat(OfficeWords).Concat(SourceWords).Concat(PackageWords).Concat(ComeWords).Concat(LostWords).Concat(WonWords).Concat(CountWords).Concat(DealWords)
            .Concat(RateWords).Concat(NumberWords).Concat(AccountFigures.Vocabulary).Concat(["agent", "agents", "sales", "open", "pipeline", "type", "types", "first", "average", "avg", "mean", "size", "share", "proportion", "popular", "record", "recorded"]);

    /// <summary>The ranking the question asks for, or null when it asks for something else.</summary>
    public static RankingRequest? Parse(IReadOnlyList<string> words)
    {
        // "Which sector has the most accounts?", "How many accounts do we have in each country?": the accounts counted per
        // sector or country. The first got "say by which figure", the second the number of accounts in all.
        if (AccountsPerPlace(words) is { } place)
        {
            return new RankingRequest(place, RankMeasure.Accounts, words.Any(Lowest.Contains), Count: CountAsked(words));
        }

        if (Dimension(words) is not { } by)
        {
            // "What did we sell to Betasoloin?" asks for the products (packages) it bought, every one of them; it was
            // answered with the account's totals.
            return AsksWhatWasSold(words) ? new RankingRequest(RankBy.Package, RankMeasure.WonValue, false, Count: MaxCount) : null;
        }

        // "Who are the sales agents?", "List our accounts": the groups themselves, by their deals. It was answered with
        // the agent jobs and this month's wins.
        var listed = ListsOnly(words);
        // "What is the average company size of our customers?" orders nothing, but its figure is the accounts' own, which
        // only the accounts' answer has (it got the average deal). Only over accounts, or as their average or total: "How
        // many employees does the company have in Berlin?" asks about one company, which no ranking answers.
        var accountFigure = by == RankBy.Account && AccountFigures.Asked(words) is not null
            && words.Any(w => w is "accounts" or "companies" or "customers" or "clients" or "average" or "avg" or "mean" or "median" or "typical" or "total" or "combined");
        if (!(words.Any(Cues.Contains) || listed || accountFigure) || (Measure(words) ?? (listed ? RankMeasure.Deals : null)) is not { } measure)
        {
            return null;
        }

        // "declined the most", "grew the least" and "didn't grow" read the growth ranking from its largest fall.
        var ascending = measure == RankMeasure.Growth
            ? words.Any(DeclineWords.Contains) ^ words.Any(Lowest.Contains) ^ words.Any(NegationWords.Contains)
            : words.Any(Lowest.Contains) && !(measure == RankMeasure.LostDeals && words.Contains("worst"));
        return new RankingRequest(by, measure, ascending, Lacking(words, measure), CountAsked(words));
    }

    /// <summary>
    /// The sector or country whose accounts a question counts: it names accounts (plural) and a sector or a country word,
    /// asks no deal figure, and ranks ("the most accounts"), breaks down ("in each sector", "per country") or counts the
    /// accounts ("how many accounts … by sector"). Not "How many countries are our accounts in?" (it counts countries)
    /// nor "Which countries are our customers in?" (it lists them).
    /// </summary>
    public static RankBy? AccountsPerPlace(IReadOnlyList<string> words)
    {
        if (!words.Any(w => w is "accounts" or "companies" or "customers" or "clients") || Measure(words) is not null)
        {
            return null;
        }

        var ranks = words.Any(Superlatives.Contains) || words.Any(w => w is "each" or "per" or "by")
            || words.Where((w, i) => w == "how" && i + 2 < words.Count && words[i + 1] == "many" && AccountWords.Contains(words[i + 2])).Any();
        return !ranks ? null : words.Any(SectorWords.Contains) ? RankBy.Sector : words.Any(CountryWords.Contains) ? RankBy.Country : null;
    }

    /// <summary>
    /// "What did we sell to X?", "What has X bought?", "What does X buy from us?": what was sold, with no dimension
    /// named. Not "What did we sell each week?" (a period breakdown: no "to", no buying verb).
    /// </summary>
    private static bool AsksWhatWasSold(IReadOnlyList<string> words) =>
        words.Count > 0 && words[0] == "what"
        && (words.Any(BuyWords.Contains) || words.Where((w, i) => w is "sell" or "sold" or "sells" && i + 1 < words.Count && words[i + 1] == "to").Any());

    private static readonly HashSet<string> BuyWords = new(StringComparer.Ordinal) { "buy", "buys", "bought", "purchase", "purchased", "purchases" };

    /// <summary>The most groups an answer names, however many are asked for: a longer list is the page's to show.</summary>
    public const int MaxCount = 20;

    /// <summary>
    /// How many the question asks to see: "top 10", "the 5 biggest", "first three", "bottom 5" (lowest first). "Show me
    /// the top 10 accounts by won value" named three. Not a year ("top accounts 2017"); above <see cref="MaxCount"/> the
    /// topic names that many and says so.
    /// </summary>
    public static int? CountAsked(IReadOnlyList<string> words)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (Number(words[i]) is not { } n || n < 1 || n > 999)
            {
                continue;
            }

            var before = i > 0 ? words[i - 1] : "";
            var after = i + 1 < words.Count ? words[i + 1] : "";
            // "top 10 accounts", "the 5 biggest"; not "first 30 days" (a period).
            var period = PeriodNouns.Any(p => after.StartsWith(p, StringComparison.Ordinal));
            if ((before is "top" or "first" or "bottom" && !period) || Superlatives.Contains(after))
            {
                return n;
            }
        }

        return null;
    }

    private static readonly string[] PeriodNouns = ["day", "week", "month", "quarter", "year"];

    /// <summary>A count in digits or words ("10", "ten"), up to twenty in words.</summary>
    public static int? Number(string word) => int.TryParse(word, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
        ? n
        : Array.IndexOf(NumberWords, word) is var at and > 0 ? at : null;

    private static readonly string[] NumberWords =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"];

    /// <summary>
    /// The dimension of a question that asks for the best or biggest owner / account… without saying by what ("who is
    /// our best salesperson?", "who are our biggest clients?"): not a ranking, and not a question for the topic its
    /// dimension word belongs to either ("clients" is also the Results Ledger's word), but the console can say what it
    /// would need. "Which clients are off target?" orders nothing, so it stays with its topic.
    /// </summary>
    public static RankBy? DimensionWithoutMeasure(IReadOnlyList<string> words) =>
        words.Any(Superlatives.Contains) && Measure(words) is null && AccountsPerPlace(words) is null ? Dimension(words) : null;

    /// <summary>What to add to rank by <paramref name="by"/>.</summary>
    public static string AskForMeasure(RankBy by) =>
        $"To rank by {Name(by)}, say by which figure: won value, deals won, deals lost, win rate, deals or open deals{by switch
        {
            RankBy.Account => ", or the account's employees or annual revenue",
            RankBy.Sector or RankBy.Country => ", or the number of accounts, their employees or annual revenue",
            _ => "",
        }}.";

    public static string Name(RankBy by) => by switch
    {
        RankBy.Owner => "owner",
        RankBy.Account => "account",
        RankBy.Sector => "sector",
        RankBy.Country => "country",
        RankBy.Manager => "manager's team",
        RankBy.Office => "office",
        RankBy.Source => "lead source",
        RankBy.Package => "package",
        _ => "offer type",
    };

    /// <summary>
    /// The first dimension named, in the question's order. "Agent" is a sales agent only beside "sales" (not "agent
    /// jobs"). A leading "who" means a person (the deal's owner) only when no dimension is named: "Who are our biggest
    /// clients?" asks for accounts.
    /// </summary>
    public static RankBy? Dimension(IReadOnlyList<string> words)
    {
        // "Where do our clients come from?", "Which leads came in from marketing?": the source, whatever else is named.
        if (AsksWhereFrom(words))
        {
            return RankBy.Source;
        }

        for (var i = 0; i < words.Count; i++)
        {
            var word = words[i];
            if (OwnerWords.Contains(word) || (word is "agent" or "agents" && (IsSalesAgent(words, i) || AsksSalesFigure(words))))
            {
                return RankBy.Owner;
            }

            if (AccountWords.Contains(word))
            {
                return RankBy.Account;
            }

            if (OfferWords.Contains(word))
            {
                return RankBy.OfferType;
            }

            if (SectorWords.Contains(word))
            {
                return RankBy.Sector;
            }

            if (CountryWords.Contains(word))
            {
                return RankBy.Country;
            }

            // "regional office" is one office, and "sales manager" a manager (an owner word would have come first).
            if (OfficeWords.Contains(word))
            {
                return RankBy.Office;
            }

            if (ManagerWords.Contains(word))
            {
                return RankBy.Manager;
            }

            if (SourceWords.Contains(word))
            {
                return RankBy.Source;
            }

            if (PackageWords.Contains(word))
            {
                return RankBy.Package;
            }
        }

        // "Who won the most?": a person, so the deal's owner.
        return words.Count > 0 && words[0] is "who" or "whose" ? RankBy.Owner : null;
    }

    /// <summary>
    /// "Which account has not bought anything this year?", "Which owner has no open deals?": the groups with none of
    /// the figure, not the top of it (it answered with the accounts that bought the most). Not with an ordering word,
    /// and not of a rate.
    /// </summary>
    private static bool Lacking(IReadOnlyList<string> words, RankMeasure measure) =>
        words.Any(NegationWords.Contains) && !words.Any(Superlatives.Contains) && measure is not (RankMeasure.WinRate or RankMeasure.Growth or RankMeasure.AverageDeal);

    private static readonly HashSet<string> NegationWords = new(StringComparer.Ordinal)
    {
        "not", "no", "never", "nothing", "none", "without", "haven't", "hasn't", "hadn't", "didn't", "don't", "doesn't", "won't",
    };

    // "Where do leads come from?" asks the source; "revenue comes from the top 10 accounts" names what it comes from.
    private static bool AsksWhereFrom(IReadOnlyList<string> words) =>
        words.Where((w, i) => ComeWords.Contains(w) && words.Skip(i + 1).Take(2).Contains("from")
            && !words.Skip(i + 1).Any(after => IsAccountWord(after) || OwnerWords.Contains(after) || after is "agent" or "agents" or "sector" or "sectors" or "industry" or "industries")).Any();

    /// <summary>"percentage / share / proportion of (our) revenue / sales / won value".</summary>
    private static bool ShareOfMoney(IReadOnlyList<string> words) =>
        words.Where((w, i) => w is "percentage" or "percent" or "share" or "proportion" && words.Skip(i + 1).Take(3).Any(after => after != "won" && (WonWords.Contains(after) || after == "sales"))).Any();

    private static bool IsSalesAgent(IReadOnlyList<string> words, int at) =>
        at > 0 && words[at - 1] == "sales" && !words.Skip(at + 1).Any(w => w is "job" or "jobs" or "coding");

    /// <summary>
    /// "How many sales agents do we have?", "How many products are there?": how many groups there are. It got the agent
    /// jobs and this month's money, or no answer. Not of accounts: "How many accounts do we have?" has its own summary
    /// (the accounts with a won deal). "How many countries are our accounts in?" counts countries: what follows "how many"
    /// is what is counted.
    /// </summary>
    public static bool CountsGroups(IReadOnlyList<string> words) =>
        words is ["how", "many", var counted, ..] && !AccountWords.Contains(counted);

    /// <summary>
    /// A question that names a dimension and asks nothing else of it ("Who are the sales agents?", "What are our
    /// sectors?", "List the accounts"): no figure, no ordering word, no other subject ("Which clients are off target?"
    /// asks about targets).
    /// </summary>
    private static bool ListsOnly(IReadOnlyList<string> words) =>
        (words.Any(w => w is "who" or "which" or "what" or "list") || CountsGroups(words)) && !words.Any(Superlatives.Contains)
        && words.All(w => Semantic.TextTokens.StopWords.Contains(w) || w is "list" or "sales" or "agent" or "agents" or "lead"
            || OwnerWords.Contains(w) || AccountWords.Contains(w) || SectorWords.Contains(w) || CountryWords.Contains(w) || ManagerWords.Contains(w) || OfficeWords.Contains(w) || SourceWords.Contains(w) || OfferWords.Contains(w) || PackageWords.Contains(w));

    /// <summary>
    /// "Which agent has the worst win rate?": an agent measured by a sales figure is a sales agent, though the question
    /// does not say "sales" (it got the win rate of every deal). A coding agent's jobs are never measured so.
    /// </summary>
    private static bool AsksSalesFigure(IReadOnlyList<string> words) =>
        Measure(words) is not null && !words.Any(w => w is "job" or "jobs" or "coding" or "risk" or "run" or "runs");

    private static RankMeasure? Measure(IReadOnlyList<string> words)
    {
        // "Which customers have the highest annual revenue?": the company's own figure, not the money won from it.
        if (AccountFigures.Asked(words) is { } figure)
        {
            return figure;
        }

        // "Which sector grew the most?", "Which account declined the most?": a change, not a level. It asked for a figure.
        if (words.Any(GrowthWords.Contains) || words.Any(DeclineWords.Contains))
        {
            return RankMeasure.Growth;
        }

        // "What percentage of our revenue comes from the top 10 accounts?" asks a share of money, not a win rate.
        if (ShareOfMoney(words))
        {
            return RankMeasure.WonValue;
        }

        if (words.Any(RateWords.Contains))
        {
            return RankMeasure.WinRate;
        }

        // "average deal size by sector" ranked the sectors by their number of deals.
        if (words.Any(w => w is "average" or "avg" or "mean") && words.Any(w => w is "size" or "deal" or "deals" || WonWords.Contains(w)))
        {
            return RankMeasure.AverageDeal;
        }

        if (words.Any(LostWords.Contains))
        {
            return RankMeasure.LostDeals;
        }

        // "Which product is most popular?": the one bought most often.
        if (words.Contains("popular"))
        {
            return RankMeasure.WonDeals;
        }

        // "sales" alone means money ("most sales"), but not in "sales agent" / "sales rep".
        var sales = words.Select((w, i) => (w, i)).Any(x => x.w == "sales" && (x.i + 1 >= words.Count || !(OwnerWords.Contains(words[x.i + 1]) || words[x.i + 1] is "agent" or "agents")));
        if (words.Any(WonWords.Contains) || sales)
        {
            return words.Any(CountWords.Contains) ? RankMeasure.WonDeals : RankMeasure.WonValue;
        }

        if (words.Contains("open") || words.Contains("pipeline"))
        {
            return RankMeasure.OpenDeals;
        }

        return words.Any(DealWords.Contains) ? RankMeasure.Deals : null;
    }
}
