using System.Globalization;
using System.Text.RegularExpressions;

namespace OperatorConsole.Domain.Chat;

/// <summary>
/// A bound on a deal's estimated value that a question sets ("worth more than 10,000 USD", "under $500", "between 5k
/// and 20k"). Both ends are inclusive, as the Leads list's <c>minValue</c> / <c>maxValue</c> filters are, so the count
/// an answer gives is the count its link shows; <see cref="Describe"/> says so in the answer ("10,000 USD or more").
/// </summary>
public sealed record ValueRange(decimal? Min, decimal? Max)
{
    public string Describe() => (Min, Max) switch
    {
        ({ } min, { } max) => $"between {Amount(min)} and {Amount(max)} USD",
        ({ } min, null) => $"{Amount(min)} USD or more",
        (null, { } max) => $"{Amount(max)} USD or less",
        _ => "any amount",
    };

    /// <summary>The Leads list's query for the range ("minValue=10000"), invariant digits as the API reads them.</summary>
    public string Query() => string.Join("&", new[]
    {
        Min is { } min ? "minValue=" + min.ToString(CultureInfo.InvariantCulture) : null,
        Max is { } max ? "maxValue=" + max.ToString(CultureInfo.InvariantCulture) : null,
    }.Where(p => p is not null));

    private static string Amount(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

/// <summary>
/// Reads a value bound from a question. "Which deals are worth more than 10,000 USD?" got this month's money: nothing
/// read the threshold. A number is an amount only when it says so (a currency, "$", "k" / "m") or the question speaks
/// of worth or value, and never when a count noun follows it ("more than 5 deals", "over 30 days").
/// </summary>
public static partial class ChatValues
{
    /// <summary>The words of a bound, so none of them is reported as something the console does not record.</summary>
    public static readonly IReadOnlyList<string> Vocabulary =
    [
        "more", "than", "over", "above", "greater", "bigger", "larger", "higher", "least", "exceeding", "exceed", "exceeds", "upwards",
        "minimum", "less", "under", "below", "smaller", "lower", "most", "up", "maximum", "between", "worth", "valued", "k", "thousand",
        "million", "grand", "bucks", "usd", "dollar", "dollars",
    ];

    public static ValueRange? Parse(string question)
    {
        var text = question.ToLowerInvariant();
        var speaksOfValue = ValueWords().IsMatch(text);
        if (Between().Match(text) is { Success: true } between
            && Read(between.Groups["a"], speaksOfValue) is { } low && Read(between.Groups["b"], speaksOfValue) is { } high)
        {
            return new ValueRange(Math.Min(low, high), Math.Max(low, high));
        }

        decimal? min = null, max = null;
        foreach (Match m in Bound().Matches(text))
        {
            if (Read(AmountOf(m), speaksOfValue) is not { } amount)
            {
                continue;
            }

            if (m.Groups["above"].Success || m.Groups["more"].Success)
            {
                min = amount;
            }
            else
            {
                max = amount;
            }
        }

        return min is null && max is null ? null : new ValueRange(min, max);
    }

    /// <summary>
    /// The question without the bounds read as amounts, for the period's reading: "worth over 2000 dollars" is not
    /// also the year 2000.
    /// </summary>
    public static string WithoutBounds(string question)
    {
        var text = question.ToLowerInvariant();
        var speaksOfValue = ValueWords().IsMatch(text);
        text = Between().Replace(text, m => Read(m.Groups["a"], speaksOfValue) is null ? m.Value : " ");
        return Bound().Replace(text, m => Read(AmountOf(m), speaksOfValue) is null ? m.Value : " ");
    }

    private static Group AmountOf(Match bound) => bound.Groups["amount"].Success ? bound.Groups["amount"] : bound.Groups["amount2"];

    private static decimal? Read(Group amount, bool speaksOfValue)
    {
        var m = AmountOnly().Match(amount.Value);
        if (!m.Success || !decimal.TryParse(m.Groups["num"].Value.Replace(",", ""), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return null;
        }

        var multiplier = m.Groups["mul"].Value switch
        {
            "k" or "thousand" or "grand" => 1_000m,
            "m" or "million" => 1_000_000m,
            _ => 1m,
        };
        var saysMoney = m.Groups["cur"].Success || m.Groups["cur2"].Success || multiplier > 1;
        return saysMoney || speaksOfValue ? value * multiplier : null;
    }

    private const string AmountPattern =
        @"(?<cur>\$|usd\s?)?(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![,.]?\d)\s?(?<mul>k|m|thousand|million|grand)?\b(?:\s?(?<cur2>usd|dollars?|bucks))?"
        + @"(?!\s*(?:%|percent|deals?|leads?|days?|weeks?|months?|years?|quarters?|accounts?|customers?|clients?|companies|owners?|reps?|hours?|minutes?|times|opportunities|people)\b)";

    [GeneratedRegex(AmountPattern)]
    private static partial Regex AmountOnly();

    [GeneratedRegex(@"\bbetween\s+(?<a>" + AmountPattern + @")\s+(?:and|to)\s+(?<b>" + AmountPattern + ")")]
    private static partial Regex Between();

    [GeneratedRegex(
        @"(?:\b(?<above>more\s+than|over|above|greater\s+than|bigger\s+than|larger\s+than|higher\s+than|at\s+least|exceeding|exceeds?|upwards\s+of|minimum\s+of|no\s+less\s+than)"
        + @"|\b(?<below>less\s+than|under|below|smaller\s+than|lower\s+than|at\s+most|up\s+to|no\s+more\s+than|maximum\s+of))\s+(?<amount>" + AmountPattern + ")"
        + @"|(?<amount2>" + AmountPattern + @")\s*(?:(?<more>\+|or\s+more|or\s+above|and\s+(?:up|above))|(?<less>or\s+less|or\s+below|and\s+(?:under|below)))")]
    private static partial Regex Bound();

    [GeneratedRegex(@"\b(?:worth|value|valued|values|size|sized|priced|price|amount|amounts|big|bigger|biggest|large|larger|usd|dollars?)\b|\$")]
    private static partial Regex ValueWords();
}
