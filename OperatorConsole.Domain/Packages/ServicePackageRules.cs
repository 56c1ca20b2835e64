using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Packages;

/// <summary>Field rules for a service package, shared by the API and the edit form.</summary>
public static class ServicePackageRules
{
    public const int NameMax = 120;
    public const int TextMax = 4000;
    public const int ShortMax = 200;
    public const int StepMax = 300;
    public const int MaxSteps = 30;
    public const int MaxUpgrades = 20;
    public const decimal MaxPrice = 100_000_000m;

    /// <summary>
    /// One package however a file spells it: spaces and case ignored (a CRM export writes "GTXPro" for "GTX Pro"). An
    /// import links a deal to the package with its key, or makes one.
    /// </summary>
    public static string NameKey(string? name) =>
        new string((name ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();

    /// <summary>Validates the package as it would be after the change (create or patch merged onto the stored one).</summary>
    public static ValidationErrors Validate(ServicePackageFields p)
    {
        var errors = new ValidationErrors()
            .Required("name", p.Name, NameMax)
            .MaxLength("promisedOutcome", p.PromisedOutcome, TextMax)
            .MaxLength("scopeIncluded", p.ScopeIncluded, TextMax)
            .MaxLength("exclusions", p.Exclusions, TextMax)
            .MaxLength("idealClient", p.IdealClient, TextMax)
            .MaxLength("turnaroundTarget", p.TurnaroundTarget, ShortMax)
            .MaxLength("revisionPolicy", p.RevisionPolicy, TextMax)
            .Range("priceMin", p.PriceMin, 0, MaxPrice)
            .Range("priceMax", p.PriceMax, 0, MaxPrice);

        if (p.PriceMin > p.PriceMax)
        {
            errors.Add("priceMin", "'priceMin' must not be more than 'priceMax'.");
        }

        if (string.IsNullOrWhiteSpace(p.Currency) || p.Currency.Trim().Length != 3 || !p.Currency.Trim().All(char.IsAsciiLetter))
        {
            errors.Add("currency", "'currency' must be a three-letter code such as USD or EUR.");
        }

        if (p.DeliverySteps.Count > MaxSteps)
        {
            errors.Add("deliverySteps", $"At most {MaxSteps} delivery steps.");
        }

        for (var i = 0; i < p.DeliverySteps.Count; i++)
        {
            var step = p.DeliverySteps[i];
            if (string.IsNullOrWhiteSpace(step))
            {
                errors.Add($"deliverySteps[{i}]", "A delivery step cannot be empty.");
            }
            else if (step.Length > StepMax)
            {
                errors.Add($"deliverySteps[{i}]", $"A delivery step must be at most {StepMax} characters.");
            }
        }

        if (p.UpgradeOptions.Count > MaxUpgrades)
        {
            errors.Add("upgradeOptions", $"At most {MaxUpgrades} upgrade options.");
        }

        for (var i = 0; i < p.UpgradeOptions.Count; i++)
        {
            var upgrade = p.UpgradeOptions[i];
            errors.Required($"upgradeOptions[{i}].name", upgrade.Name, ShortMax);
            errors.Range($"upgradeOptions[{i}].price", upgrade.Price, 0, MaxPrice);
        }

        return errors;
    }

    /// <summary>Price range as people read it: "4,000–6,500 USD" or "5,000 USD" when min equals max.</summary>
    public static string FormatPrice(decimal min, decimal max, string currency) =>
        min == max ? $"{min:N0} {currency}" : $"{min:N0}–{max:N0} {currency}";

    /// <summary>
    /// A package a lead or proposal uses is part of that lead's history: it may be archived (hidden from new
    /// links) but not deleted.
    /// </summary>
    public static bool CanDelete(int leadsUsing, int proposalsUsing) => leadsUsing == 0 && proposalsUsing == 0;
}

/// <summary>The editable fields of a package, merged and normalised, as the rules see them.</summary>
public sealed record ServicePackageFields(
    string? Name,
    string? PromisedOutcome,
    string? ScopeIncluded,
    string? Exclusions,
    string? IdealClient,
    IReadOnlyList<string> DeliverySteps,
    string? TurnaroundTarget,
    string? RevisionPolicy,
    decimal PriceMin,
    decimal PriceMax,
    string? Currency,
    IReadOnlyList<UpgradeOption> UpgradeOptions);
