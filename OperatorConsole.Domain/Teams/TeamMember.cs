using OperatorConsole.Domain.Accounts;

namespace OperatorConsole.Domain.Teams;

/// <summary>
/// A deal owner's place in the sales organisation: who manages them and which regional office they sit in (a CRM's
/// sales team; Maven's sales_teams.csv). Deals name their owner as text (<c>Lead.Owner</c>); a member is matched to
/// them by name, case and spacing ignored, so a team is never a copy of the deals and a rename of one does not
/// break the other. Nothing here is a login: people who sign in are users.
/// </summary>
public class TeamMember
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The name with case and spacing ignored (<see cref="TeamRules.Key"/>), unique.</summary>
    public required string NameKey { get; set; }

    public string? Manager { get; set; }
    public string? Office { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>The rules a team member's fields follow, in the import and anywhere else that writes one.</summary>
public static class TeamRules
{
    public const int NameMax = AccountRules.NameMax;
    public const int ManagerMax = 200;
    public const int OfficeMax = 100;

    /// <summary>A deal owner's, a manager's or an office's key: case and spacing ignored, as an account's name.</summary>
    public static string? Key(string? name) => AccountRules.NameKey(name);

    /// <summary>Whether a member's office or manager is the one a filter names (the whole value, case and spacing ignored); no filter matches all.</summary>
    public static bool Matches(string? value, string? wanted) =>
        string.IsNullOrWhiteSpace(wanted) || (value is not null && Key(value) == Key(wanted));

    /// <summary>What is wrong with a member as a file gives it (empty when nothing): a name, and fields that fit.</summary>
    public static IReadOnlyList<string> Validate(string? name, string? manager, string? office)
    {
        var errors = new List<string>();
        if (Key(name) is null)
        {
            errors.Add("name: empty; every team member needs a name.");
        }
        else if (name!.Trim().Length > NameMax)
        {
            errors.Add($"name: longer than {NameMax} characters.");
        }

        if (manager?.Trim().Length > ManagerMax)
        {
            errors.Add($"manager: longer than {ManagerMax} characters.");
        }

        if (office?.Trim().Length > OfficeMax)
        {
            errors.Add($"office: longer than {OfficeMax} characters.");
        }

        return errors;
    }
}
