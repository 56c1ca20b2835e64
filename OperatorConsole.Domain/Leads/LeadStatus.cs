namespace OperatorConsole.Domain.Leads;

/// <summary>Pipeline stage. Order matters: it is the order the stages are shown and measured in.</summary>
public enum LeadStatus
{
    New = 0,
    Qualified = 1,
    Proposal = 2,
    Approved = 3,
    Building = 4,
    Shipped = 5,
    Lost = 6,
}

/// <summary>The offer ladder rung a lead is sold on (sprint 3.3).</summary>
public enum OfferType
{
    FastCashDfy,
    Productized,
    PremiumCustomSystem,
}

public static class LeadStatusExtensions
{
    /// <summary>Approved, Building and Shipped leads are clients: their page opens on the Results Ledger.</summary>
    public static bool IsClient(this LeadStatus status) =>
        status is LeadStatus.Approved or LeadStatus.Building or LeadStatus.Shipped;

    /// <summary>Every stage but Lost (the lead is not given up).</summary>
    public static bool IsOpen(this LeadStatus status) => status != LeadStatus.Lost;

    /// <summary>
    /// An open deal: still being sold (New, Qualified, Proposal). Only open deals can go stale or need a next step;
    /// a won deal (Approved and on) or a lost one is closed, whatever its last touch.
    /// </summary>
    public static bool IsOpenDeal(this LeadStatus status) =>
        status is LeadStatus.New or LeadStatus.Qualified or LeadStatus.Proposal;

    /// <summary>The open-deal stages, in pipeline order.</summary>
    public static IReadOnlyList<LeadStatus> OpenDealStages { get; } = [LeadStatus.New, LeadStatus.Qualified, LeadStatus.Proposal];

    public static string Label(this LeadStatus status) => status.ToString();
}
