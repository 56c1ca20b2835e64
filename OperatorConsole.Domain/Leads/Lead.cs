using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Domain.Leads;

/// <summary>A prospect or client moving through the agency pipeline.</summary>
public class Lead
{
    public int Id { get; set; }
    public required string Title { get; set; }
    /// <summary>The company as text (what the API and imports send); kept in step with <see cref="Account"/>'s name.</summary>
    public string? Company { get; set; }

    /// <summary>The account (company) this deal belongs to: matched or created from <see cref="Company"/> by its name key.</summary>
    public int? AccountId { get; set; }
    public OperatorConsole.Domain.Accounts.Account? Account { get; set; }

    /// <summary>Who on our side owns the deal (a CRM export's "owner" / "sales agent"); not the customer's contact.</summary>
    public string? Owner { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? Source { get; set; }
    public decimal? EstimatedValue { get; set; }

    /// <summary>Identifier in the system the lead was imported from (CSV import de-duplication).</summary>
    public string? ExternalId { get; set; }

    public LeadStatus Status { get; set; } = LeadStatus.New;
    public bool IsArchived { get; set; }
    public OfferType? OfferType { get; set; }

    /// <summary>The service package the lead is sold on (sprint 3.1), if any.</summary>
    public int? ServicePackageId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The source gave no creation date (an imported CRM row still at its first stage): <see cref="CreatedAt"/> is the
    /// file's "as of", a stand-in for ordering, not a day the lead arrived. Such a lead is not counted as new.
    /// </summary>
    public bool CreatedAtEstimated { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>When the lead entered its current status; stage timings and "stuck" rules read it.</summary>
    public DateTime StatusChangedAt { get; set; }

    /// <summary>
    /// The current stage was read from an imported file, not set in the console (the latest status change's
    /// <see cref="LeadStatusChange.Imported"/>, kept here as <see cref="StatusChangedAt"/> is). A won deal in that state
    /// is a CRM's past sale: not an active project, and not asked for a result target (ADR 221).
    /// </summary>
    public bool StatusImported { get; set; }

    /// <summary>Newest touch's time. Derived: maintained only by recording touches, never typed.</summary>
    public DateTime? LastContactAt { get; set; }

    /// <summary>Status of the run with the latest start for this lead. Derived from recorded runs.</summary>
    public RunStatus? LastRunStatus { get; set; }
    public int? LastRunId { get; set; }
    public DateTime? LastRunStartedAt { get; set; }

    /// <summary>When that run finished: kept here so the failures report lists last runs without a join.</summary>
    public DateTime? LastRunFinishedAt { get; set; }

    /// <summary>
    /// The agreed next step of an open deal (what to do), due at <see cref="NextStepDueAt"/>. An open deal with no
    /// open next step, or with an overdue one, is a stale nudge (see <c>StaleByTouchPolicy</c>).
    /// </summary>
    public string? NextStep { get; set; }
    public DateTime? NextStepDueAt { get; set; }

    /// <summary>When the next step was marked done; a done step is no longer open.</summary>
    public DateTime? NextStepDoneAt { get; set; }

    /// <summary>
    /// The day the deal is expected to close, as someone set it (Pipedrive's "Expected close date", HubSpot's "Close
    /// Date" on an open deal): a calendar day, not an instant. What the chat's "next month" answers read; an open deal
    /// past it is overdue. Not a forecast of its own: the console records the date it was given (ADR 245).
    /// </summary>
    public DateOnly? ExpectedCloseOn { get; set; }

    /// <summary>
    /// The live-update topic of a lead whose only change is its derived activity (a run or a touch recorded):
    /// screens about stages, values or titles need not reload for it; those showing last contact or last run
    /// subscribe to it next to "Lead".
    /// </summary>
    public const string ActivityTopic = "LeadActivity";

    /// <summary>The derived activity columns (see <see cref="ActivityTopic"/>).</summary>
    public static readonly IReadOnlySet<string> ActivityProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(LastContactAt), nameof(LastRunStatus), nameof(LastRunId), nameof(LastRunStartedAt), nameof(LastRunFinishedAt), nameof(UpdatedAt),
    };

    public List<LeadStatusChange> StatusHistory { get; set; } = [];
    public List<Touch> Touches { get; set; } = [];
}
