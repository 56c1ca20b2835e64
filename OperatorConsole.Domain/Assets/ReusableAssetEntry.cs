using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Assets;

/// <summary>What kind of thing a project left behind that the next project can reuse.</summary>
public enum AssetType
{
    Template,
    Component,
    Prompt,
    Workflow,
    Checklist,
    Playbook,
    CaseStudy,
}

/// <summary>How likely the operator thinks the asset is to be reused as is.</summary>
public enum ReuseConfidence
{
    Low,
    Medium,
    High,
}

/// <summary>
/// One line of a project's reusable asset log (sprint 2.1). The first, explicit question is whether an
/// asset was extracted at all: a "no" is a legitimate answer but must say why, so the log never reads as
/// "forgot to fill in". Human-entered only: machines may read the log, never write it.
/// </summary>
public class ReusableAssetEntry
{
    public int Id { get; set; }
    public int LeadId { get; set; }
    public bool Extracted { get; set; }

    /// <summary>Why nothing reusable came out of the project (required when <see cref="Extracted"/> is false).</summary>
    public string? NotExtractedReason { get; set; }
    public AssetType? Type { get; set; }
    public string? Label { get; set; }

    /// <summary>Where the asset lives: a URL, a repository path or the name of a document.</summary>
    public string? StoredAt { get; set; }
    public ReuseConfidence? ReuseConfidence { get; set; }
    public string? Notes { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public required string CreatedById { get; set; }
    public required string CreatedByName { get; set; }
    public string? UpdatedByName { get; set; }
}

/// <summary>Field rules shared by the API and the card, so both refuse the same input.</summary>
public static class ReusableAssetRules
{
    public const int LabelMax = 200;
    public const int StoredAtMax = 1000;
    public const int ReasonMax = 1000;
    public const int NotesMax = 4000;

    /// <summary>
    /// Validates one entry. "Extracted?" comes first and decides which fields apply: a "no" needs a reason and
    /// nothing else; a "yes" needs type, label, where stored and reuse confidence (notes optional). Fields that
    /// do not apply to the answer are refused rather than silently dropped, so a client learns its mistake.
    /// </summary>
    public static ValidationErrors Validate(
        bool? extracted,
        string? notExtractedReason,
        AssetType? type,
        string? label,
        string? storedAt,
        ReuseConfidence? reuseConfidence,
        string? notes)
    {
        var errors = new ValidationErrors();
        if (extracted is null)
        {
            return errors.Add("extracted", "'extracted' is required: was a reusable asset extracted from this project (true or false)?");
        }

        errors.Defined("type", type).Defined("reuseConfidence", reuseConfidence).MaxLength("notes", notes, NotesMax);
        if (extracted == false)
        {
            if (string.IsNullOrWhiteSpace(notExtractedReason))
            {
                errors.Add("notExtractedReason", "When no asset was extracted, say why (e.g. \"one-off data clean-up, nothing generic\").");
            }

            errors.MaxLength("notExtractedReason", notExtractedReason, ReasonMax);

            NotApplicable(errors, "type", type is not null);
            NotApplicable(errors, "label", !string.IsNullOrWhiteSpace(label));
            NotApplicable(errors, "storedAt", !string.IsNullOrWhiteSpace(storedAt));
            NotApplicable(errors, "reuseConfidence", reuseConfidence is not null);
            return errors;
        }

        if (type is null)
        {
            errors.Add("type", $"'type' is required: one of {string.Join(", ", TypeNames)}.");
        }

        errors.Required("label", label, LabelMax).Required("storedAt", storedAt, StoredAtMax);
        if (reuseConfidence is null)
        {
            errors.Add("reuseConfidence", "'reuseConfidence' is required: low, medium or high.");
        }

        if (!string.IsNullOrWhiteSpace(notExtractedReason))
        {
            errors.Add("notExtractedReason", "'notExtractedReason' only applies when no asset was extracted.");
        }

        return errors;
    }

    public static readonly IReadOnlyList<string> TypeNames =
        ["template", "component", "prompt", "workflow", "checklist", "playbook", "case_study"];

    public static string Label(AssetType type) => type switch
    {
        AssetType.CaseStudy => "Case study",
        _ => type.ToString(),
    };

    private static void NotApplicable(ValidationErrors errors, string field, bool present)
    {
        if (present)
        {
            errors.Add(field, $"'{field}' only applies when an asset was extracted.");
        }
    }
}
