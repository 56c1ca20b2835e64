using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Learning;

/// <summary>Field rules for learnings and proposals, shared by the API and the learning page.</summary>
public static class LearningRules
{
    public const int TitleMax = 200;
    public const int TextMax = 200_000;
    public const int ProposalTextMax = 2000;
    public const int ReasonMax = 2000;

    public static readonly IReadOnlyList<string> AllowedExtensions = [".txt", ".md", ".vtt"];

    public static ValidationErrors ValidateIngest(string? title, string? text, LearningSourceKind? kind, string? fileName)
    {
        var errors = new ValidationErrors()
            .MaxLength("title", title, TitleMax)
            .Defined("sourceKind", kind);
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(fileName is null ? "text" : "file", fileName is null
                ? "'text' is required: paste the transcript, note or post-mortem."
                : "The uploaded file is empty.");
        }
        else if (text.Length > TextMax)
        {
            errors.Add(fileName is null ? "text" : "file", $"The learning is longer than {TextMax:N0} characters; split it.");
        }

        if (fileName is not null && !AllowedExtensions.Contains(Path.GetExtension(fileName).ToLowerInvariant()))
        {
            errors.Add("file", "Upload a .txt, .md or .vtt file.");
        }

        return errors;
    }

    public static ValidationErrors ValidateEdit(string? text, LearningClass? cls, double? confidence, ProducedTag? produced)
    {
        var errors = new ValidationErrors()
            .Defined("class", cls)
            .Defined("produced", produced)
            .MaxLength("text", text, ProposalTextMax);
        if (text is not null && string.IsNullOrWhiteSpace(text))
        {
            errors.Add("text", "'text' cannot be blank.");
        }

        if (confidence is { } c && (double.IsNaN(c) || c < 0 || c > 1))
        {
            errors.Add("confidence", "'confidence' must be between 0 and 1.");
        }

        return errors;
    }

    /// <summary>A decision needs its "why" (axiom 3: who, when and why are recorded).</summary>
    public static ValidationErrors ValidateDecision(bool? approve, string? reason)
    {
        var errors = new ValidationErrors();
        if (approve is null)
        {
            errors.Add("approve", "'approve' is required: true to promote, false to reject.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors.Add("reason", "Say why: the reason is recorded with the decision.");
        }

        return errors.MaxLength("reason", reason, ReasonMax);
    }

    /// <summary>Short title for a proposal in lists and approval requests.</summary>
    public static string Headline(string text, int max = 90)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= max ? oneLine : oneLine[..(max - 1)].TrimEnd() + "…";
    }
}
