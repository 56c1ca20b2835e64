using Bunit;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;
using OperatorConsole.Web.Features.Offers;

namespace OperatorConsole.Tests.Components.Packages;

public sealed class OfferLadderCardTests : PackagesComponentContext
{
    [Fact]
    public async Task OfferLadderCard_SaveValidOffer_StoresItAndShowsRubricMeaning()
    {
        var leadId = await AddLeadAsync("Intake bot");
        var cut = Render<OfferLadderCard>(p => p.Add(c => c.LeadId, leadId));
        cut.WaitForElement("[data-testid=offer-edit]").Click();

        cut.Find("[data-testid=repeatability-rubric]").TextContent.Should().Contain("One-off bespoke").And.Contain("Fully productized");
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<OfferType?>>().Instance.ValueChanged.InvokeAsync(OfferType.Productized));
        await cut.InvokeAsync(() => cut.FindComponent<MudNumericField<int?>>().Instance.ValueChanged.InvokeAsync(5));
        await cut.InvokeAsync(() => cut.FindComponents<MudTextField<string>>()[0].Instance.ValueChanged.InvokeAsync("Same build as three clinics"));
        cut.Find("[data-testid=offer-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=offer-type-value]").TextContent.Should().Be("Productized"));
        cut.Find("[data-testid=offer-score-value]").TextContent.Should().Contain("5/5");
        await using var db = CreateDbContext();
        (await db.Set<Lead>().SingleAsync(l => l.Id == leadId)).OfferType.Should().Be(OfferType.Productized);
        (await db.Set<LeadOffer>().SingleAsync(o => o.LeadId == leadId)).WhyChosen.Should().Be("Same build as three clinics");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task OfferLadderCard_ScoreOutOfRange_ShowsErrorAndWritesNothing(int score)
    {
        var leadId = await AddLeadAsync("Intake bot");
        var cut = Render<OfferLadderCard>(p => p.Add(c => c.LeadId, leadId));
        cut.WaitForElement("[data-testid=offer-edit]").Click();
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<OfferType?>>().Instance.ValueChanged.InvokeAsync(OfferType.FastCashDfy));
        await cut.InvokeAsync(() => cut.FindComponent<MudNumericField<int?>>().Instance.ValueChanged.InvokeAsync(score));
        cut.Find("[data-testid=offer-save]").Click();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("between 1 and 5"));
        await using var db = CreateDbContext();
        (await db.Set<LeadOffer>().AnyAsync()).Should().BeFalse();
        (await db.Set<Lead>().SingleAsync(l => l.Id == leadId)).OfferType.Should().BeNull();
    }

    [Fact]
    public async Task OfferLadderCard_AsViewer_HasNoEditButton()
    {
        SignInAs(ConsoleRoles.Viewer);
        var leadId = await AddLeadAsync("Intake bot");
        var cut = Render<OfferLadderCard>(p => p.Add(c => c.LeadId, leadId));
        cut.WaitForElement("[data-testid=empty-state]");
        cut.FindAll("[data-testid=offer-edit]").Should().BeEmpty();
    }
}
