using Bunit;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Runs;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Leads;

namespace OperatorConsole.Tests.Components.Leads;

public sealed class LeadPagesTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task LeadDetailPage_SeededLead_ShowsTitleStatusAndTimeline()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var lead = await _ctx.SeedLeadAsync("Northwind CRM clean-up", LeadStatus.Qualified);

        var cut = _ctx.RenderWithMud<LeadDetailPage>(p => p.Add(c => c.Id, lead.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=lead-title]").TextContent.Should().Be("Northwind CRM clean-up"));
        cut.Find("[data-testid=lead-status-bar]").TextContent.Should().Contain("In Qualified since");
        cut.Find("[data-testid=lead-timeline]").TextContent.Should().Contain("Created in Qualified");
    }
}
