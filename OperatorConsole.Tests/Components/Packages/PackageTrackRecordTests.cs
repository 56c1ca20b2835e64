using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OperatorConsole.Data.Packages;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Web.Features.Leads;
using OperatorConsole.Web.Features.Packages;

namespace OperatorConsole.Tests.Components.Packages;

/// <summary>
/// A package's track record on its list row and its page, and the Leads list filtered by the package (ADR 235): the
/// list a package's count links to holds exactly the deals the count counts, and the page names how many it lists.
/// </summary>
public sealed class PackageTrackRecordTests : PackagesComponentContext
{
    [Fact]
    public async Task PackagesList_ShowsEachPackagesDealsWonLostAndValue()
    {
        var (package, _) = await PackageWithDealsAsync(won: 3, lost: 1, open: 2);
        var cut = Render<PackagesPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=package-lead-count]").TextContent.Should().Be("6"));
        cut.Find("[data-testid=package-won-lost]").TextContent.Should().Be("3 / 1");
        cut.Find("[data-testid=package-win-rate]").TextContent.Should().Be("75 % of 4 closed");
        cut.Find("[data-testid=package-won-value]").TextContent.Should().Be("3,000 USD", "three deals won at 1,000 each");
        package.Should().BePositive();
    }

    [Fact]
    public async Task PackagesList_SortsByWonValue_HighestFirstOnTheSecondClick()
    {
        await PackageWithDealsAsync(won: 1, lost: 0, open: 0, name: "Small");
        await PackageWithDealsAsync(won: 3, lost: 0, open: 0, name: "Large");
        await PackageWithDealsAsync(won: 2, lost: 0, open: 0, name: "Middle");
        var cut = Render<PackagesPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=package-row-link]").Should().HaveCount(3));

        cut.Find("[data-testid=packages-sort-won-value]").Click();
        cut.FindAll("[data-testid=package-row-link]").Select(a => a.TextContent).Should().Equal("Small", "Middle", "Large");
        cut.Find("[data-testid=packages-sort-won-value]").Click();
        cut.FindAll("[data-testid=package-row-link]").Select(a => a.TextContent).Should().Equal("Large", "Middle", "Small");
    }

    [Fact]
    public async Task PackagePage_ListsTheLatestDeals_AndLinksToAllOfThemOnTheLeadsList()
    {
        var (package, _) = await PackageWithDealsAsync(won: ServicePackageService.LeadsShown, lost: 2, open: 1);
        var cut = Render<PackageDetailPage>(p => p.Add(c => c.Id, package));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=package-leads] tbody tr").Should().HaveCount(ServicePackageService.LeadsShown));
        cut.Find("[data-testid=track-leads]").TextContent.Should().Be("13");
        cut.Find("[data-testid=package-leads-shown]").TextContent.Trim().Should().Be($"The {ServicePackageService.LeadsShown} most recently changed of 13 deals");
        cut.Find("[data-testid=package-all-leads]").GetAttribute("href").Should().Be($"/leads?packageId={package}");
    }

    [Fact]
    public async Task LeadsPage_FilteredByPackage_FromTheAddressAndTheSelect_ShowsItsDealsOnly()
    {
        var (package, titles) = await PackageWithDealsAsync(won: 1, lost: 1, open: 0);
        await AddLeadAsync("Sold on nothing");
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo($"/leads?packageId={package}");
        Render<MudPopoverProvider>();
        var cut = Render<LeadsPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=lead-row-link]").Select(a => a.TextContent).Should().BeEquivalentTo(titles));
        cut.FindComponent<MudSelect<int?>>().Find("input").GetAttribute("value").Should().Be("Pack", "the package from the address shows as chosen");
        cut.Find("[data-testid=leads-export]").GetAttribute("href").Should().Contain($"packageId={package}", "the export holds what the list shows");

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(null));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=lead-row-link]").Should().HaveCount(3));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<int?>>().Instance.ValueChanged.InvokeAsync(package));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=lead-row-link]").Select(a => a.TextContent).Should().BeEquivalentTo(titles));
    }

    /// <summary>
    /// The lead page's package card computed every package's record and showed none: it shows the linked package's own
    /// record (this deal counted), offers the packages it can be linked to, and follows a link made elsewhere live.
    /// </summary>
    [Fact]
    public async Task LeadPackageCard_ShowsTheLinkedPackagesRecord_AndFollowsALinkLive()
    {
        var (package, _) = await PackageWithDealsAsync(won: 3, lost: 1, open: 1);
        var retired = (await Get<ServicePackageService>().CreateAsync(new CreateServicePackageRequest("Retired", PriceMin: 10, PriceMax: 10), Operator)).Value!.Id;
        (await Get<ServicePackageService>().SetArchivedAsync(retired, true, Operator)).Succeeded.Should().BeTrue();
        var lead = await AddLeadAsync("New deal");
        var cut = Render<ServicePackageLink>(p => p.Add(c => c.LeadId, lead));

        cut.WaitForAssertion(() => cut.Find("[data-testid=linked-package-none]"));
        cut.FindAll("[data-testid=linked-package-record]").Should().BeEmpty();
        var card = await Get<ServicePackageService>().CardForLeadAsync(lead);
        card!.Available.Select(p => p.Name).Should().Equal(["Pack"], "an archived package takes no new deal");

        (await Get<ServicePackageService>().LinkLeadAsync(lead, new LinkServicePackageRequest(package), Operator)).Succeeded.Should().BeTrue();
        cut.WaitForAssertion(() => cut.Find("[data-testid=linked-package-record]").TextContent.Trim()
            .Should().Be("6 deals, this one included · 3 won, 1 lost · win rate 75 % of 4 closed · 3,000 USD won"), TimeSpan.FromSeconds(10));
        cut.Find("[data-testid=linked-package]").TextContent.Should().Contain("Pack");
    }

    /// <summary>A package with deals linked to it: won ones with a won proposal of 1,000, lost ones with a lost proposal, open ones.</summary>
    private async Task<(int Package, List<string> Titles)> PackageWithDealsAsync(int won, int lost, int open, string name = "Pack")
    {
        var package = (await Get<ServicePackageService>().CreateAsync(new CreateServicePackageRequest(name, PriceMin: 1000, PriceMax: 1000), Operator)).Value!.Id;
        var titles = new List<string>();
        await using var db = CreateDbContext();
        var now = Clock.GetUtcNow().UtcDateTime;
        foreach (var (status, outcome, count) in new[] { (LeadStatus.Approved, (ProposalOutcome?)ProposalOutcome.Won, won), (LeadStatus.Lost, ProposalOutcome.Lost, lost), (LeadStatus.Qualified, null, open) })
        {
            for (var i = 0; i < count; i++)
            {
                var lead = new Lead { Title = $"{name} {status} deal {i + 1}", Status = status, ServicePackageId = package, CreatedAt = now, UpdatedAt = now, StatusChangedAt = now.AddMinutes(-titles.Count) };
                db.Add(lead);
                await db.SaveChangesAsync();
                titles.Add(lead.Title);
                if (outcome is { } o)
                {
                    db.Add(new Proposal
                    {
                        LeadId = lead.Id, Title = lead.Title, Status = ProposalStatus.Closed, Outcome = o, OutcomeAt = now, OutcomeValue = o == ProposalOutcome.Won ? 1000m : null,
                        CreatedAt = now, UpdatedAt = now, CreatedByKind = OperatorConsole.Domain.Common.ActorKind.User, CreatedById = "op", CreatedByName = "Op",
                    });
                    await db.SaveChangesAsync();
                }
            }
        }

        return (package, titles);
    }
}
