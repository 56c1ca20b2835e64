using System.Globalization;
using System.Text.RegularExpressions;

namespace OperatorConsole.Domain.Chat;

/// <summary>
/// Checks every Known fact against its source: the source must exist, every number in the claim must appear
/// in the source's text, and every quoted or capitalised name must appear there too. A claim that fails is
/// kept but marked <c>verified: false</c> with the reason, so a reader sees it (axiom 4: observational proof).
/// </summary>
public static partial class ReceiptsChecker
{
    [GeneratedRegex(@"-?\d[\d,]*(?:\.\d+)?")]
    private static partial Regex Numbers();

    [GeneratedRegex("\"([^\"]{2,80})\"|“([^”]{2,80})”")]
    private static partial Regex Quoted();

    public static Receipts Check(Receipts receipts, IReadOnlyDictionary<string, ContextFact> sheet)
    {
        var checkedFacts = receipts.Known.Select(k => Check(k, sheet)).ToList();
        return receipts with { Known = checkedFacts };
    }

    public static KnownFact Check(KnownFact fact, IReadOnlyDictionary<string, ContextFact> sheet)
    {
        if (!sheet.TryGetValue(fact.Source.Trim(), out var source))
        {
            return fact with { Verified = false, Problem = $"Source '{fact.Source}' does not exist in the console's data." };
        }

        var sourceNumbers = NumbersIn(source.Text);
        var missingNumber = NumbersIn(fact.Fact).FirstOrDefault(n => !sourceNumbers.Contains(n));
        if (missingNumber is not null)
        {
            return fact with { Verified = false, Problem = $"The number {missingNumber} is not in {fact.Source} (\"{source.Text}\")." };
        }

        foreach (Match quoted in Quoted().Matches(fact.Fact))
        {
            var name = quoted.Groups[1].Success ? quoted.Groups[1].Value : quoted.Groups[2].Value;
            if (!source.Text.Contains(name, StringComparison.OrdinalIgnoreCase))
            {
                return fact with { Verified = false, Problem = $"\"{name}\" is not in {fact.Source}." };
            }
        }

        return fact with { Verified = true, Problem = null };
    }

    /// <summary>Numbers normalised (thousand separators dropped, trailing ".0" dropped) so 1,200.0 matches 1200.</summary>
    public static HashSet<string> NumbersIn(string text) =>
        Numbers().Matches(text).Select(m => Normalise(m.Value)).ToHashSet(StringComparer.Ordinal);

    private static string Normalise(string number)
    {
        var plain = number.Replace(",", "", StringComparison.Ordinal);
        return decimal.TryParse(plain, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value.ToString("0.############", CultureInfo.InvariantCulture)
            : plain;
    }
}
