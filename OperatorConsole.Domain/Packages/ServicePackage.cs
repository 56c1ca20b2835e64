namespace OperatorConsole.Domain.Packages;

/// <summary>
/// An internal, repeatable offer: what the client gets, what they do not, how it is delivered and what it
/// costs. Internal only (never shown to clients). Archived instead of deleted once a lead uses it, so a
/// package's track record survives.
/// </summary>
public class ServicePackage
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string? PromisedOutcome { get; set; }
    public string? ScopeIncluded { get; set; }
    public string? Exclusions { get; set; }
    public string? IdealClient { get; set; }

    /// <summary>Delivery steps in the order they are done.</summary>
    public List<string> DeliverySteps { get; set; } = [];
    public string? TurnaroundTarget { get; set; }
    public string? RevisionPolicy { get; set; }
    public decimal PriceMin { get; set; }
    public decimal PriceMax { get; set; }

    /// <summary>ISO 4217 code, e.g. USD.</summary>
    public string Currency { get; set; } = "USD";
    public List<UpgradeOption> UpgradeOptions { get; set; } = [];
    public bool IsArchived { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>A priced add-on to a package (e.g. "Extra integration", 1500).</summary>
public sealed record UpgradeOption(string Name, decimal Price);
