using System.Globalization;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Domain.Import;

/// <summary>A lead field a CSV column can be mapped to.</summary>
public sealed record LeadCsvField(string Name, string Label, bool Required, IReadOnlyList<string> Aliases);

/// <summary>
/// The column-mapping step of the generic leads/deals import: which CSV column feeds which lead field, the
/// guess made from the header, and the per-row parsing and validation (so preview and import refuse the same rows).
/// </summary>
public static class LeadCsvMapping
{
    public static readonly IReadOnlyList<LeadCsvField> Fields =
    [
        new("externalId", "External id", false, ["externalid", "external_id", "id", "opportunityid", "opportunity_id", "dealid", "leadid"]),
        new("title", "Title", true, ["title", "name", "deal", "dealname", "opportunity", "subject"]),
        new("company", "Company", false, ["company", "account", "organization", "organisation", "client", "customer"]),
        new("contactName", "Contact name", false, ["contactname", "contact", "person", "owner"]),
        new("contactEmail", "Contact e-mail", false, ["contactemail", "email", "e-mail", "mail"]),
        new("source", "Source", false, ["source", "channel", "origin"]),
        new("estimatedValue", "Estimated value", false, ["estimatedvalue", "value", "amount", "price", "dealvalue"]),
        new("status", "Stage", false, ["status", "stage", "dealstage", "deal_stage"]),
        new("offerType", "Offer type", false, ["offertype", "offer"]),
        new("createdAt", "Created at", false, ["createdat", "created", "createddate", "date"]),
        new("wonValue", "Won value (deals)", false, ["wonvalue", "closevalue", "close_value", "revenue"]),
        new("closedAt", "Closed at (deals)", false, ["closedat", "closedate", "close_date", "closed"]),
    ];

    /// <summary>Guesses field → column from the header (exact field name first, then the usual synonyms).</summary>
    public static Dictionary<string, string> Guess(IReadOnlyList<string> headers)
    {
        var mapping = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var match = headers.FirstOrDefault(h => !used.Contains(h) && Squash(h) == Squash(field.Name))
                ?? headers.FirstOrDefault(h => !used.Contains(h) && field.Aliases.Any(a => Squash(a) == Squash(h)));
            if (match is not null)
            {
                mapping[field.Name] = match;
                used.Add(match);
            }
        }

        return mapping;
    }

    /// <summary>Errors in the mapping itself (unknown field, a required field left unmapped, a column that is not in the file).</summary>
    public static IReadOnlyList<string> ValidateMapping(IReadOnlyDictionary<string, string> mapping, IReadOnlyList<string> headers)
    {
        var errors = new List<string>();
        foreach (var field in Fields.Where(f => f.Required && !mapping.ContainsKey(f.Name)))
        {
            errors.Add($"Map a column to '{field.Label}': it is required.");
        }

        foreach (var (field, column) in mapping)
        {
            if (Fields.All(f => f.Name != field))
            {
                errors.Add($"'{field}' is not a lead field.");
            }
            else if (!headers.Contains(column))
            {
                errors.Add($"Column '{column}' (mapped to '{field}') is not in the file.");
            }
        }

        return errors;
    }

    /// <summary>
    /// Maps one row. <paramref name="get"/> returns the cell of a column (null when absent). Rows without a stage
    /// are New; without a creation time they are created <paramref name="now"/>. A won value on a client stage
    /// (Approved, Building, Shipped) records a won proposal; Lost records a lost one.
    /// </summary>
    public static RowMapResult Map(IReadOnlyDictionary<string, string> mapping, Func<string, string?> get, DateTime now)
    {
        string? Cell(string field) => mapping.TryGetValue(field, out var column) ? Clean(get(column)) : null;

        var errors = new List<string>();
        var title = Cell("title");
        var company = Cell("company");
        var contactName = Cell("contactName");
        var contactEmail = Cell("contactEmail");
        var source = Cell("source");
        var externalId = Cell("externalId");
        var value = ParseDecimal("estimatedValue", Cell("estimatedValue"), errors);
        var wonValue = ParseDecimal("wonValue", Cell("wonValue"), errors);
        var createdAt = ParseDate("createdAt", Cell("createdAt"), errors) ?? now;
        var closedAt = ParseDate("closedAt", Cell("closedAt"), errors);

        var status = LeadStatus.New;
        if (Cell("status") is { } statusText && !TryParseEnum(statusText, out status))
        {
            errors.Add($"stage: '{statusText}' is not one of {string.Join(", ", Enum.GetNames<LeadStatus>())}.");
        }

        OfferType? offer = null;
        if (Cell("offerType") is { } offerText)
        {
            if (TryParseEnum<OfferType>(offerText, out var parsed))
            {
                offer = parsed;
            }
            else
            {
                errors.Add($"offerType: '{offerText}' is not one of fast_cash_dfy, productized, premium_custom_system.");
            }
        }

        var fieldErrors = LeadRules.ValidateFields(title, company, contactName, contactEmail, source, value)
            .MaxLength("externalId", externalId, 100)
            .Range("wonValue", wonValue, 0, LeadRules.MaxValue)
            .ToDictionary();
        errors.AddRange(fieldErrors.SelectMany(e => e.Value));
        if (closedAt is { } c && c < createdAt)
        {
            errors.Add("closedAt: the deal closed before it was created.");
        }

        if (wonValue is not null && !status.IsClient())
        {
            errors.Add($"wonValue: a won value needs a won stage (Approved, Building or Shipped), not {status}.");
        }

        if (errors.Count > 0)
        {
            return RowMapResult.Invalid(errors);
        }

        var history = new List<ImportedStatusStep> { new(status == LeadStatus.Lost || (wonValue is not null && closedAt is not null) ? LeadStatus.New : status, createdAt) };
        ImportedOutcome? outcome = null;
        if (history[0].Status != status)
        {
            // A closed deal: it was open from its creation until it closed.
            history.Add(new ImportedStatusStep(status, closedAt ?? createdAt));
        }

        if (wonValue is not null)
        {
            outcome = new ImportedOutcome(ProposalOutcome.Won, closedAt ?? createdAt, wonValue, value);
        }
        else if (status == LeadStatus.Lost && closedAt is not null)
        {
            outcome = new ImportedOutcome(ProposalOutcome.Lost, closedAt.Value, null, value);
        }

        return RowMapResult.Ok(new ImportedLead(externalId, title!, company, contactName, contactEmail, source, value, offer, history, outcome));
    }

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static decimal? ParseDecimal(string field, string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        var trimmed = text.Replace("$", "").Replace("€", "").Replace("£", "").Trim();
        if (decimal.TryParse(trimmed, NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add($"{field}: '{text}' is not a number (use 1234.50).");
        return null;
    }

    internal static DateTime? ParseDate(string field, string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            return DateTime.SpecifyKind(value, DateTimeKind.Utc);
        }

        errors.Add($"{field}: '{text}' is not a date (use 2024-03-31 or an ISO-8601 time).");
        return null;
    }

    private static bool TryParseEnum<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum
    {
        var squashed = Squash(text);
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (Squash(candidate.ToString()) == squashed)
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string Squash(string text) =>
        new string(text.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
