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
        Choice(Account, "Account"), Choice(Owner, "Owner"), Choice(EstimatedValue, "Est. value"), Choice(WonValue, "Won value"),
        Choice(LastContact, "Last contact"), Choice(Created, "Created"), Choice(NextStep, "Next step"),
        Choice(ExpectedClose, "Expected close"), Choice(LastRun, "Last run"), Choice(Offer, "Offer"),
    ];

    public bool Shows(string key) => !Hidden.Contains(key) && Filled(key);

    private ListColumn Choice(string key, string label) => new(key, label, Filled(key));

    /// <summary>Whether any deal fills the column (or its filter is set): the five a CRM may leave empty are asked.</summary>
    private bool Filled(string key) => key switch
    {
        Owner => InUse.Owner,
        NextStep => InUse.NextStep,
        ExpectedClose => InUse.ExpectedClose,
        LastRun => InUse.LastRun,
        Offer => InUse.OfferType,
        _ => true,
    };
}
