using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Access;

namespace OperatorConsole.Tests.Components.Packages;

/// <summary>
/// The shared bUnit context (<see cref="ComponentTestContext"/>: real data services on a migrated SQLite copy, the
/// live event stream, MudBlazor), signed in as an operator unless told otherwise, with the package tests' helpers.
/// </summary>
public abstract class PackagesComponentContext : ComponentTestContext
{
    protected static readonly Actor Operator = TestOperator;

    protected PackagesComponentContext(bool asOperator = true) => SignInAs(asOperator ? ConsoleRoles.Operator : ConsoleRoles.Viewer);

    protected T Get<T>()
        where T : notnull => Service<T>();

    protected async Task<int> AddLeadAsync(string title, LeadStatus status = LeadStatus.Qualified, OfferType? offer = null, decimal? value = null)
    {
        await using var db = CreateDbContext();
        var now = Clock.GetUtcNow().UtcDateTime;
        var lead = new Lead { Title = title, Status = status, OfferType = offer, EstimatedValue = value, CreatedAt = now, UpdatedAt = now, StatusChangedAt = now };
        db.Add(lead);
        await db.SaveChangesAsync();
        return lead.Id;
    }
}
