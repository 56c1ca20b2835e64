using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Expectations;

/// <summary>The fields of one expectation snapshot as the rules see them.</summary>
public sealed record ExpectationFields(
    string? RequestedOutcome,
    string? RealisticOutcomeRange,
    IReadOnlyList<string> RiskFlags,
    string? RiskNotes,
    AskCalibration? AskCalibration,
    string? ActualNeed,
    string? ResetScript);

/// <summary>One field that changed between two snapshots.</summary>
public sealed record ExpectationChange(string Field, string Label, string? Before, string? After);

/// <summary>Validation, defaults and the snapshot diff for expectation management (sprint 3.2).</summary>
public static class ExpectationRules
{
    public const string RiskFlagsSettingKey = "expectation_risk_flags";
    public const int TextMax = 4000;
    public const int FlagMax = 60;
    public const int MaxFlags = 30;

    /// <summary>The risk tags offered until an operator edits the list in Settings.</summary>
    public static readonly IReadOnlyList<string> DefaultRiskFlags =
    [
        "unrealistic_timeline",
        "budget_below_scope",
        "vague_success_metric",
        "data_not_ready",
        "stakeholder_misalignment",
        "scope_creep_risk",
        "dependency_on_third_party",
        "expects_guaranteed_revenue",
    ];

    public static ValidationErrors Validate(ExpectationFields f, IReadOnlyCollection<string> allowedFlags)
    {
        var errors = new ValidationErrors()
            .MaxLength("requestedOutcome", f.RequestedOutcome, TextMax)
            .MaxLength("realisticOutcomeRange", f.RealisticOutcomeRange, TextMax)
            .MaxLength("riskNotes", f.RiskNotes, TextMax)
            .MaxLength("actualNeed", f.ActualNeed, TextMax)
            .MaxLength("resetScript", f.ResetScript, TextMax)
            .Defined("askCalibration", f.AskCalibration);

        if (IsBlank(f.RequestedOutcome) && IsBlank(f.RealisticOutcomeRange) && IsBlank(f.ActualNeed) && IsBlank(f.ResetScript)
            && IsBlank(f.RiskNotes) && f.RiskFlags.Count == 0 && f.AskCalibration is null)
        {
            errors.Add("requestedOutcome", "An expectation snapshot needs at least one field filled in.");
        }

        if (f.RiskFlags.Count > MaxFlags)
        {
            errors.Add("riskFlags", $"At most {MaxFlags} risk flags.");
        }

        var unknown = f.RiskFlags.Where(flag => !allowedFlags.Contains(flag, StringComparer.OrdinalIgnoreCase)).ToList();
        if (unknown.Count > 0)
        {
            errors.Add("riskFlags", $"Unknown risk flag(s): {string.Join(", ", unknown)}. Use the list in Settings, or write it in 'riskNotes'.");
        }

        return errors;
    }

    /// <summary>Validates an operator's edit of the configurable risk-flag list.</summary>
    public static ValidationErrors ValidateFlagList(IReadOnlyList<string> flags)
    {
        var errors = new ValidationErrors();
        if (flags.Count == 0)
        {
            errors.Add("flags", "Keep at least one risk flag.");
        }

        if (flags.Count > MaxFlags)
        {
            errors.Add("flags", $"At most {MaxFlags} risk flags.");
        }

        for (var i = 0; i < flags.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(flags[i]))
            {
                errors.Add($"flags[{i}]", "A risk flag cannot be empty.");
            }
            else if (flags[i].Length > FlagMax)
            {
                errors.Add($"flags[{i}]", $"A risk flag must be at most {FlagMax} characters.");
            }
        }

        if (flags.Where(f => !string.IsNullOrWhiteSpace(f)).GroupBy(f => f.Trim(), StringComparer.OrdinalIgnoreCase).Any(g => g.Count() > 1))
        {
            errors.Add("flags", "Each risk flag may appear once.");
        }

