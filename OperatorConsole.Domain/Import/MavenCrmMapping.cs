using System.Globalization;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;

namespace OperatorConsole.Domain.Import;

/// <summary>One row of the Maven CRM sales_pipeline.csv, as text.</summary>
public sealed record MavenOpportunity(
    string? OpportunityId,
    string? SalesAgent,
    string? Product,
    string? Account,
    string? DealStage,
    string? EngageDate,
    string? CloseDate,
    string? CloseValue);

/// <summary>
/// The built-in mapping of the Maven CRM pipeline (docs/features/import-export.md has the table):
/// opportunity → lead; Prospecting → New, Engaging → Qualified at engage_date, Won → Qualified at engage_date
/// then Approved at close_date with a won proposal carrying close_value, Lost → Qualified at engage_date then
/// Lost at close_date with a lost proposal. Prospecting rows carry no date at all: they are created at the
/// dataset's as-of date (its latest engage/close date), the moment the snapshot says they existed.
/// </summary>
public static class MavenCrmMapping
{
    public const string Source = "maven-crm";
    public const string PipelineFile = "sales_pipeline.csv";
    public const string ProductsFile = "products.csv";
    public const string AccountsFile = "accounts.csv";

    public static readonly IReadOnlyList<string> PipelineColumns =
        ["opportunity_id", "sales_agent", "product", "account", "deal_stage", "engage_date", "close_date", "close_value"];

    /// <summary>Maven deal stage → console stage (the lead's final status).</summary>
    public static readonly IReadOnlyDictionary<string, LeadStatus> StageMap = new Dictionary<string, LeadStatus>(StringComparer.OrdinalIgnoreCase)
    {
        ["Prospecting"] = LeadStatus.New,
        ["Engaging"] = LeadStatus.Qualified,
        ["Won"] = LeadStatus.Approved,
        ["Lost"] = LeadStatus.Lost,
    };

    /// <summary>The pipeline spells "GTX Pro" as "GTXPro": products are matched with spaces and case ignored.</summary>
    public static string ProductKey(string? product) =>
        new string((product ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray()).ToLowerInvariant();

    /// <summary>The dataset's "as of" moment: the latest engage or close date in it (null when it has none).</summary>
    public static DateTime? AsOf(IEnumerable<MavenOpportunity> rows)
    {
        DateTime? latest = null;
        foreach (var row in rows)
        {
            foreach (var text in new[] { row.EngageDate, row.CloseDate })
            {
                if (TryDate(text, out var date) && (latest is null || date > latest))
                {
                    latest = date;
                }
            }
        }

        return latest;
    }

    public static RowMapResult Map(MavenOpportunity row, IReadOnlyDictionary<string, decimal> pricesByProductKey, DateTime asOf)
    {
        var errors = new List<string>();
        var id = LeadCsvMapping.Clean(row.OpportunityId);
        var product = LeadCsvMapping.Clean(row.Product);
        var account = LeadCsvMapping.Clean(row.Account);
        var stageText = LeadCsvMapping.Clean(row.DealStage);
        if (id is null)
        {
            errors.Add("opportunity_id: required.");
        }
        else if (id.Length > 100)
        {
            errors.Add("opportunity_id: at most 100 characters.");
        }

        if (product is null)
        {
            errors.Add("product: required.");
        }

        if (stageText is null || !StageMap.TryGetValue(stageText, out var stage))
        {
            errors.Add($"deal_stage: '{stageText}' is not one of Prospecting, Engaging, Won, Lost.");
            stage = LeadStatus.New;
        }

        DateTime? engaged = ParseDate("engage_date", row.EngageDate, errors);
        DateTime? closed = ParseDate("close_date", row.CloseDate, errors);
        var closeValue = LeadCsvMapping.ParseDecimal("close_value", LeadCsvMapping.Clean(row.CloseValue), errors);
        if (stage != LeadStatus.New && engaged is null)
        {
            errors.Add($"engage_date: required for a {stageText} deal.");
        }

        if (stage is LeadStatus.Approved or LeadStatus.Lost && closed is null)
        {
            errors.Add($"close_date: required for a {stageText} deal.");
        }

        if (engaged is not null && closed is not null && closed < engaged)
        {
            errors.Add("close_date: before engage_date.");
        }

        if (stage == LeadStatus.Approved && closeValue is null)
        {
            errors.Add("close_value: required for a Won deal.");
        }

        if (closeValue is < 0 or > LeadRules.MaxValue)
        {
            errors.Add($"close_value: must be between 0 and {LeadRules.MaxValue}.");
        }

        if (errors.Count > 0)
        {
            return RowMapResult.Invalid(errors);
        }

        decimal? price = pricesByProductKey.TryGetValue(ProductKey(product), out var p) ? p : null;
        var title = account is null ? $"{product} ({id})" : $"{product} for {account}";
        var contact = LeadCsvMapping.Clean(row.SalesAgent);
        List<ImportedStatusStep> history = stage switch
        {
            LeadStatus.New => [new(LeadStatus.New, asOf)],
            LeadStatus.Qualified => [new(LeadStatus.Qualified, engaged!.Value)],
            _ => [new(LeadStatus.Qualified, engaged!.Value), new(stage, closed!.Value)],
        };
        ImportedOutcome? outcome = stage switch
        {
            LeadStatus.Approved => new ImportedOutcome(ProposalOutcome.Won, closed!.Value, closeValue, price),
            LeadStatus.Lost => new ImportedOutcome(ProposalOutcome.Lost, closed!.Value, null, price),
            _ => null,
        };
        var errorsOnFields = LeadRules.ValidateFields(title, account, contact, null, Source, price).ToDictionary();
        if (errorsOnFields.Count > 0)
        {
            return RowMapResult.Invalid(errorsOnFields.SelectMany(e => e.Value).ToList());
        }

        return RowMapResult.Ok(new ImportedLead(id, title, account, contact, null, Source, price, null, history, outcome, contact));
    }

    private static DateTime? ParseDate(string field, string? text, List<string> errors)
    {
        var clean = LeadCsvMapping.Clean(text);
        if (clean is null)
        {
            return null;
        }

        if (TryDate(clean, out var date))
        {
            return date;
        }

        errors.Add($"{field}: '{clean}' is not a YYYY-MM-DD date.");
        return null;
    }

    private static bool TryDate(string? text, out DateTime date)
    {
        var ok = DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);
        date = DateTime.SpecifyKind(date, DateTimeKind.Utc);
        return ok;
    }
}
