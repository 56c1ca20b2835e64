namespace OperatorConsole.Domain.Chat;

/// <summary>
/// What an account records about the company itself (a CRM's firmographics): how many people it employs and its annual
/// revenue. "Which customers have the highest annual revenue?" was ranked by the money won from them, as if "revenue"
/// there were ours, and "How many employees does Kan-code have?" named employees as not recorded, though every imported
/// account has them.
/// </summary>
public static class AccountFigures
{
    private static readonly HashSet<string> EmployeeWords = new(StringComparer.Ordinal) { "employees", "employee", "staff", "headcount", "workforce" };

    // "company size", "customer size": its people, as a CRM's company-size field counts them ("deal size" is a deal's).
    private static readonly HashSet<string> CompanyWords = new(StringComparer.Ordinal) { "company", "companies", "account", "accounts", "customer", "customers", "client", "clients" };

    /// <summary>The words this reading understands, so none of them is reported as something the console does not record.</summary>
    public static IEnumerable<string> Vocabulary =>
        EmployeeWords.Concat(GroupWords).Concat(FoundedWords).Concat(PlaceWords).Concat(["turnover", "annual", "yearly", "revenues", "belong", "belongs"]);

    // "Who owns Kan-code?" asks for the deals' owner (our side), so "owns" and "owned" are not group words.
    private static readonly HashSet<string> GroupWords = new(StringComparer.Ordinal)
    {
        "subsidiary", "subsidiaries", "parent", "parents", "group", "daughter", "holding", "affiliate", "affiliates",
    };

    private static readonly HashSet<string> FoundedWords = new(StringComparer.Ordinal) { "founded", "established", "founding", "old", "age" };

    private static readonly HashSet<string> PlaceWords = new(StringComparer.Ordinal)
    {
        "country", "headquarters", "hq", "headquartered", "based", "located", "location",
    };

    /// <summary>"Who is Sonron's parent company?", "Which accounts are subsidiaries?": the accounts' group (parent and subsidiaries).</summary>
    public static bool AsksGroup(IReadOnlyList<string> words) => words.Any(GroupWords.Contains);

    /// <summary>"When was Acme founded?", "How old is Acme?": the year the company was established.</summary>
    public static bool AsksFounded(IReadOnlyList<string> words) => words.Any(FoundedWords.Contains);

    /// <summary>"Where is Acme based?", "Which country is Acme in?": the country of its headquarters.</summary>
    public static bool AsksPlace(IReadOnlyList<string> words) => words.Any(PlaceWords.Contains);

    /// <summary>Whether the question asks anything of a company's own record (its figures, group, founding or place).</summary>
    public static bool AsksRecord(IReadOnlyList<string> words) => Asked(words) is not null || AsksGroup(words) || AsksFounded(words) || AsksPlace(words);

    /// <summary>
    /// The account figure a question asks, or null. Annual revenue only where the question is not about our own money:
    /// "our annual revenue from Kan-code" and "how much did we win" are won value.
    /// </summary>
    public static RankMeasure? Asked(IReadOnlyList<string> words)
    {
        if (words.Any(EmployeeWords.Contains) || words.Where((w, i) => w == "size" && i > 0 && CompanyWords.Contains(words[i - 1])).Any())
        {
            return RankMeasure.Employees;
        }

        var annual = words.Where((w, i) => w is "annual" or "yearly" && i + 1 < words.Count && words[i + 1] is "revenue" or "revenues" or "turnover" or "sales").Any();
        return (annual || words.Contains("turnover")) && !words.Any(w => w is "we" or "us" or "from") ? RankMeasure.AnnualRevenue : null;
    }

    /// <summary>"employees", "annual revenue": how an answer names the figure.</summary>
    public static string Label(RankMeasure measure) => measure == RankMeasure.Employees ? "employees" : "annual revenue";
}
