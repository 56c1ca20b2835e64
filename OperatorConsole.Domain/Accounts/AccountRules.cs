using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Domain.Accounts;

/// <summary>Account field rules and the name key; the API, the forms and both importers use the same ones.</summary>
public static class AccountRules
{
    public const int NameMax = LeadRules.TextMax;
    public const int SectorMax = 100;

    /// <summary>One sector however its accounts spell its case: the key the chat's catalogue and rankings group by.</summary>
    public static string SectorKey(string sector) => sector.Trim().ToLowerInvariant();

    /// <summary>One country however its accounts spell its case, as <see cref="SectorKey"/>.</summary>
    public static string CountryKey(string country) => country.Trim().ToLowerInvariant();
    public const int WebsiteMax = 400;
    public const int NotesMax = 4000;
    public const int MaxEmployees = 10_000_000;

    /// <summary>
    /// Trimmed, inner whitespace runs collapsed to one space, lower-cased (invariant). Null for a blank name.
    /// The migration that turned lead company text into accounts computes the same key in SQL.
    /// </summary>
    public static string? NameKey(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        return string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();
    }

    /// <summary>The name as shown: trimmed, inner whitespace collapsed (the case a person typed is kept).</summary>
    public static string? CleanName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    public const int CountryMax = 100;

    /// <summary>The oldest founding year taken as a year and not a typo (the oldest companies trading were founded after 1000).</summary>
    public const int FirstYear = 1000;

    public static ValidationErrors Validate(AccountFields fields, bool nameRequired, int thisYear)
    {
        var errors = new ValidationErrors();
        if (nameRequired || fields.Name is not null)
        {
            errors.Required("name", fields.Name, NameMax);
        }

        errors.MaxLength("sector", fields.Sector, SectorMax)
            .MaxLength("website", fields.Website, WebsiteMax)
            .MaxLength("notes", fields.Notes, NotesMax)
            .MaxLength("country", fields.Country, CountryMax)
            .Range("revenue", fields.Revenue, 0, 1_000_000_000_000m);
        if (fields.Employees is < 0 or > MaxEmployees)
        {
            errors.Add("employees", $"'employees' must be between 0 and {MaxEmployees}.");
        }

        if (fields.YearEstablished is { } year && (year < FirstYear || year > thisYear))
        {
            errors.Add("yearEstablished", $"'yearEstablished' must be a year between {FirstYear} and {thisYear}.");
        }

        if (!string.IsNullOrWhiteSpace(fields.Website) && !IsWebAddress(fields.Website.Trim()))
        {
            errors.Add("website", "'website' must be an http(s) address such as https://example.com.");
        }

        return errors;
    }

    /// <summary>
    /// Why <paramref name="parentId"/> cannot be the parent of <paramref name="accountId"/> (null when it can): an account
    /// is not its own parent, nor the parent of one of its own parents; a loop would make "the group" of a company
    /// endless. <paramref name="parentOf"/> answers each account's current parent; a new account passes 0 as its id.
    /// </summary>
    public static string? ParentError(int accountId, int parentId, Func<int, int?> parentOf)
    {
        if (parentId == accountId)
        {
            return "An account cannot be its own parent.";
        }

        var seen = new HashSet<int>();
        for (int? up = parentId; up is { } current && seen.Add(current); up = parentOf(current))
        {
            if (current == accountId)
            {
                return $"Account {parentId} is a subsidiary of this account; it cannot also be its parent.";
            }
        }

        return null;
    }

    /// <summary>An address a person can open: http(s) with a host. A bare "example.com" is accepted and stored with https://.</summary>
    public static string? NormalizeWebsite(string? website)
    {
        if (string.IsNullOrWhiteSpace(website))
        {
            return null;
        }

        var trimmed = website.Trim();
        return trimmed.Contains("://", StringComparison.Ordinal) ? trimmed : "https://" + trimmed;
    }

    private static bool IsWebAddress(string website) =>
        Uri.TryCreate(NormalizeWebsite(website), UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && uri.Host.Contains('.', StringComparison.Ordinal);
}

/// <summary>
/// "Worst first" for accounts, the order /clients opens in: an account with a client off track, then one with an
/// unmeasured result, then one with a client that has no target, then the rest; accounts with no client last.
/// Within a level, more troubled clients first, then more won value (the bigger customer at risk first).
/// </summary>
public static class AccountTriage
{
    public static int Severity(int clients, int offTrack, int unmeasured, int noTarget) =>
        clients == 0 ? 4 : offTrack > 0 ? 0 : unmeasured > 0 ? 1 : noTarget > 0 ? 2 : 3;

    /// <summary>How many of its clients need attention at the account's level.</summary>
    public static int Troubled(int offTrack, int unmeasured, int noTarget) =>
        offTrack > 0 ? offTrack : unmeasured > 0 ? unmeasured : noTarget;
}
