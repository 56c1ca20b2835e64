using OperatorConsole.Domain.Common;

namespace OperatorConsole.Domain.Leads;

/// <summary>Field rules shared by the API and the UI forms, so both refuse the same input.</summary>
public static class LeadRules
{
    public const int TitleMax = 200;
    public const int TextMax = 200;
    public const int SummaryMax = 4000;
    public const int ReasonMax = 1000;

    /// <summary>One lead source however its leads spell its case: the key the chat's catalogue and rankings group by.</summary>
    public static string SourceKey(string source) => source.Trim().ToLowerInvariant();
    public const decimal MaxValue = 1_000_000_000m;

    public static ValidationErrors ValidateFields(
        string? title, string? company, string? contactName, string? contactEmail, string? source, decimal? estimatedValue)
    {
        var errors = new ValidationErrors()
            .Required("title", title, TitleMax)
            .MaxLength("company", company, TextMax)
            .MaxLength("contactName", contactName, TextMax)
            .MaxLength("contactEmail", contactEmail, 320)
            .Email("contactEmail", contactEmail)
            .MaxLength("source", source, TextMax)
            .Range("estimatedValue", estimatedValue, 0, MaxValue);
        return errors;
    }

    /// <summary>
    /// Any stage may move to any other (people correct mistakes), but a change must be a change, and
    /// leaving Lost or Shipped needs a reason so that the history explains itself.
    /// </summary>
    public static ValidationErrors ValidateStatusChange(LeadStatus from, LeadStatus to, string? reason)
    {
        var errors = new ValidationErrors();
        if (!Enum.IsDefined(to))
        {
            return errors.Add("status", "'status' has an unknown value.");
        }

        if (from == to)
        {
            errors.Add("status", $"The lead is already in {to}.");
        }

        if (from is LeadStatus.Lost or LeadStatus.Shipped && string.IsNullOrWhiteSpace(reason))
        {
            errors.Add("reason", $"Moving a lead out of {from} needs a reason.");
        }

        return errors.MaxLength("reason", reason, ReasonMax);
    }
}
