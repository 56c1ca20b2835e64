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

    public static ValidationErrors Validate(string? name, string? sector, int? employees, decimal? revenue, string? website, string? notes, bool nameRequired)
    {
        var errors = new ValidationErrors();
        if (nameRequired || name is not null)
        {
            errors.Required("name", name, NameMax);
        }

        errors.MaxLength("sector", sector, SectorMax)
            .MaxLength("website", website, WebsiteMax)
            .MaxLength("notes", notes, NotesMax)
            .Range("revenue", revenue, 0, 1_000_000_000_000m);
        if (employees is < 0 or > MaxEmployees)
        {
            errors.Add("employees", $"'employees' must be between 0 and {MaxEmployees}.");
        }

        if (!string.IsNullOrWhiteSpace(website) && !IsWebAddress(website.Trim()))
        {
            errors.Add("website", "'website' must be an http(s) address such as https://example.com.");
        }

        return errors;
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
