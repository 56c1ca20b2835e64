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
        new("externalId", "External id", false, ["externalid", "external_id", "id", "opportunityid", "opportunity_id", "dealid", "leadid", "recordid"]),
        // A CRM deal is often named after what is sold ("product"): the last resort for a title.
        new("title", "Title", true, ["title", "name", "deal", "dealname", "dealtitle", "opportunity", "opportunityname", "subject", "product"]),
        new("company", "Account / company", false, ["company", "account", "accountname", "organization", "organisation", "client", "customer", "companyname", "associatedcompany", "dealorganization", "dealorganisation", "organizationname"]),
        new("contactName", "Contact name", false, ["contactname", "contact", "person", "contactperson", "dealcontactperson"]),
        new("contactEmail", "Contact e-mail", false, ["contactemail", "email", "e-mail", "mail"]),
        new("owner", "Deal owner", false, ["owner", "dealowner", "salesagent", "sales_agent", "salesrep", "rep", "assignedto", "opportunityowner"]),
        new("source", "Source", false, ["source", "channel", "origin", "leadsource"]),
        new("estimatedValue", "Estimated value", false, ["estimatedvalue", "value", "amount", "price", "dealvalue", "expectedvalue"]),
        new("status", "Stage", false, ["status", "stage", "dealstage", "deal_stage", "pipelinestage"]),
        new("offerType", "Offer type", false, ["offertype", "offer"]),
        new("createdAt", "Created at", false, ["createdat", "created", "createddate", "createdon", "createdate", "dealcreated", "dealdealcreated", "date", "engagedate", "engage_date", "startdate"]),
        new("wonValue", "Close value (deals)", false, ["wonvalue", "closevalue", "close_value", "revenue", "closedvalue"]),
        new("closedAt", "Closed at (deals)", false, ["closedat", "closedate", "close_date", "closed", "closedon", "dealclosedon", "dealdealclosedon", "wontime", "dealwontime"]),
        // Pipedrive keeps a won or lost deal in its last pipeline stage and says won / lost / open in a column of its own.
        new("outcome", "Won / lost (deals)", false, ["outcome", "dealstatus", "wonlost"]),
        // HubSpot's "Closed Lost Reason", Pipedrive's "Deal - Lost reason": what "Why do we lose deals?" reads.
        new("lostReason", "Lost reason (deals)", false, ["lostreason", "deallostreason", "closedlostreason", "reasonlost", "lossreason"]),
        // Pipedrive's "Deal - Expected close date". HubSpot has none: its "Close Date" on an open deal is the expected
        // one, read from closedAt (ADR 245).
        new("expectedCloseOn", "Expected close date", false, ["expectedcloseon", "expectedclosedate", "expectedclose", "dealexpectedclosedate", "expectedclosingdate", "estimatedclosedate", "forecastclosedate"]),
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
    /// are New; without a creation time they are created <paramref name="now"/>. A client stage (Approved, Building,
    /// Shipped) records a won proposal for its close value, else for its value; Lost records a lost one.
    /// </summary>
    public static RowMapResult Map(IReadOnlyDictionary<string, string> mapping, Func<string, string?> get, DateTime now) =>
        Map(mapping, null, get, now);

    /// <summary>
    /// Maps one row with the operator's stage-value mapping (<paramref name="stages"/>: a value as it appears in the
    /// file → our stage; case and spacing ignored). A value not in it must be one of our stage names.
    /// A close value of 0 on a deal that was not won (a CRM's "Lost, 0") means "no value" and is accepted.
    /// </summary>
    public static RowMapResult Map(
        IReadOnlyDictionary<string, string> mapping, IReadOnlyDictionary<string, LeadStatus>? stages, Func<string, string?> get, DateTime now)
    {
        string? Cell(string field) => mapping.TryGetValue(field, out var column) ? Clean(get(column)) : null;

        var errors = new List<string>();
        var title = Cell("title");
        var company = Cell("company");
        var contactName = Cell("contactName");
        var contactEmail = Cell("contactEmail");
        var owner = Cell("owner");
        var source = Cell("source");
        var externalId = Cell("externalId");
        var lostReason = Cell("lostReason");
        var value = ParseDecimal("estimatedValue", Cell("estimatedValue"), errors);
        var wonValue = ParseDecimal("wonValue", Cell("wonValue"), errors);
        var createdCell = ParseDate("createdAt", Cell("createdAt"), errors);
        var closedAt = ParseDate("closedAt", Cell("closedAt"), errors);
        // Without a creation date the row stands at the file's "as of" — or at its close, if it closed before that: a
        // deal cannot be created after it closed (an export with only a close date was refused row by row).
        var createdAt = createdCell ?? (closedAt is { } closed && closed < now ? closed : now);

        var status = OutcomeOf(Cell("outcome"), Cell("status"), stages, errors);
        var offer = OfferOf(Cell("offerType"), errors);
        var fieldErrors = LeadRules.ValidateFields(title, company, contactName, contactEmail, source, value)
            .MaxLength("externalId", externalId, 100)
            .MaxLength("owner", owner, LeadRules.TextMax)
            .MaxLength("lostReason", lostReason, ProposalRules.ReasonMax)
            .Range("wonValue", wonValue, 0, LeadRules.MaxValue)
            .ToDictionary();
        errors.AddRange(fieldErrors.SelectMany(e => e.Value));
        if (closedAt is { } c && c < createdAt)
        {
            errors.Add("closedAt: the deal closed before it was created.");
        }

        wonValue = WonValueOf(wonValue, Cell("wonValue"), status, errors);
        var expectedClose = ExpectedCloseOf(ParseDate("expectedCloseOn", Cell("expectedCloseOn"), errors), closedAt, status, errors);
        if (errors.Count > 0)
        {
            return RowMapResult.Invalid(errors);
        }

        var (history, outcome) = HistoryOf(status, createdAt, closedAt, wonValue, value, lostReason);
        return RowMapResult.Ok(new ImportedLead(externalId, title!, company, contactName, contactEmail, source, value, offer, history, outcome, owner,
            CreatedAtEstimated: createdCell is null, ExpectedCloseOn: expectedClose));
    }

    /// <summary>
    /// The stage, decided by a won / lost column when the file has one (Pipedrive's status: open, won, lost): a won
    /// deal is a client in its stage's client stage, else Approved; a lost one is Lost; an open one is in its stage. A
    /// won deal left in "Negotiations Started" was imported as an open Proposal, and its win was lost.
    /// </summary>
    private static LeadStatus OutcomeOf(string? outcome, string? stage, IReadOnlyDictionary<string, LeadStatus>? stages, List<string> errors)
    {
        switch (outcome is null ? null : Squash(outcome))
        {
            case null or "open":
                return StageOf(stage, stages, errors);
            case "won" or "closedwon":
                var wonStage = StageOf(stage, stages, []);
                return wonStage.IsClient() ? wonStage : LeadStatus.Approved;
            case "lost" or "closedlost":
                return LeadStatus.Lost;
            default:
                errors.Add($"outcome: '{outcome}' is not won, lost or open.");
                return LeadStatus.New;
        }
    }

    private static LeadStatus StageOf(string? text, IReadOnlyDictionary<string, LeadStatus>? stages, List<string> errors)
    {
        var status = LeadStatus.New;
        if (text is not null && !TryStage(text, stages, out status))
        {
            errors.Add($"stage: '{text}' is not mapped to a stage (map it in the stage step, or use one of {string.Join(", ", Enum.GetNames<LeadStatus>())}).");
        }

        return status;
    }

    private static OfferType? OfferOf(string? text, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (TryParseEnum<OfferType>(text, out var parsed))
        {
            return parsed;
        }

        errors.Add($"offerType: '{text}' is not one of fast_cash_dfy, productized, premium_custom_system.");
        return null;
    }

    /// <summary>
    /// The day the deal is expected to close: the file's expected close date, else an open deal's close date. HubSpot
    /// keeps one "Close Date" for both: on an open deal it is the day it is expected to close, and was dropped.
    /// </summary>
    private static DateOnly? ExpectedCloseOf(DateTime? expected, DateTime? closedAt, LeadStatus status, List<string> errors)
    {
        var day = expected ?? (status.IsOpenDeal() ? closedAt : null);
        if (day is null)
        {
            return null;
        }

        var on = DateOnly.FromDateTime(day.Value);
        if (on < LeadRules.ExpectedCloseMin || on > LeadRules.ExpectedCloseMax)
        {
            errors.Add($"expectedCloseOn: {on:yyyy-MM-dd} is not a day from {LeadRules.ExpectedCloseMin:yyyy-MM-dd} to {LeadRules.ExpectedCloseMax:yyyy-MM-dd}.");
        }

        return on;
    }

    /// <summary>A close value belongs to a won deal; "Lost, close value 0" (and an open deal's 0) means nothing was won, which is not an error.</summary>
    private static decimal? WonValueOf(decimal? wonValue, string? text, LeadStatus status, List<string> errors)
    {
        if (wonValue is null || status.IsClient())
        {
            return wonValue;
        }

        if (wonValue != 0)
        {
            errors.Add($"wonValue: '{text}' on a {status} deal; a close value needs a won stage (Approved, Building or Shipped), or 0.");
        }

        return null;
    }

    /// <summary>
    /// The stage history a row gives (a closed deal was open from its creation until it closed) and the outcome of a
    /// won or lost one.
    /// </summary>
    private static (List<ImportedStatusStep> History, ImportedOutcome? Outcome) HistoryOf(
        LeadStatus status, DateTime createdAt, DateTime? closedAt, decimal? wonValue, decimal? value, string? lostReason)
    {
        var history = new List<ImportedStatusStep> { new(status == LeadStatus.Lost || (status.IsClient() && closedAt is not null) ? LeadStatus.New : status, createdAt) };
        if (history[0].Status != status)
        {
            history.Add(new ImportedStatusStep(status, closedAt ?? createdAt));
        }

        // A file with no close value (a HubSpot or Pipedrive export: a won deal's amount is what it was won for) wins
        // the deal for its value, on its close date. Without it the win was on /leads alone (estimate fallback), and
        // its account, the scorecard and the chat, which read won proposals, said 0 USD won (ADR 244).
        var wonFor = wonValue ?? (status.IsClient() ? value : null);
        var outcome = wonFor is not null ? new ImportedOutcome(ProposalOutcome.Won, closedAt ?? createdAt, wonFor, value)
            // A lost deal is decided when the file dates it or says why (then on its creation date, as a won one).
            // A reason on a deal that is not lost (a reopened one) is not an outcome and is not kept.
            : status == LeadStatus.Lost && (closedAt is not null || lostReason is not null)
                ? new ImportedOutcome(ProposalOutcome.Lost, closedAt ?? createdAt, null, value, lostReason)
            : null;
        return (history, outcome);
    }

    /// <summary>Our stage for a file's value: the operator's mapping first, then our own stage names.</summary>
    public static bool TryStage(string text, IReadOnlyDictionary<string, LeadStatus>? stages, out LeadStatus status)
    {
        if (stages is not null)
        {
            var key = Squash(text);
            foreach (var (value, mapped) in stages)
            {
                if (Squash(value) == key && Enum.IsDefined(mapped))
                {
                    status = mapped;
                    return true;
                }
            }
        }

        return TryParseEnum(text, out status);
    }

    /// <summary>
    /// The usual CRM stage names and where they land (Pipedrive, HubSpot, Salesforce and the Maven sample):
    /// early contact → New, a conversation → Qualified, a quote → Proposal, won → <paramref name="wonStage"/>, lost → Lost.
    /// A value nobody recognises stays unmapped: the operator decides it.
    /// </summary>
    public static Dictionary<string, LeadStatus> GuessStages(IEnumerable<string> values, LeadStatus wonStage = LeadStatus.Approved)
    {
        var map = new Dictionary<string, LeadStatus>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var squashed = Squash(value);
            LeadStatus? guess = squashed switch
            {
                "won" or "closedwon" or "win" or "closedwin" or "signed" => wonStage,
                "lost" or "closedlost" or "dead" or "disqualified" or "unqualified" => LeadStatus.Lost,
                "prospecting" or "prospect" or "lead" or "open" or "appointmentscheduled" or "inbound" or "leadin" => LeadStatus.New,
                "engaging" or "engaged" or "contacted" or "qualification" or "qualifiedtobuy" or "discovery" or "demo" or "needsanalysis"
                    or "contactmade" or "demoscheduled" or "needsdefined" => LeadStatus.Qualified,
                "proposalsent" or "quote" or "quoted" or "negotiation" or "negotiationreview" or "proposalpricequote" or "contractsent"
                    or "presentationscheduled" or "decisionmakerboughtin" or "proposalmade" or "negotiationsstarted" => LeadStatus.Proposal,
                _ => TryParseEnum<LeadStatus>(value, out var own) ? own : null,
            };
            if (guess is { } g)
            {
                map[value] = g;
            }
        }

        return map;
    }

    /// <summary>The key a header is remembered under: its column names, case and spacing ignored, in order.</summary>
    public static string HeaderKey(IEnumerable<string> headers) =>
        string.Join("\u001f", headers.Select(Squash));

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static decimal? ParseDecimal(string field, string? text, List<string> errors)
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

    public static DateTime? ParseDate(string field, string? text, List<string> errors)
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

    public static string Squash(string text) =>
        new string(text.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
}
