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
    public static IEnumerable<string> Vocabulary => EmployeeWords.Concat(["turnover", "annual", "yearly", "revenues"]);

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
