using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Chat;
using OperatorConsole.Domain.Scorecard;

namespace OperatorConsole.Data.Chat.Topics;

public sealed partial class RankingTopic
{
    private sealed record Company(int Id, string Name, string? Sector, string? Country, int? Employees, decimal? Revenue)
    {
        public string? SectorKey => Sector is null ? null : AccountRules.SectorKey(Sector);
        public string? CountryKey => Country is null ? null : AccountRules.CountryKey(Country);
    }

    /// <summary>
    /// Accounts ordered by a figure of their own record (<see cref="AccountFigures"/>): no deal, outcome or period enters
    /// it. Accounts named in the question are compared with each other; a sector named ranks its accounts. Accounts
    /// without the figure are counted under Missing, and "average", "median" and "total" are said over those with it.
    /// </summary>
    private async Task<TopicAnswer> AccountFiguresAsync(QuestionAnalysis question, RankingRequest ranking, CancellationToken ct)
    {
        if (ranking.By is RankBy.Sector or RankBy.Country)
        {
            return await PlacesAsync(question, ranking, ct);
        }

        var label = AccountFigures.Label(ranking.Measure);
        if (ranking.By != RankBy.Account)
        {
            return TopicAnswer.MissingOnly($"Employees and annual revenue are recorded per account, not per {ChatRanking.Name(ranking.By)}: ask which accounts have the most.");
        }

        var (within, scope, missing) = CompaniesAsked(await CompaniesAsync(ct), question);
        decimal? Figure(Company c) => ranking.Measure == RankMeasure.Employees ? c.Employees : c.Revenue;
        var having = within.Where(c => Figure(c) is not null).ToList();
        var lacking = within.Where(c => Figure(c) is null).OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var key = $"ranking.account.{ranking.Measure}".ToLowerInvariant();
        if (ranking.Lacking || having.Count == 0)
        {
            // "Which accounts have no employee count?", or nothing to rank: the accounts without the figure, by name.
            var claim = $"{Say.N(lacking.Count)} of {Say.Plural(within.Count, "account", "accounts")}{scope} {(lacking.Count == 1 ? "has" : "have")} no {label} recorded"
                        + (lacking.Count == 0 ? "" : ": " + string.Join(", ", lacking.Take(NamedWithout).Select(c => c.Name)) + (lacking.Count > NamedWithout ? $" and {Say.N(lacking.Count - NamedWithout)} more" : ""));
            return new TopicAnswer(claim + ".", [Say.Fact(key + ".none", "Accounts · none", claim, "/clients", claim)], [], missing);
        }

        if (lacking.Count > 0)
        {
            missing.Add($"{Say.Plural(lacking.Count, "account has", "accounts have")} no {label} recorded, so {(lacking.Count == 1 ? "it is" : "they are")} not in this ranking.");
        }

        var ordered = (ranking.Ascending ? having.OrderBy(Figure) : having.OrderByDescending(Figure)).ThenBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var facts = ordered.Take(Math.Min(ranking.Count ?? Shown, ChatRanking.MaxCount)).Select(c =>
        {
            var text = DescribeCompany(c, ranking.Measure);
            return Say.Fact($"{key}.{c.Id}", $"Account · {c.Name}", text, $"/accounts/{c.Id}", text);
        }).ToList();
        var sentence = $"By {label} (each account's own record), {(ranking.Ascending ? "lowest" : "highest")} first, of {Say.Plural(having.Count, "account", "accounts")}{scope}: "
                       + string.Join("; ", facts.Select((f, i) => $"{i + 1}. {f.Claim}")) + ".";
        if (question.Mentions("average", "avg", "mean", "median", "typical", "total", "combined", "sum"))
        {
            var summary = Summary(having.Select(c => Figure(c)!.Value).ToList(), ranking.Measure, scope);
            facts.Insert(0, Say.Fact($"{key}.summary", "Accounts · " + label, summary, "/clients", summary));
            sentence = $"{summary}. {sentence}";
        }

        return new TopicAnswer(sentence, facts, [], missing);
    }

