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

/// <summary>A product of products.csv: its own spelling of the name and its list price.</summary>
public sealed record MavenProduct(string Name, decimal Price);

/// <summary>
/// The built-in mapping of the Maven CRM pipeline (docs/features/import-export.md has the table):
/// opportunity → lead; Prospecting → New, Engaging → Qualified at engage_date, Won → Qualified at engage_date
/// then Approved at close_date with a won proposal carrying close_value, Lost → Qualified at engage_date then
/// Lost at close_date with a lost proposal. Prospecting rows carry no date at all: they are created at the
/// dataset's as-of date (its latest engage/close date), the moment the snapshot says they existed. The sales agent is
/// the lead's owner; the file names no customer contact. The product is the service package the deal was sold on
/// (ADR 235), named as products.csv names it and priced at its list price.
/// </summary>
public static class MavenCrmMapping
{
    public const string Source = "maven-crm";
    public const string PipelineFile = "sales_pipeline.csv";
    public const string ProductsFile = "products.csv";
    public const string AccountsFile = "accounts.csv";

    /// <summary>Each sales agent's manager and regional office: the deal owners' teams.</summary>
    public const string TeamsFile = "sales_teams.csv";

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

    /// <summary>The pipeline spells "GTX Pro" as "GTXPro": products are matched with spaces and case ignored, as packages are.</summary>
    public static string ProductKey(string? product) => Packages.ServicePackageRules.NameKey(product);

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

    public static RowMapResult Map(MavenOpportunity row, IReadOnlyDictionary<string, MavenProduct> productsByKey, DateTime asOf)
    {
        var errors = new List<string>();
        var deal = Parse(row, errors);
        CheckDates(deal, errors);
        return errors.Count > 0 ? RowMapResult.Invalid(errors) : ToLead(deal, LeadCsvMapping.Clean(row.SalesAgent), productsByKey, asOf);
    }

    /// <summary>A row's fields, cleaned and parsed; a field that does not parse is an error and a stand-in value.</summary>
    private sealed record Deal(string? Id, string? Product, string? Account, string? StageText, LeadStatus Stage, DateTime? Engaged, DateTime? Closed, decimal? CloseValue);

    private static Deal Parse(MavenOpportunity row, List<string> errors)
    {
        var id = LeadCsvMapping.Clean(row.OpportunityId);
        if (id is null)
        {
            errors.Add("opportunity_id: required.");
        }
        else if (id.Length > 100)
        {
            errors.Add("opportunity_id: at most 100 characters.");
        }

        var product = LeadCsvMapping.Clean(row.Product);
        if (product is null)
        {
            errors.Add("product: required.");
        }

        var stageText = LeadCsvMapping.Clean(row.DealStage);
        if (stageText is null || !StageMap.TryGetValue(stageText, out var stage))
        {
            errors.Add($"deal_stage: '{stageText}' is not one of Prospecting, Engaging, Won, Lost.");
            stage = LeadStatus.New;
        }

        return new Deal(id, product, LeadCsvMapping.Clean(row.Account), stageText, stage,
            ParseDate("engage_date", row.EngageDate, errors),
            ParseDate("close_date", row.CloseDate, errors),
            LeadCsvMapping.ParseDecimal("close_value", LeadCsvMapping.Clean(row.CloseValue), errors));
    }

    /// <summary>What a deal's stage needs: an engage date past Prospecting, a close date and (if won) a value once closed.</summary>
    private static void CheckDates(Deal deal, List<string> errors)
    {
        if (deal.Stage != LeadStatus.New && deal.Engaged is null)
        {
            errors.Add($"engage_date: required for a {deal.StageText} deal.");
        }

        if (deal.Stage is LeadStatus.Approved or LeadStatus.Lost && deal.Closed is null)
        {
            errors.Add($"close_date: required for a {deal.StageText} deal.");
        }

        if (deal.Engaged is not null && deal.Closed is not null && deal.Closed < deal.Engaged)
        {
            errors.Add("close_date: before engage_date.");
        }

        if (deal.Stage == LeadStatus.Approved && deal.CloseValue is null)
        {
            errors.Add("close_value: required for a Won deal.");
        }

        if (deal.CloseValue is < 0 or > LeadRules.MaxValue)
        {
            errors.Add($"close_value: must be between 0 and {LeadRules.MaxValue}.");
        }
    }

    /// <summary>The lead a valid deal becomes: its title, the stage history its dates give, and the outcome of a closed one.</summary>
    private static RowMapResult ToLead(Deal deal, string? agent, IReadOnlyDictionary<string, MavenProduct> productsByKey, DateTime asOf)
    {
        var product = deal.Product!;
        var known = productsByKey.GetValueOrDefault(ProductKey(product));
        var price = known?.Price;
        var title = deal.Account is null ? $"{product} ({deal.Id})" : $"{product} for {deal.Account}";
        List<ImportedStatusStep> history = deal.Stage switch
        {
            LeadStatus.New => [new(LeadStatus.New, asOf)],
            LeadStatus.Qualified => [new(LeadStatus.Qualified, deal.Engaged!.Value)],
            _ => [new(LeadStatus.Qualified, deal.Engaged!.Value), new(deal.Stage, deal.Closed!.Value)],
        };
        ImportedOutcome? outcome = deal.Stage switch
        {
            LeadStatus.Approved => new ImportedOutcome(ProposalOutcome.Won, deal.Closed!.Value, deal.CloseValue, price),
            LeadStatus.Lost => new ImportedOutcome(ProposalOutcome.Lost, deal.Closed!.Value, null, price),
            _ => null,
        };
        var errorsOnFields = LeadRules.ValidateFields(title, deal.Account, null, null, Source, price)
            .MaxLength("sales_agent", agent, LeadRules.TextMax)
            .ToDictionary();
        if (errorsOnFields.Count > 0)
        {
            return RowMapResult.Invalid(errorsOnFields.SelectMany(e => e.Value).ToList());
        }

        // A Prospecting row has no date at all: it is placed at the file's "as of", and says so. The sales agent is the
        // deal's owner, on our side: the file names no one at the customer, so the lead has no contact (a proposal
        // addressed to the contact would otherwise greet our own salesperson). A product products.csv does not list
        // has no price, so no package is made of it (a package's price is not optional); the title still names it.
        return RowMapResult.Ok(new ImportedLead(deal.Id!, title, deal.Account, null, null, Source, price, null, history, outcome, agent,
            CreatedAtEstimated: deal.Stage == LeadStatus.New, Package: known is null ? null : new ImportedPackage(known.Name, known.Price)));
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
