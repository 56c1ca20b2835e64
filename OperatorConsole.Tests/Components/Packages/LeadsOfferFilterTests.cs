using Bunit;
using MudBlazor;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Leads;

namespace OperatorConsole.Tests.Components.Packages;

/// <summary>The leads list filtered by offer type (sprint 3.3) through its offer-type select.</summary>
public sealed class LeadsOfferFilterTests : PackagesComponentContext
{
    [Fact]
    public async Task LeadsPage_OfferTypeFilter_ShowsOnlyLeadsOfThatType()
    {
        await AddLeadAsync("Clinic intake bot", offer: OfferType.Productized);
        await AddLeadAsync("Month-end close", offer: OfferType.FastCashDfy);
        await AddLeadAsync("Sales AI system", offer: OfferType.PremiumCustomSystem);
        Render<MudPopoverProvider>();
        var cut = Render<LeadsPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=lead-row-link]").Count.Should().Be(3));

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<OfferType?>>().Instance.ValueChanged.InvokeAsync(OfferType.Productized));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=lead-row-link]").Select(a => a.TextContent).Should().Equal("Clinic intake bot"));
    }
}
