using Bunit;
using OperatorConsole.Data.Packages;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Offers;

namespace OperatorConsole.Tests.Components.Packages;

/// <summary>
/// The Command Center's revenue card by service package: an import with products and no offer types read only "No
/// offer type" and its total there, so the card opens by package when no decided deal has an offer type, and either
/// view is one click away.
/// </summary>
public sealed class RevenueByPackageTests : PackagesComponentContext
{
    [Fact]
    public async Task WithPackagesAndNoOfferTypes_TheCardOpensByPackage_LargestFirst_AndFollowsANewWin()
    {
        var small = await PackageAsync("Small", (LeadStatus.Approved, 1000m), (LeadStatus.Approved, 500m), (LeadStatus.Lost, 800m));
        await PackageAsync("Large", (LeadStatus.Approved, 3000m));
        var cut = Render<RevenueByOfferCard>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=revenue-package-link]").Select(a => a.TextContent).Should().Equal("Large", "Small"));
        cut.Find("[data-testid=revenue-by-offer]").TextContent.Should().Contain("Revenue by package");
        cut.FindAll("[data-testid=revenue-package-value]").Select(td => td.TextContent).Should().Equal("3,000 USD", "1,500 USD");
        cut.Find("[data-testid=revenue-package-rows]").TextContent.Should().Contain("67 % of 3 closed");
        cut.Find("[data-testid=revenue-by-package]").GetAttribute("aria-pressed").Should().Be("true");

        await LinkAsync(await AddLeadAsync("Another win", LeadStatus.Approved, value: 2500m), small);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=revenue-package-link]").Select(a => a.TextContent).Should().Equal("Small", "Large"), TimeSpan.FromSeconds(10));

        cut.Find("[data-testid=revenue-by-offer-type]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=offer-row-none]").TextContent.Should().Contain("No offer type"));
        cut.Find("[data-testid=revenue-by-offer]").TextContent.Should().Contain("Revenue by offer type");
        cut.FindAll("[data-testid=revenue-package-rows]").Should().BeEmpty();
    }

    [Fact]
    public async Task AnUnaskedCard_GoesBackToOfferTypes_OnceAnOfferTypeHasADecidedDeal()
    {
        await PackageAsync("Audit sprint", (LeadStatus.Approved, 1000m));
        var cut = Render<RevenueByOfferCard>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=revenue-package-link]").Should().ContainSingle());

        await AddLeadAsync("Productized win", LeadStatus.Approved, OfferType.Productized, 1200m);

        cut.WaitForAssertion(() => cut.Find("[data-testid=offer-revenue-productized]").TextContent.Should().Be("1,200 USD"), TimeSpan.FromSeconds(10));
        cut.FindAll("[data-testid=revenue-package-rows]").Should().BeEmpty();
    }

    [Fact]
    public async Task WithOfferTypes_TheCardOpensByOfferType_AndShowsPackagesWhenAsked()
    {
        var lead = await AddLeadAsync("Productized win", LeadStatus.Approved, OfferType.Productized, 1200m);
        await LinkAsync(lead, await PackageAsync("Audit sprint"));
        var cut = Render<RevenueByOfferCard>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=offer-revenue-productized]").TextContent.Should().Be("1,200 USD"));
        cut.FindAll("[data-testid=revenue-package-rows]").Should().BeEmpty();

        cut.Find("[data-testid=revenue-by-package]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=revenue-package-link]").Select(a => a.TextContent).Should().Equal("Audit sprint"));
        cut.Find("[data-testid=revenue-package-value]").TextContent.Should().Be("1,200 USD");
    }

    [Fact]
    public async Task WithNeitherDecided_TheCardKeepsOfferTypes_AndAskedForPackagesSaysThereIsNone()
    {
        await LinkAsync(await AddLeadAsync("Open deal", LeadStatus.Qualified, value: 900m), await PackageAsync("Audit sprint"));
        var cut = Render<RevenueByOfferCard>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=revenue-by-offer]").TextContent.Should().Contain("No decided deals yet"));
        cut.Find("[data-testid=revenue-by-package]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=revenue-by-offer]").TextContent.Should().Contain("No decided deal on a package yet"));
    }

    private async Task<int> PackageAsync(string name, params (LeadStatus Status, decimal Value)[] deals)
    {
        var package = (await Get<ServicePackageService>().CreateAsync(new CreateServicePackageRequest(name, PriceMin: 100, PriceMax: 100), Operator)).Value!.Id;
        foreach (var (status, value) in deals)
        {
            await LinkAsync(await AddLeadAsync($"{name} {status} {value}", status, value: value), package);
        }

        return package;
    }

    private async Task LinkAsync(int lead, int package) =>
        (await Get<ServicePackageService>().LinkLeadAsync(lead, new LinkServicePackageRequest(package), Operator)).Succeeded.Should().BeTrue();
}
