using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Domain.Offers;

/// <summary>The offer ladder's labels, the repeatability rubric and the validation of an offer decision.</summary>
public static class OfferRules
{
    public const int TextMax = 2000;
    public const int MinScore = 1;
    public const int MaxScore = 5;

    /// <summary>Shown next to the score so two people score the same work the same way.</summary>
    public static readonly IReadOnlyList<(int Score, string Meaning)> RepeatabilityRubric =
    [
        (1, "One-off bespoke: nothing carries over to the next client."),
        (2, "Mostly custom: a few parts (prompts, snippets) can be reused."),
        (3, "Half templated: a starter or playbook covers about half the work."),
        (4, "Mostly productized: fixed scope and steps, light per-client tailoring."),
        (5, "Fully productized: repeatable weekly, the same deliverable every time."),
    ];

    public static string Label(OfferType offer) => offer switch
    {
        OfferType.FastCashDfy => "Fast-cash DFY",
        OfferType.Productized => "Productized",
        OfferType.PremiumCustomSystem => "Premium custom system",
        _ => offer.ToString(),
    };

    public static string RubricFor(int score) =>
        RepeatabilityRubric.FirstOrDefault(r => r.Score == score).Meaning ?? "";

    public static ValidationErrors Validate(OfferType? offerType, string? whyChosen, string? upgradePath, int? repeatabilityScore)
    {
        var errors = new ValidationErrors();
        if (offerType is null)
        {
            errors.Add("offerType", "'offerType' is required: fast_cash_dfy, productized or premium_custom_system.");
        }

        errors.Defined("offerType", offerType)
            .MaxLength("whyChosen", whyChosen, TextMax)
            .MaxLength("upgradePath", upgradePath, TextMax);
        if (repeatabilityScore is { } score && (score < MinScore || score > MaxScore))
        {
            errors.Add("repeatabilityScore", $"'repeatabilityScore' must be between {MinScore} and {MaxScore}.");
        }

        return errors;
    }
}
