using System.Globalization;
using OperatorConsole.Data.Accounts;
using OperatorConsole.Domain.Chat;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// "Which accounts have we not touched in 30 days?": the accounts whose newest touch, on any of their deals, is older
/// than the period (or who have none), from the Clients page's own last-touch column. It was answered with the stale
/// leads of the Failures report and the clients off target, neither of which is about accounts.
/// </summary>
internal static class AccountTouchFacts
{
    private static readonly string[] AccountWords = ["account", "accounts", "client", "clients", "customer", "customers", "company", "companies"];

    // Not "called" or "reached": "the account called X", "clients that reached their target" are not about touches.
    private static readonly string[] TouchWords = ["touch", "touched", "touches", "contact", "contacted", "spoke", "spoken", "talk", "talked"];

    /// <summary>The question asks when accounts were last touched.</summary>
    public static bool Asks(QuestionAnalysis question) => question.Mentions(AccountWords) && question.Mentions(TouchWords);

    public static async Task<TopicAnswer> AnswerAsync(AccountService accounts, QuestionAnalysis question, CancellationToken ct)
    {
        var rows = await accounts.AllAsync(new AccountListQuery(), ct);
        var since = question.Period?.From;
        // Never touched first, then the longest untouched; among equals the one with the most open deals, where a call counts most.
        var untouched = rows.Where(r => r.LastTouchAt is not { } at || (since is { } from && at < from))
            .OrderBy(r => r.LastTouchAt ?? DateTime.MinValue).ThenByDescending(r => r.OpenDeals).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var never = untouched.Count(r => r.LastTouchAt is null);
        var open = untouched.Count(r => r.OpenDeals > 0);
        var scope = since is null ? "have no touch logged on any deal" : $"have had no touch {question.Period!.When()}";
        var claim = $"{Say.N(untouched.Count)} of {Say.Plural(rows.Count, "account", "accounts")} {scope}";
        if (untouched.Count > 0)
        {
            claim += $", {Say.N(open)} of them with open deals";
        }

        if (since is not null && never > 0)
        {
            claim += never == untouched.Count ? "; none of them has a touch logged at all" : $"; {Say.N(never)} of them {(never == 1 ? "has" : "have")} none logged at all";
        }

        if (untouched.Count > 0)
        {
            claim += (untouched.Any(r => r.LastTouchAt is not null) ? "; longest untouched first: " : "; most open deals first: ") + Listed(untouched);
        }

        var fact = Say.Fact($"accounts.touches.{(since is { } f ? f.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "ever")}", "Clients & accounts · last touch", claim, "/clients?sort=lastTouchAt", claim);
        List<string> missing = rows.Count > 0 && rows.All(r => r.LastTouchAt is null)
            ? ["When any account was last contacted: no touch is logged on any deal. Touches are logged on a lead's page, or by POST /api/leads/{id}/touches."]
            : [];
        return new TopicAnswer(claim + ".", [fact], [], missing);
    }

    /// <summary>The first five, longest untouched first (as the Clients page sorts by last touch), with their open deals.</summary>
    private static string Listed(List<AccountRow> rows)
    {
        var shown = string.Join(", ", rows.Take(5).Select(r => $"\"{r.Name}\" (" +
            (r.LastTouchAt is { } at ? $"last touched {ChatDates.Day(at)}, " : "") + $"{Say.Plural(r.OpenDeals, "open deal", "open deals")})"));
        return rows.Count > 5 ? $"{shown} and others" : shown;
    }
}