        return errors;
    }

    /// <summary>Tags as stored: trimmed, the list's spelling, no duplicates, in the order given.</summary>
    public static List<string> NormaliseFlags(IEnumerable<string> flags, IReadOnlyCollection<string> allowedFlags) =>
        flags.Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => allowedFlags.FirstOrDefault(a => string.Equals(a, f.Trim(), StringComparison.OrdinalIgnoreCase)) ?? f.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

    /// <summary>The fields that differ from the previous snapshot (all filled fields for the first one).</summary>
    public static IReadOnlyList<ExpectationChange> Diff(ExpectationFields? before, ExpectationFields after)
    {
        var changes = new List<ExpectationChange>();
        void Compare(string field, string label, string? b, string? a)
        {
            b = IsBlank(b) ? null : b!.Trim();
            a = IsBlank(a) ? null : a!.Trim();
            if (!string.Equals(b, a, StringComparison.Ordinal))
            {
                changes.Add(new ExpectationChange(field, label, b, a));
            }
        }

        Compare("requestedOutcome", "Requested outcome", before?.RequestedOutcome, after.RequestedOutcome);
        Compare("realisticOutcomeRange", "Realistic range", before?.RealisticOutcomeRange, after.RealisticOutcomeRange);
        Compare("askCalibration", "Ask", Label(before?.AskCalibration), Label(after.AskCalibration));
        Compare("riskFlags", "Risk flags", JoinFlags(before?.RiskFlags), JoinFlags(after.RiskFlags));
        Compare("riskNotes", "Risk notes", before?.RiskNotes, after.RiskNotes);
        Compare("actualNeed", "What they actually need", before?.ActualNeed, after.ActualNeed);
        Compare("resetScript", "Reset script", before?.ResetScript, after.ResetScript);
        return changes;
    }

    /// <summary>
    /// The seed names the ask as two flags (<c>underAskingFlag</c>, <c>overAskingFlag</c>); the console stores one
    /// <see cref="AskCalibration"/> so "both" cannot be recorded. Flags left out say nothing; both sent as false
    /// mean the ask is aligned. A client that sends the flags and <c>askCalibration</c> must not contradict itself.
    /// </summary>
    public static AskCalibration? CalibrationFrom(AskCalibration? ask, bool? underAsking, bool? overAsking, ValidationErrors errors)
    {
        if (underAsking is null && overAsking is null)
        {
            return ask;
        }

        if (underAsking == true && overAsking == true)
        {
            errors.Add("overAskingFlag", "An ask cannot be both under- and over-asking: set one flag, or neither.");
            return ask;
        }

        AskCalibration? fromFlags = underAsking == true ? AskCalibration.UnderAsking
            : overAsking == true ? AskCalibration.OverAsking
            : underAsking == false && overAsking == false ? AskCalibration.Aligned
            : null;
        if (fromFlags is null)
        {
            // One flag sent as false says only what the ask is not; without the other flag it is not a calibration.
            errors.Add(underAsking is null ? "underAskingFlag" : "overAskingFlag", "Send both flags (false and false means aligned), or one of them as true.");
            return ask;
        }

        if (ask is not null && ask != fromFlags)
        {
            errors.Add("askCalibration", $"'askCalibration' says {Label(ask)} but the flags say {Label(fromFlags)}; send one or the other.");
        }

        return fromFlags;
    }

    /// <summary>Over-asking without talking points to reset it is a conversation waiting to go wrong.</summary>
    public static bool NeedsResetScript(AskCalibration? calibration, string? resetScript) =>
        calibration == AskCalibration.OverAsking && IsBlank(resetScript);

    public static string? Label(AskCalibration? calibration) => calibration switch
    {
        AskCalibration.UnderAsking => "Under-asking",
        AskCalibration.Aligned => "Aligned",
        AskCalibration.OverAsking => "Over-asking",
        _ => null,
    };

    private static string? JoinFlags(IReadOnlyList<string>? flags) =>
        flags is null || flags.Count == 0 ? null : string.Join(", ", flags.OrderBy(f => f, StringComparer.OrdinalIgnoreCase));

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);
}
