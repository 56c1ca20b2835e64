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

    /// <summary>The years an expected close date may fall in: a day outside them is a typing slip, not a plan.</summary>
    public static readonly DateOnly ExpectedCloseMin = new(2000, 1, 1);
    public static readonly DateOnly ExpectedCloseMax = new(2100, 12, 31);

    /// <summary>An expected close day, when given, lies in 2000–2100. A day already past is allowed: an open deal past it is overdue.</summary>
    public static ValidationErrors ExpectedClose(this ValidationErrors errors, DateOnly? on) =>
        on is { } day && (day < ExpectedCloseMin || day > ExpectedCloseMax)
            ? errors.Add("expectedCloseOn", $"'expectedCloseOn' must be a day from {ExpectedCloseMin:yyyy-MM-dd} to {ExpectedCloseMax:yyyy-MM-dd}.")
            : errors;

    /// <summary>An open deal whose expected close day has passed (the day itself is not past until it ends).</summary>
    public static bool IsPastExpectedClose(LeadStatus status, DateOnly? expectedCloseOn, DateTime now) =>
        status.IsOpenDeal() && expectedCloseOn is { } day && day < DateOnly.FromDateTime(now);

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
