using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Accounts;

namespace OperatorConsole.Data.Accounts;

/// <summary>
/// Company text → account: the one place that matches an existing account by its name key or creates it. Used by
/// the lead API, both importers and the demo seed, so every path links deals the same way.
/// </summary>
internal static class AccountLinks
{
    /// <summary>The account for a company name, found or added to the context (saved with the caller's changes). Null for a blank name.</summary>
    public static async Task<Account?> ForCompanyAsync(ConsoleDbContext db, string? company, DateTime now, CancellationToken ct)
    {
        if (AccountRules.NameKey(company) is not { } key)
        {
            return null;
        }

        var local = db.Set<Account>().Local.FirstOrDefault(a => a.NameKey == key);
        if (local is not null)
        {
            return local;
        }

        var existing = await db.Set<Account>().FirstOrDefaultAsync(a => a.NameKey == key, ct);
        if (existing is not null)
        {
            return existing;
        }

        var account = NewAccount(AccountRules.CleanName(company)!, key, now);
        db.Add(account);
        return account;
    }

    public static Account NewAccount(string name, string key, DateTime now) => new()
    {
        Name = name.Length > AccountRules.NameMax ? name[..AccountRules.NameMax] : name,
        NameKey = key.Length > AccountRules.NameMax ? key[..AccountRules.NameMax] : key,
        CreatedAt = now,
        UpdatedAt = now,
    };
}
