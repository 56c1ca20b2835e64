using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Offers;

/// <summary>
/// Why a lead is sold on its offer-ladder rung, where it can climb next, and how repeatable the work is.
/// The rung itself is <c>Lead.OfferType</c> (the leads list filters on it); this holds the reasoning. One per lead.
/// </summary>
public class LeadOffer
{
    /// <summary>Also the key: a lead has at most one offer decision.</summary>
    public int LeadId { get; set; }
    public string? WhyChosen { get; set; }
    public string? UpgradePath { get; set; }

    /// <summary>1 (one-off bespoke) to 5 (fully productized, repeatable weekly).</summary>
    public int? RepeatabilityScore { get; set; }
    public DateTime UpdatedAt { get; set; }
    public ActorKind UpdatedByKind { get; set; }
    public required string UpdatedById { get; set; }
    public required string UpdatedByName { get; set; }
}
