using OperatorConsole.Domain.BuildOps;

namespace OperatorConsole.Domain.Risk;

/// <summary>How one file was classified. <see cref="MatchedRule"/> is null when no rule matched (the default applied).</summary>
public sealed record FileRisk(string Path, RiskClass Class, RiskLevel Level, RiskRule? MatchedRule)
{
    public bool IsDefault => MatchedRule is null;

    /// <summary>An exclusion rule (<c>!pattern</c>) took this file out of the other rules (docs, tests, fixtures).</summary>
    public bool IsExcluded => MatchedRule is { } rule && RiskPattern.IsExclusion(rule.Pattern);
}

/// <summary>
/// The verdict for a whole change: the riskiest file decides. <see cref="MatchedRule"/> and <see cref="MatchedFile"/>
/// say why; a null rule means the documented default (no files, or a file no rule matches).
/// </summary>
public sealed record RiskAssessment(
    RiskClass Class,
    RiskLevel Level,
    RiskRule? MatchedRule,
    string? MatchedFile,
    IReadOnlyList<FileRisk> Files,
    int? LinesChanged = null,
    RiskLevel? RaisedFrom = null)
{
    public bool IsDefault => MatchedRule is null;

    /// <summary>High risk needs a recorded human approval before it is deployed or done (PRODUCT.md 4.2).</summary>
    public bool RequiresReview => Level == RiskLevel.High;

    /// <summary>A sentence for screens: "appsettings*.json matched src/Web/appsettings.json".</summary>
    public string Explanation => Explain(MatchedRule?.Pattern, MatchedFile, RaisedFrom, LinesChanged);

    public static string Explain(string? rule, string? file, RiskLevel? raisedFrom, int? linesChanged)
    {
        var why = (rule, file) switch
        {
            ({ } r, { } f) => $"{r} matched {f}",
            (null, null) => "default: no files touched",
            (null, { } f) => $"default: no rule matches {f}",
            _ => "",
        };
        return raisedFrom is { } from
            ? $"{why}; raised from {from.ToString().ToLowerInvariant()}: large change ({linesChanged:N0} lines)"
            : why;
    }
}

/// <summary>
/// Classifies a change from the files it touched. Pure: rules and paths in, verdict out.
/// <para>Every rule is tried against every file (a rule can only raise risk, never hide another match: a
/// <c>BillingPanel.razor</c> is money-sensitive even though <c>*.razor</c> is UI). The riskiest match wins, compared by
/// level first, then by <see cref="RiskClasses.Severity"/>, then a rule match beats the default, then the earlier rule,
/// then the earlier file. A file no rule matches counts as <see cref="DefaultClass"/>/<see cref="DefaultLevel"/>, and so
/// does a change with no files: unknown is never low.</para>
/// </summary>
public static class ChangeRiskClassifier
{
    public const RiskClass DefaultClass = RiskClass.FeatureLogic;
    public const RiskLevel DefaultLevel = RiskLevel.Medium;

    /// <summary>A change of this many lines (added + removed) is at least medium: too big to wave through.</summary>
    public const int LargeChangeLines = 400;

    /// <summary>A change of this many lines is high: a person reads it before it merges, whatever it touches.</summary>
    public const int VeryLargeChangeLines = 1500;

    public static FileRisk ClassifyFile(IReadOnlyList<RiskRule> rules, string path)
    {
        var normalized = GlobPattern.NormalizePath(path);

        // Exclusions first, whatever their place in the list: a file they match is out of every other rule.
        foreach (var exclusion in rules)
        {
            if (RiskPattern.IsExclusion(exclusion.Pattern) && RiskPattern.IsMatch(exclusion.Pattern, normalized))
            {
                return new FileRisk(normalized, exclusion.Class, exclusion.Level, exclusion);
            }
        }

        RiskRule? best = null;
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            if (RiskPattern.IsExclusion(rule.Pattern) || !RiskPattern.IsMatch(rule.Pattern, normalized))
            {
                continue;
            }

            if (best is null || Rank(rule.Level, rule.Class) > Rank(best.Level, best.Class))
            {
                best = rule;
            }
        }

        return best is null
            ? new FileRisk(normalized, DefaultClass, DefaultLevel, null)
            : new FileRisk(normalized, best.Class, best.Level, best);
    }

    /// <summary>
    /// With the optional diff size: a change of <see cref="LargeChangeLines"/> lines or more is raised to at least medium,
    /// of <see cref="VeryLargeChangeLines"/> or more to high — unless every file is excluded (docs and tests only).
    /// </summary>
    public static RiskAssessment Classify(IReadOnlyList<RiskRule> rules, IEnumerable<string>? files, int? linesChanged)
    {
        var verdict = Classify(rules, files);
        if (linesChanged is not { } lines || verdict.Files.Count == 0 || verdict.Files.All(f => f.IsExcluded))
        {
            return verdict with { LinesChanged = linesChanged };
        }

        var floor = lines >= VeryLargeChangeLines ? RiskLevel.High : lines >= LargeChangeLines ? RiskLevel.Medium : RiskLevel.Low;
        return floor > verdict.Level
            ? verdict with { Level = floor, LinesChanged = lines, RaisedFrom = verdict.Level }
            : verdict with { LinesChanged = lines };
    }

    public static RiskAssessment Classify(IReadOnlyList<RiskRule> rules, IEnumerable<string>? files)
    {
        var classified = (files ?? [])
            .Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => ClassifyFile(rules, f))
            .ToList();
        if (classified.Count == 0)
        {
            return new RiskAssessment(DefaultClass, DefaultLevel, null, null, classified);
        }

        var winner = classified[0];
        var winnerRuleIndex = IndexOf(rules, winner.MatchedRule);
        foreach (var file in classified.Skip(1))
        {
            var rank = Rank(file.Level, file.Class);
            var winnerRank = Rank(winner.Level, winner.Class);
            var ruleIndex = IndexOf(rules, file.MatchedRule);
            var better = rank > winnerRank
                || (rank == winnerRank && winner.IsDefault && !file.IsDefault)
                || (rank == winnerRank && !winner.IsDefault && !file.IsDefault && ruleIndex < winnerRuleIndex);
            if (better)
            {
                winner = file;
                winnerRuleIndex = ruleIndex;
            }
        }

        return new RiskAssessment(winner.Class, winner.Level, winner.MatchedRule, winner.Path, classified);
    }

    /// <summary>Level dominates; class severity breaks ties within a level.</summary>
    public static int Rank(RiskLevel level, RiskClass riskClass) => ((int)level * 100) + RiskClasses.Severity(riskClass);

    private static int IndexOf(IReadOnlyList<RiskRule> rules, RiskRule? rule)
    {
        if (rule is null)
        {
            return int.MaxValue;
        }

        for (var i = 0; i < rules.Count; i++)
        {
            if (ReferenceEquals(rules[i], rule))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
