namespace OperatorConsole.Domain.Accounts;

/// <summary>
/// A customer company. Deals (leads) belong to it; contacts and touches reach it through its deals, so an account
/// never stores a copy of them. Its revenue, results and last touch are always computed from its deals.
/// </summary>
public class Account
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>
    /// The name with case and spacing ignored (<see cref="AccountRules.NameKey"/>), unique: "Acme  Corp" and
    /// "acme corp" are one company, whichever spelling a CRM export or a person typed first.
    /// </summary>
    public required string NameKey { get; set; }

    public string? Sector { get; set; }
    public int? Employees { get; set; }

    /// <summary>Annual revenue in the console's currency, where the source knows it.</summary>
    public decimal? Revenue { get; set; }

    public string? Website { get; set; }

    /// <summary>The country of its headquarters, as the source spells it (free text: CRMs do not agree on codes).</summary>
    public string? Country { get; set; }

    public int? YearEstablished { get; set; }

    /// <summary>
    /// The account this one is a subsidiary of. A parent is another account, never itself or one of its own
    /// subsidiaries (<see cref="AccountRules.ParentError"/>); its figures stay its own, nothing rolls up.
    /// </summary>
    public int? ParentAccountId { get; set; }

    public Account? Parent { get; set; }

    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>An account's own fields as a request, a form or an import row gives them, for <see cref="AccountRules.Validate"/>.</summary>
public sealed record AccountFields(
    string? Name,
    string? Sector = null,
    int? Employees = null,
    decimal? Revenue = null,
    string? Website = null,
    string? Notes = null,
    string? Country = null,
    int? YearEstablished = null);
