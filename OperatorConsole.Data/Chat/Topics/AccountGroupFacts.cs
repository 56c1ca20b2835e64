using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Chat;

namespace OperatorConsole.Data.Chat.Topics;

/// <summary>
/// "Which accounts are subsidiaries?", "Which of our customers belong to a group?": the accounts that name a parent
/// account, grouped under it, the largest group first. It was answered with the clients off target. One named account's
/// parent and subsidiaries are its own record, told by the entity answer.
/// </summary>
internal static class AccountGroupFacts
{
    private static readonly string[] AccountWords = ["account", "accounts", "client", "clients", "customer", "customers", "company", "companies"];

    /// <summary>The question asks about the accounts' groups: a group word and an account word, or a group word alone.</summary>
    public static bool Asks(QuestionAnalysis question) =>
        AccountFigures.AsksGroup(question.Tokens) && (question.Mentions(AccountWords) || question.Mentions("subsidiary", "subsidiaries"));

    /// <summary>How many groups the answer names; the rest are on the Clients list, each on its parent's page.</summary>
    private const int GroupsShown = 10;

    public static async Task<TopicAnswer> AnswerAsync(IDbContextFactory<ConsoleDbContext> dbFactory, QuestionAnalysis question, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = await db.Set<Account>().CountAsync(ct);
        var children = await db.Set<Account>().AsNoTracking().Where(a => a.ParentAccountId != null)
            .Select(a => new { a.Name, ParentId = a.ParentAccountId!.Value, Parent = a.Parent!.Name }).ToListAsync(ct);
        var groups = children.GroupBy(c => (c.ParentId, c.Parent))
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Parent, StringComparer.OrdinalIgnoreCase).ToList();
        var claim = children.Count == 0
            ? $"None of the {Say.Plural(all, "account", "accounts")} records a parent company"
            : $"{Say.N(children.Count)} of {Say.Plural(all, "account", "accounts")} {(children.Count == 1 ? "is a subsidiary" : "are subsidiaries")} of another account, "
              + $"in {Say.Plural(groups.Count, "group", "groups")}: "
              + string.Join("; ", groups.Take(GroupsShown).Select(g => $"{g.Key.Parent} ({Say.N(g.Count())}: {string.Join(", ", g.Select(c => c.Name).Order(StringComparer.OrdinalIgnoreCase))})"))
              + (groups.Count > GroupsShown ? $"; and {Say.N(groups.Count - GroupsShown)} more groups" : "");
        List<string> missing = question.Period is { } period
            ? [$"The period asked ({period.Describe()}) is not applied: a parent company is each account's record as it stands."]
            : [];
        return new TopicAnswer(claim + ".", [Say.Fact("accounts.groups", "Clients & accounts · groups", claim, "/clients", claim)], [], missing);
    }
}
