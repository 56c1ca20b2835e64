using OperatorConsole.Domain.BuildOps;

namespace OperatorConsole.Domain.Risk;

/// <summary>What kind of change a coding-agent job made, inferred from the files it touched (sprint 4.2).</summary>
public enum RiskClass
{
    UiOnly,
    FeatureLogic,
    PipelineLogic,
    MoneySensitive,
    AuthSecurity,
    Infra,
}

/// <summary>
/// One path rule: files matching <see cref="Pattern"/> are of <see cref="Class"/> at <see cref="Level"/>.
/// The list is ordered; order decides which rule is reported when two matches are equally risky.
/// </summary>
public sealed record RiskRule(string Pattern, RiskClass Class, RiskLevel Level)
{
    public override string ToString() => $"{Pattern} → {RiskClasses.Spell(Class)}/{Level.ToString().ToLowerInvariant()}";
}

public static class RiskClasses
{
    /// <summary>
    /// Tie-break between classes at the same level, most severe last: a security hole leaks everything and is the
    /// hardest to notice; a money bug costs clients directly; infra breaks loudly and is usually reverted fast;
    /// pipeline logic corrupts data quietly but is re-runnable; feature logic and UI are the cheapest to fix.
    /// </summary>
    public static int Severity(RiskClass riskClass) => riskClass switch
    {
        RiskClass.UiOnly => 0,
        RiskClass.FeatureLogic => 1,
        RiskClass.PipelineLogic => 2,
        RiskClass.Infra => 3,
        RiskClass.MoneySensitive => 4,
        RiskClass.AuthSecurity => 5,
        _ => 1,
    };

    /// <summary>The JSON spelling ("money_sensitive").</summary>
    public static string Spell(RiskClass riskClass) => riskClass switch
    {
        RiskClass.UiOnly => "ui_only",
        RiskClass.FeatureLogic => "feature_logic",
        RiskClass.PipelineLogic => "pipeline_logic",
        RiskClass.MoneySensitive => "money_sensitive",
        RiskClass.AuthSecurity => "auth_security",
        RiskClass.Infra => "infra",
        _ => riskClass.ToString(),
    };

    public static string Label(RiskClass riskClass) => riskClass switch
    {
        RiskClass.UiOnly => "UI only",
        RiskClass.FeatureLogic => "Feature logic",
        RiskClass.PipelineLogic => "Pipeline logic",
        RiskClass.MoneySensitive => "Money-sensitive",
        RiskClass.AuthSecurity => "Auth / security",
        RiskClass.Infra => "Infra",
        _ => riskClass.ToString(),
    };

    /// <summary>Reads "money_sensitive", "MoneySensitive" or "money-sensitive" (configuration files use the JSON spelling).</summary>
    public static bool TryParse(string? text, out RiskClass value)
    {
        var key = Squash(text);
        foreach (var candidate in Enum.GetValues<RiskClass>())
        {
            if (Squash(candidate.ToString()) == key)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static bool TryParseLevel(string? text, out RiskLevel value)
    {
        var key = Squash(text);
        foreach (var candidate in Enum.GetValues<RiskLevel>())
        {
            if (Squash(candidate.ToString()) == key)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Squash(string? text) =>
        new string((text ?? "").Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