    private async Task<List<Company>> CompaniesAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<Account>().AsNoTracking().Select(a => new Company(a.Id, a.Name, a.Sector, a.Country, a.Employees, a.Revenue)).ToListAsync(ct);
    }

    /// <summary>
    /// Sectors or countries by their accounts: how many there are, and their employees or annual revenue added up
    /// ("Which sector has the most accounts?", "Which country has the most employees?"). Each account counts once, in its
    /// own sector or country; its deals do not enter. "Which sector has the most employees?" was told to ask per account.
    /// </summary>
    private async Task<TopicAnswer> PlacesAsync(QuestionAnalysis question, RankingRequest ranking, CancellationToken ct)
    {
        var (within, scope, missing) = CompaniesAsked(await CompaniesAsync(ct), question);
        var what = ChatRanking.Name(ranking.By);
        Func<Company, string?> place = ranking.By == RankBy.Sector ? c => c.SectorKey : c => c.CountryKey;
        var placeless = within.Count(c => place(c) is null);
        if (placeless > 0)
        {
            missing.Add($"{Say.Plural(placeless, "account has", "accounts have")} no {what} recorded, so {(placeless == 1 ? "it is" : "they are")} not in this ranking.");
        }

        decimal? Figure(IReadOnlyList<Company> members) => ranking.Measure switch
        {
            RankMeasure.Accounts => members.Count,
            RankMeasure.Employees => members.Any(c => c.Employees is not null) ? members.Sum(c => c.Employees ?? 0) : null,
            _ => members.Any(c => c.Revenue is not null) ? members.Sum(c => c.Revenue ?? 0m) : null,
        };
        var groups = within.Where(c => place(c) is not null).GroupBy(place)
            .Select(g => (g.Key, Name: (ranking.By == RankBy.Sector ? g.First().Sector : g.First().Country)!.Trim(), Members: (IReadOnlyList<Company>)g.ToList()))
            .Select(g => (g.Key, g.Name, g.Members, Value: Figure(g.Members))).Where(g => g.Value is not null).ToList();
        var label = ranking.Measure == RankMeasure.Accounts ? "number of accounts" : AccountFigures.Label(ranking.Measure) + " of their accounts added up";
        if (groups.Count == 0)
        {
            return TopicAnswer.MissingOnly($"No account{scope} has a {what} {(ranking.Measure == RankMeasure.Accounts ? "" : "and " + AccountFigures.Label(ranking.Measure) + " ")}recorded.");
        }

        if (ranking.Measure != RankMeasure.Accounts && within.Count(c => place(c) is not null && (ranking.Measure == RankMeasure.Employees ? c.Employees is null : c.Revenue is null)) is var lacking and > 0)
        {
            missing.Add($"{Say.Plural(lacking, "account has", "accounts have")} no {AccountFigures.Label(ranking.Measure)} recorded; {(lacking == 1 ? "its" : "their")} {what}'s total leaves {(lacking == 1 ? "it" : "them")} out.");
        }

        var ordered = (ranking.Ascending ? groups.OrderBy(g => g.Value) : groups.OrderByDescending(g => g.Value)).ThenBy(g => g.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var facts = ordered.Take(Math.Min(ranking.Count ?? Shown, ChatRanking.MaxCount)).Select(g =>
        {
            var text = DescribePlace(g.Name, g.Members, ranking.Measure);
            return Say.Fact($"ranking.{what}.{ranking.Measure}.{g.Key}".ToLowerInvariant(), $"{(ranking.By == RankBy.Sector ? "Sector" : "Country")} · {g.Name}",
                text, $"/clients?q={Uri.EscapeDataString(g.Name)}", text);
        }).ToList();
        var sentence = $"By {label}, {(ranking.Ascending ? "lowest" : "highest")} first, of {Say.Plural(groups.Count, what, ranking.By == RankBy.Sector ? "sectors" : "countries")}{scope}: "
                       + string.Join("; ", facts.Select((f, i) => $"{i + 1}. {f.Claim}")) + ".";
        return new TopicAnswer(sentence, facts, [], missing);
    }

    /// <summary>
    /// "retail has 17 accounts (60,606 employees; annual revenue 27,355,760,000 USD)", "software: its 7 accounts have
    /// 79,950 employees (annual revenue …)": the figure ranked first, the others beside it.
    /// </summary>
    private static string DescribePlace(string name, IReadOnlyList<Company> members, RankMeasure measure)
    {
        var accounts = Say.Plural(members.Count, "account", "accounts");
        var employees = members.Any(c => c.Employees is not null) ? $"{Say.N(members.Sum(c => c.Employees ?? 0))} employees" : "no employee count";
        var revenue = members.Any(c => c.Revenue is not null) ? $"annual revenue {Say.Money(members.Sum(c => c.Revenue ?? 0m))}" : "no annual revenue recorded";
        return measure switch
        {
            RankMeasure.Accounts => $"{name} has {accounts} ({employees}; {revenue})",
            RankMeasure.Employees => $"{name}: {(members.Count == 1 ? "its account has" : $"its {accounts} have")} {employees} ({revenue})",
            _ => $"{name}: {(members.Count == 1 ? "its account has" : $"its {accounts} have")} {revenue} ({employees})",
        };
    }

    /// <summary>
    /// The accounts a question asks about: those it names, else those of the sectors and countries it names, else every one; with the
    /// words for that scope, and what the question names that cannot narrow an account's own record (a period, an owner).
    /// </summary>
    private static (List<Company> Within, string Scope, List<string> Missing) CompaniesAsked(List<Company> companies, QuestionAnalysis question)
    {
        var missing = new List<string>();
        var named = question.Entities.Where(e => e.Entity.Kind == EntityKind.Account).Select(e => e.Entity.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var sectors = question.Entities.Where(e => e.Entity.Kind == EntityKind.Sector).Select(e => e.Entity).ToList();
        var countries = question.Entities.Where(e => e.Entity.Kind == EntityKind.Country).Select(e => e.Entity).ToList();
        foreach (var other in question.Entities.Where(e => e.Entity.Kind is not (EntityKind.Account or EntityKind.Sector or EntityKind.Country)))
        {
            missing.Add($"{other.Entity.Kind} \"{other.Entity.Name}\" is not applied: employees and annual revenue are each account's own record, not figures of its deals.");
        }

        if (question.Period is { } period)
        {
            missing.Add($"The period asked ({period.Describe()}) is not applied: employees and annual revenue are each account's record as it stands, not figures per period.");
        }

        var within = companies.Where(c => (named.Count == 0 || named.Contains(c.Name)) && (sectors.Count == 0 || sectors.Any(s => s.Key == c.SectorKey))
            && (countries.Count == 0 || countries.Any(s => s.Key == c.CountryKey))).ToList();
        var scope = named.Count > 0 ? $" named ({string.Join(", ", within.Select(c => c.Name))})"
            : (sectors.Count > 0 ? $" in the {string.Join(" or ", sectors.Select(s => s.Name))} sector" : "")
              + (countries.Count > 0 ? $" with headquarters in {string.Join(" or ", countries.Select(s => s.Name))}" : "");
        return (within, scope, missing);
    }

    /// <summary>"Kan-code has 34,288 employees (annual revenue 11,698,030,000 USD)": the figure ranked first, the other beside it.</summary>
    private static string DescribeCompany(Company c, RankMeasure measure)
    {
        var (employees, revenue) = CompanyFigures(c.Employees, c.Revenue);
        return measure == RankMeasure.Employees ? $"{c.Name} has {employees} ({revenue})" : $"{c.Name} has {revenue} ({employees})";
    }

    /// <summary>An account's own figures as every chat answer writes them ("34,288 employees", "annual revenue 11,698,030,000 USD"), or that none is recorded.</summary>
    internal static (string Employees, string Revenue) CompanyFigures(int? employees, decimal? revenue) =>
        (employees is { } e ? $"{Say.N(e)} employees" : "no employee count",
         revenue is { } r ? $"annual revenue {Say.Money(r)}" : "no annual revenue recorded");

    /// <summary>"The 85 accounts with employees recorded have 4,661 employees on average (median 2,769 employees; 396,170 employees in all)".</summary>
    private static string Summary(List<decimal> values, RankMeasure measure, string scope)
    {
        var label = AccountFigures.Label(measure);
        string Figure(decimal v) => measure == RankMeasure.Employees ? $"{Say.N(Math.Round(v, 0))} employees" : Say.Money(Math.Round(v, 2));
        return $"The {Say.Plural(values.Count, "account", "accounts")}{scope} with {label} recorded have {Figure(values.Average())} on average "
               + $"(median {Figure(ScorecardCalculator.Median(values)!.Value)}; {Figure(values.Sum())} in all)";
    }
}
