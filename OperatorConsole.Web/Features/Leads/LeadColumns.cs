using OperatorConsole.Data.Leads;
using OperatorConsole.Web.Components.Shared;

namespace OperatorConsole.Web.Features.Leads;

/// <summary>
/// The Leads table's optional columns (the deal and its stage always show): each shows unless its user hid it
/// (<c>ColumnChooser</c>), and the ones a CRM may leave empty (owner, next step, expected close, last run, offer) only
/// once a deal fills them or their filter is set (<see cref="LeadFieldsInUse"/>).
/// </summary>
public sealed record LeadColumns(LeadFieldsInUse InUse, IReadOnlySet<string> Hidden)
{
    public const string Account = "account";
    public const string Owner = "owner";
    public const string EstimatedValue = "estimatedValue";
    public const string WonValue = "wonValue";
    public const string LastContact = "lastContact";
    public const string Created = "created";
    public const string NextStep = "nextStep";
    public const string ExpectedClose = "expectedClose";
    public const string LastRun = "lastRun";
    public const string Offer = "offer";

    /// <summary>What the chooser offers, in the table's order.</summary>
    public IReadOnlyList<ListColumn> Choices =>
    [
        new(Account, "Account"), new(Owner, "Owner", InUse.Owner), new(EstimatedValue, "Est. value"), new(WonValue, "Won value"),
        new(LastContact, "Last contact"), new(Created, "Created"), new(NextStep, "Next step", InUse.NextStep),
        new(ExpectedClose, "Expected close", InUse.ExpectedClose), new(LastRun, "Last run", InUse.LastRun), new(Offer, "Offer", InUse.OfferType),
    ];

    public bool Shows(string key) => !Hidden.Contains(key) && key switch
    {
        Owner => InUse.Owner,
        NextStep => InUse.NextStep,
        ExpectedClose => InUse.ExpectedClose,
        LastRun => InUse.LastRun,
        Offer => InUse.OfferType,
        _ => true,
    };
}
