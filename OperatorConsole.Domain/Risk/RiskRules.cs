using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Risk;

/// <summary>
/// The default path rules (API.md "Agent job") and the checks an edited rule list must pass. The same list ships in
/// appsettings.json (section <c>RiskRules</c>); these are the fallback when that section is absent.
/// </summary>
public static class RiskRules
{
    public const int MaxRules = 200;

    public static IReadOnlyList<RiskRule> Defaults { get; } =
    [
        // UI: markup, styles, static assets, components.
        new("*.razor", RiskClass.UiOnly, RiskLevel.Low),
        new("*.css", RiskClass.UiOnly, RiskLevel.Low),
        new("wwwroot/**", RiskClass.UiOnly, RiskLevel.Low),
        new("Components/**", RiskClass.UiOnly, RiskLevel.Low),

        // Pipeline code: the automated runs that touch every lead.
        new("**/pipeline/**", RiskClass.PipelineLogic, RiskLevel.Medium),
        new("**/pipelines/**", RiskClass.PipelineLogic, RiskLevel.Medium),
        new("**/*Pipeline*", RiskClass.PipelineLogic, RiskLevel.Medium),

        // Money: billing, pricing, invoices, payments (files or folders).
        new("*billing*", RiskClass.MoneySensitive, RiskLevel.High),
        new("*pricing*", RiskClass.MoneySensitive, RiskLevel.High),
        new("*invoice*", RiskClass.MoneySensitive, RiskLevel.High),
        new("*payment*", RiskClass.MoneySensitive, RiskLevel.High),

        // Auth and secrets.
        new("auth", RiskClass.AuthSecurity, RiskLevel.High),
        new("*authentication*", RiskClass.AuthSecurity, RiskLevel.High),
        new("*authorization*", RiskClass.AuthSecurity, RiskLevel.High),
        new("*identity*", RiskClass.AuthSecurity, RiskLevel.High),
        new("*apikey*", RiskClass.AuthSecurity, RiskLevel.High),
        new("*api-key*", RiskClass.AuthSecurity, RiskLevel.High),
        new("*secret*", RiskClass.AuthSecurity, RiskLevel.High),
        new("appsettings*.json", RiskClass.AuthSecurity, RiskLevel.High),

        // Infrastructure and delivery.
        new("infra/**", RiskClass.Infra, RiskLevel.High),
        new("*.bicep", RiskClass.Infra, RiskLevel.High),
        new("*.tf", RiskClass.Infra, RiskLevel.High),
        new("Dockerfile", RiskClass.Infra, RiskLevel.High),
        new(".github/**", RiskClass.Infra, RiskLevel.High),
        new(".ci/**", RiskClass.Infra, RiskLevel.High),
    ];

    /// <summary>Field errors keyed "rules[3].pattern" so the editor can point at the row.</summary>
    public static ValidationErrors Validate(IReadOnlyList<RiskRule>? rules)
    {
        var errors = new ValidationErrors();
        if (rules is null)
        {
            return errors.Add("rules", "'rules' is required.");
        }

        if (rules.Count > MaxRules)
        {
            errors.Add("rules", $"At most {MaxRules} rules.");
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (rule is null)
            {
                errors.Add($"rules[{i}]", "A rule is required.");
                continue;
            }

            if (RiskPattern.Validate(rule.Pattern) is { } problem)
            {
                errors.Add($"rules[{i}].pattern", problem);
            }
            else if (!seen.Add(rule.Pattern.Trim()))
            {
                errors.Add($"rules[{i}].pattern", $"'{rule.Pattern.Trim()}' is already an earlier rule; a second one could never be reported.");
            }

            errors.Defined($"rules[{i}].class", (RiskClass?)rule.Class).Defined($"rules[{i}].level", (RiskLevel?)rule.Level);
        }

        return errors;
    }

    /// <summary>Trims the patterns; the stored list is what the operator saw.</summary>
    public static IReadOnlyList<RiskRule> Clean(IReadOnlyList<RiskRule> rules) =>
        rules.Select(r => r with { Pattern = r.Pattern.Trim() }).ToList();
}
