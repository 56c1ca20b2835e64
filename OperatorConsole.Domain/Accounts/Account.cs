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
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}
