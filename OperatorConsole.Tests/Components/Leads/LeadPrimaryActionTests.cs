using Bunit;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Leads;

namespace OperatorConsole.Tests.Components.Leads;

/// <summary>The lead page has one primary action for its stage, at the top, jumping to the card that does it (issue 22).</summary>
public sealed class LeadPrimaryActionTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Theory]
    [InlineData(LeadStatus.Shipped, "Record an outcome", "record-outcome")]
    [InlineData(LeadStatus.Proposal, "Send or approve the proposal", "proposals")]
    [InlineData(LeadStatus.Qualified, "Record a touch", "record-touch")]
    public async Task LeadDetailPage_Operator_HasOnePrimaryActionForTheStage_ThatJumpsToItsCard(LeadStatus status, string label, string anchor)
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var lead = await _ctx.SeedLeadAsync("Primary action lead", status);

        var cut = _ctx.RenderWithMud<LeadDetailPage>(p => p.Add(c => c.Id, lead.Id));

        var action = cut.WaitForElement("[data-testid=lead-primary-action]");
        cut.FindAll("[data-testid=lead-primary-action]").Should().HaveCount(1);
        action.TextContent.Trim().Should().Be(label);
        action.GetAttribute("href").Should().Be("#" + anchor);
        cut.WaitForAssertion(() => cut.FindAll($"#{anchor}").Should().HaveCount(1, "the jump lands on the card that does it"));
        // It is the page's only filled primary button above the cards (the status bar's current stage is disabled).
        cut.FindAll(".mud-button-filled-primary:not([disabled])").First().GetAttribute("data-testid").Should().Be("lead-primary-action");
    }

    [Fact]
    public async Task LeadDetailPage_LostLead_OrViewer_HasNoPrimaryAction()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        var lead = await _ctx.SeedLeadAsync("Watched lead", LeadStatus.Proposal);

        var cut = _ctx.RenderWithMud<LeadDetailPage>(p => p.Add(c => c.Id, lead.Id));

        cut.WaitForElement("[data-testid=lead-title]");
        cut.FindAll("[data-testid=lead-primary-action]").Should().BeEmpty();
        LeadPrimaryAction.For(LeadStatus.Lost).Should().BeNull();
    }
}
