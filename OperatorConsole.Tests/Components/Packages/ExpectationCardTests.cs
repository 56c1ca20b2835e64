using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using OperatorConsole.Data.Expectations;
using OperatorConsole.Domain.Expectations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Expectations;

namespace OperatorConsole.Tests.Components.Packages;

public sealed class ExpectationCardTests : PackagesComponentContext
{
    [Fact]
    public async Task ExpectationCard_EditTwice_AddsSnapshotsAndShowsDiffInHistory()
    {
        var leadId = await AddLeadAsync("Onboarding portal", LeadStatus.Proposal);
        var cut = Render<ExpectationCard>(p => p.Add(c => c.LeadId, leadId));
        cut.WaitForElement("[data-testid=empty-state]");

        cut.Find("[data-testid=expectation-edit]").Click();
        await cut.InvokeAsync(() => cut.FindComponents<MudTextField<string>>().First(f => f.Instance.Label == "Client's requested outcome").Instance.ValueChanged.InvokeAsync("Zero staff touch in 4 weeks"));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<AskCalibration?>>().Instance.ValueChanged.InvokeAsync(AskCalibration.OverAsking));
        cut.Find("[data-testid=expectation-save]").Click();

        cut.WaitForElement("[data-testid=expectation-needs-script]");
        cut.Find("[data-testid=current-requested]").TextContent.Should().Be("Zero staff touch in 4 weeks");

        cut.Find("[data-testid=expectation-edit]").Click();
        // The form starts from the current snapshot; only the script is added.
        await cut.InvokeAsync(() => cut.FindComponents<MudTextField<string>>().First(f => f.Instance.Label != null && f.Instance.Label.StartsWith("Expectation-reset script", StringComparison.Ordinal)).Instance.ValueChanged.InvokeAsync("- A person still reviews edge cases"));
        cut.Find("[data-testid=expectation-save]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=expectation-history-item]").Count.Should().Be(2));
        cut.FindAll("[data-testid=expectation-needs-script]").Should().BeEmpty();
        var newest = cut.FindAll("[data-testid=expectation-history-item]")[0].TextContent;
        newest.Should().Contain("#2").And.Contain("Reset script").And.NotContain("Requested outcome");
        await using var db = CreateDbContext();
        var snapshots = await db.Set<ExpectationSnapshot>().OrderBy(s => s.Number).ToListAsync();
        snapshots.Should().HaveCount(2);
        snapshots[0].ResetScript.Should().BeNull();
        snapshots[1].RequestedOutcome.Should().Be("Zero staff touch in 4 weeks");
    }

    [Fact]
    public async Task ExpectationCard_EmptySnapshot_ShowsErrorAndWritesNothing()
    {
        var leadId = await AddLeadAsync("Onboarding portal");
        var cut = Render<ExpectationCard>(p => p.Add(c => c.LeadId, leadId));
        cut.WaitForElement("[data-testid=expectation-edit]").Click();

        cut.Find("[data-testid=expectation-save]").Click();

        cut.WaitForElement("[data-testid=expectation-error]");
        cut.Markup.Should().Contain("at least one field");
        await using var db = CreateDbContext();
        (await db.Set<ExpectationSnapshot>().AnyAsync()).Should().BeFalse();
    }

    [Fact]
    public async Task ExpectationCard_ShowsConfiguredRiskFlagsAsChoices()
    {
        await Get<ExpectationService>().SaveRiskFlagsAsync(["legacy_stack", "no_budget_owner"], Operator);
        var leadId = await AddLeadAsync("Onboarding portal");
        var cut = Render<ExpectationCard>(p => p.Add(c => c.LeadId, leadId));
        cut.WaitForElement("[data-testid=expectation-edit]").Click();

        cut.FindAll("[data-testid^=flag-]").Select(e => e.TextContent.Trim()).Should().Contain(["legacy_stack", "no_budget_owner"]);
        cut.Markup.Should().NotContain("unrealistic_timeline");
    }
}
