using Microsoft.Extensions.DependencyInjection;
using Bunit;
using OperatorConsole.Data.Accounts;
using OperatorConsole.Data.Packages;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;
using OperatorConsole.Web.Features.Accounts;
using OperatorConsole.Web.Features.Results;

namespace OperatorConsole.Tests.Components.Accounts;

/// <summary>/clients is one row per account, worst first, with the totals over every deal; the account page shows its deals and results.</summary>
public sealed class AccountPagesTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task ClientsPage_ListsAccountsWithClients_WorstFirst_AndTheTotals()
    {
        await _ctx.SeedLeadAsync("Prospect only", LeadStatus.New, company: "Aardvark Ltd");
        await _ctx.SeedLeadAsync("Website", LeadStatus.Building, company: "Zebra Group");
        await _ctx.SeedLeadAsync("Chatbot", LeadStatus.Approved, company: "zebra   GROUP");
        await _ctx.SeedLeadAsync("Lost deal", LeadStatus.Lost, company: "Zebra Group");

        var cut = _ctx.RenderWithMud<ClientsPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=account-row-link]").Select(a => a.TextContent).Should().Equal("Zebra Group"));
        cut.Find("[data-testid=accounts-summary]").TextContent.Should().Contain("2 accounts").And.Contain("4 deals").And.Contain("2 won");
        cut.Find("[data-testid=accounts-win-rate]").TextContent.Should().Be("66.7%", "2 won of 3 closed deals");
        cut.Find("[data-testid=accounts-won]").TextContent.Should().Be("2 won worth 0 USD");
        cut.Find("[data-testid=account-results]").TextContent.Should().Contain("2 without target");
        // Each of the row's counts opens those deals on the Leads list.
        var zebra = (await _ctx.Service<AccountService>().ListAsync(new AccountListQuery(Q: "Zebra"))).Items.Single().Id;
        cut.Find("[data-testid=account-open-deals]").GetAttribute("href").Should().Be($"/leads?accountId={zebra}&status=open&sort=-estimatedValue");
        cut.FindAll("a").Select(a => a.GetAttribute("href")).Should().Contain($"/leads?accountId={zebra}&status=won&sort=-estimatedValue")
            .And.Contain($"/leads?accountId={zebra}&status=lost&sort=-estimatedValue");

        // "Only accounts with won deals" off: every account, the one without a client last.
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(false));
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=account-row-link]").Select(a => a.TextContent).Should().Equal("Zebra Group", "Aardvark Ltd"));
    }

    /// <summary>A parent's page adds its group up (HubSpot's parent roll-up); its cards stay its own deals, and a subsidiary has no group line.</summary>
    [Fact]
    public async Task AParentsPage_AddsUpItsGroup_BelowItsSubsidiaries()
    {
        var accounts = _ctx.Service<AccountService>();
        var parent = (await accounts.CreateAsync(new CreateAccountRequest("Holding plc"), ComponentTestContext.TestOperator)).Value!;
        var child = (await accounts.CreateAsync(new CreateAccountRequest("Daughter Ltd", ParentAccountId: parent.Id), ComponentTestContext.TestOperator)).Value!;
        await _ctx.SeedLeadAsync("Daughter's build", LeadStatus.Building, company: "Daughter Ltd");
        await _ctx.SeedLeadAsync("Daughter's next", LeadStatus.Qualified, company: "Daughter Ltd");
        await _ctx.SeedLeadAsync("Daughter's loss", LeadStatus.Lost, company: "Daughter Ltd");

        var cut = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, parent.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=account-group-totals]").TextContent.Should()
            .Be("With everything below it, the group of 2 accounts has 3 deals (1 open) and won 0 USD from 1 deal, win rate 50 % of 2 closed."));
        cut.Find("[data-testid=account-deals]").TextContent.Should().Be("0", "the cards count the account's own deals");

        var daughter = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, child.Id));
        daughter.WaitForAssertion(() => daughter.Find("[data-testid=account-parent]").TextContent.Should().Be("Holding plc"));
        daughter.FindAll("[data-testid=account-group-totals]").Should().BeEmpty();
    }

    [Fact]
    public async Task AccountPage_ShowsItsDealsResultsAndTotals_AndAnOperatorEditsIt()
    {
        await _ctx.SeedLeadAsync("Website", LeadStatus.Building, company: "Yak & Co");
        await _ctx.SeedLeadAsync("Shop", LeadStatus.New, company: "Yak & Co");
        var id = (await _ctx.Service<AccountService>().ListAsync(new AccountListQuery(Q: "Yak"))).Items.Single().Id;

        var cut = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=account-name]").TextContent.Should().Be("Yak & Co"));
        cut.Find("[data-testid=account-deals]").TextContent.Should().Be("2");
        cut.Find("[data-testid=account-active]").TextContent.Should().Be("1");
        cut.Find("[data-testid=account-won-total]").TextContent.Should().Be("0 USD", "money carries its currency, as on the Command Center (no proposal won, so nothing won yet)");
        // Its one client deal has no target: one sentence instead of a row of dashes, and the row one click away.
        cut.Find("[data-testid=account-results-chips]").TextContent.Should().Contain("1 without target");
        cut.Find("[data-testid=account-results-none-targeted]").TextContent.Should().Contain("Its client deal has no result target yet");
        cut.FindAll("[data-testid=account-results-table]").Should().BeEmpty();
        cut.Find("button[data-testid=account-results-show]").Click();
        cut.Find("[data-testid=account-results-table]").TextContent.Should().Contain("Website").And.Contain("No target");
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-deals-table]").TextContent.Should().Contain("Shop").And.Contain("Website"));

        cut.Find("[data-testid=account-edit] button, button[data-testid=account-edit]").Click();
        cut.WaitForElement("[data-testid=account-form-name] input, input[data-testid=account-form-name]").Change("Yak and Company");
        cut.Find("button[data-testid=account-save]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-name]").TextContent.Should().Be("Yak and Company"));
        (await _ctx.Service<OperatorConsole.Data.Leads.LeadService>().ListAsync(new OperatorConsole.Data.Leads.LeadListQuery(AccountId: id)))
            .Items.Select(l => l.Company).Should().OnlyContain(c => c == "Yak and Company");
    }

    /// <summary>
    /// The company's group on its page: its parent and its subsidiaries as links, its country and founding year in its
    /// facts; the form sets the country and year and removes the parent (the PATCH's 0).
    /// </summary>
    [Fact]
    public async Task AccountPage_ShowsItsParentAndSubsidiaries_AndTheFormEditsCountryYearAndParent()
    {
        await _ctx.SeedLeadAsync("Group deal", LeadStatus.New, company: "Gull Holding");
        await _ctx.SeedLeadAsync("Daughter deal", LeadStatus.New, company: "Gull Daughter");
        var accounts = _ctx.Service<AccountService>();
        var holding = (await accounts.ListAsync(new AccountListQuery(Q: "Gull Holding"))).Items.Single().Id;
        var daughter = (await accounts.ListAsync(new AccountListQuery(Q: "Gull Daughter"))).Items.Single().Id;
        var operatorActor = new Actor(ActorKind.User, "op", "Operator", IsOperator: true);
        (await accounts.UpdateAsync(daughter, new UpdateAccountRequest(ParentAccountId: holding, Country: "Kenya"), operatorActor)).Succeeded.Should().BeTrue();

        var parentPage = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, holding));
        parentPage.WaitForAssertion(() => parentPage.Find("[data-testid=account-subsidiary]").GetAttribute("href").Should().Be($"/accounts/{daughter}"));
        parentPage.Find("[data-testid=account-group]").TextContent.Should().Contain("Its subsidiary: Gull Daughter");

        var cut = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, daughter));
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-parent]").GetAttribute("href").Should().Be($"/accounts/{holding}"));
        cut.Find("[data-testid=account-facts]").TextContent.Should().Contain("headquarters Kenya");

        cut.Find("[data-testid=account-edit] button, button[data-testid=account-edit]").Click();
        cut.WaitForElement("[data-testid=account-form-country] input, input[data-testid=account-form-country]").Change("Norway");
        cut.Find("[data-testid=account-form-year] input, input[data-testid=account-form-year]").Change("1998");
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudAutocomplete<AccountOption>>().Instance.ClearAsync());
        cut.Find("button[data-testid=account-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=account-facts]").TextContent.Should().Contain("headquarters Norway").And.Contain("established 1998"));
        cut.FindAll("[data-testid=account-group]").Should().BeEmpty("the parent was removed");
        var saved = (await accounts.FindAsync(daughter))!;
        (saved.Country, saved.YearEstablished, saved.Parent).Should().Be(("Norway", 1998, (AccountOption?)null));
    }

    /// <summary>
    /// An account's deals sort as the Leads list does (its keys), and "Open in Leads" opens them in the same order:
    /// the largest wins first, the open deal last.
    /// </summary>
    [Fact]
    public async Task AccountPage_ItsDealsSortByWonValue_AndOpenInLeadsKeepsTheOrder()
    {
        await _ctx.SeedLeadAsync("Small win", LeadStatus.Shipped, company: "Yak & Co", estimatedValue: 300m);
        await _ctx.SeedLeadAsync("Large open", LeadStatus.New, company: "Yak & Co", estimatedValue: 5_000m);
        await _ctx.SeedLeadAsync("Large win", LeadStatus.Approved, company: "Yak & Co", estimatedValue: 900m);
        var id = (await _ctx.Service<AccountService>().ListAsync(new AccountListQuery(Q: "Yak"))).Items.Single().Id;

        var cut = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, id));
        string[] Titles() => cut.FindAll("[data-testid=account-deals-table] tbody tr td:first-child a").Select(a => a.TextContent).ToArray();
        cut.WaitForAssertion(() => Titles().Should().HaveCount(3));

        var header = cut.FindAll("[data-testid=account-deals-table] .mud-table-sort-label").Single(l => l.TextContent.Trim() == "Won value");
        header.Click();
        cut.FindAll("[data-testid=account-deals-table] .mud-table-sort-label").Single(l => l.TextContent.Trim() == "Won value").Click();
        cut.WaitForAssertion(() => Titles().Should().Equal("Large win", "Small win", "Large open"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-deals-in-leads]").GetAttribute("href").Should().Be($"/leads?accountId={id}&sort=-wonValue"));
    }

    /// <summary>
    /// The page said how much the account bought, not what: its deals by service package, each row linking to exactly
    /// those deals, the deals on no package counted under the table, and a new link to a package shown live.
    /// </summary>
    [Fact]
    public async Task AccountPage_SaysWhatItBought_ByPackage_AndFollowsANewLinkLive()
    {
        var website = await _ctx.SeedLeadAsync("Website", LeadStatus.Qualified, company: "Orca Ltd");
        var shop = await _ctx.SeedLeadAsync("Shop", LeadStatus.New, company: "Orca Ltd");
        var packages = _ctx.Service<ServicePackageService>();
        var package = (await packages.CreateAsync(new CreateServicePackageRequest("Website rebuild", PriceMin: 5000, PriceMax: 5000), ComponentTestContext.TestOperator)).Value!.Id;
        (await packages.LinkLeadAsync(website.Id, new LinkServicePackageRequest(package), ComponentTestContext.TestOperator)).Succeeded.Should().BeTrue();
        var id = (await _ctx.Service<AccountService>().ListAsync(new AccountListQuery(Q: "Orca"))).Items.Single().Id;

        var cut = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, id));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=account-package-link]").Select(a => a.TextContent).Should().Equal("Website rebuild"));
        var deals = cut.Find("[data-testid=account-package-deals]");
        deals.TextContent.Should().Be("1");
        deals.GetAttribute("href").Should().Be($"/leads?accountId={id}&packageId={package}");
        cut.Find("[data-testid=account-package-won-lost]").TextContent.Should().Be("0 / 0");
        cut.Find("[data-testid=account-packages-without]").TextContent.Should().Contain("1 deal of this account names no package");

        (await packages.LinkLeadAsync(shop.Id, new LinkServicePackageRequest(package), ComponentTestContext.TestOperator)).Succeeded.Should().BeTrue();
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-package-deals]").TextContent.Should().Be("2"), TimeSpan.FromSeconds(10));
        cut.FindAll("[data-testid=account-packages-without]").Should().BeEmpty();
    }

    [Fact]
    public async Task AccountPage_WithNoDealOnAPackage_SaysSo()
    {
        await _ctx.SeedLeadAsync("Website", LeadStatus.Qualified, company: "Newt plc");
        var id = (await _ctx.Service<AccountService>().ListAsync(new AccountListQuery(Q: "Newt"))).Items.Single().Id;

        var cut = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=account-packages-none]").TextContent.Should().Contain("None of its deals is sold on a service package"));
        cut.FindAll("[data-testid=account-packages]").Should().BeEmpty();
    }

    [Fact]
    public async Task AccountPage_FirstDeal_IsTheFirstDatedOne_AndOnlyUndatedDealsSaySo()
    {
        var dated = await _ctx.SeedLeadAsync("Website", LeadStatus.Qualified, company: "Ibex Ltd");
        _ctx.Clock.Advance(TimeSpan.FromDays(30));
        var undated = await _ctx.SeedLeadAsync("Prospecting row", LeadStatus.New, company: "Ibex Ltd");
        var alone = await _ctx.SeedLeadAsync("Another prospecting row", LeadStatus.New, company: "Orca plc");
        // Imported without a date, placed at the file's "as of" (here a month later than the dated deal): no first deal.
        await _ctx.SetLeadAsync(undated.Id, u => u.SetProperty(l => l.CreatedAtEstimated, true));
        await _ctx.SetLeadAsync(alone.Id, u => u.SetProperty(l => l.CreatedAtEstimated, true));

        var accounts = _ctx.Service<AccountService>();
        var ibex = (await accounts.ListAsync(new AccountListQuery(Q: "Ibex"))).Items.Single().Id;
        var orca = (await accounts.ListAsync(new AccountListQuery(Q: "Orca"))).Items.Single().Id;

        var cut = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, ibex));
        cut.WaitForAssertion(() => cut.Find("[data-testid=account-facts]").TextContent.Should()
            .Contain("first deal " + dated.CreatedAt.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        // Its deals list as /leads does: the dated one first with its date, the undated one last, saying so.
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=account-deals-table] td[data-label=Created]").Select(td => td.TextContent.Trim())
            .Should().Equal(dated.CreatedAt.ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture), "undated"));

        var other = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, orca));
        other.WaitForAssertion(() => other.Find("[data-testid=account-facts]").TextContent.Should().Contain("deals undated").And.NotContain("first deal"));
    }

    [Fact]
    public async Task AccountPage_WithATargetOnOneDeal_ListsTheLedgersAtOnce_WorstFirst()
    {
        var targeted = await _ctx.SeedLeadAsync("Invoices", LeadStatus.Building, company: "Gnu Ltd");
        await _ctx.SeedLeadAsync("Chatbot", LeadStatus.Approved, company: "Gnu Ltd");
        await using (var db = _ctx.CreateDbContext())
        {
            var now = _ctx.Clock.GetUtcNow().UtcDateTime;
            // Due three days ago with nothing measured: off track.
            db.Add(new ClientSuccess
            {
                LeadId = targeted.Id, MetricName = "Invoices sent", TargetValue = 40, DueDate = now.AddDays(-3), TargetSetAt = now.AddDays(-30),
                CreatedAt = now.AddDays(-30), UpdatedAt = now.AddDays(-30), UpdatedByName = "Operator",
            });
            await db.SaveChangesAsync();
        }

        var id = (await _ctx.Service<AccountService>().ListAsync(new AccountListQuery(Q: "Gnu"))).Items.Single().Id;

        var cut = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=account-results-table]").TextContent.Should().Contain("Invoices sent"));
        cut.FindAll("[data-testid=account-results-none-targeted]").Should().BeEmpty();
        cut.Find("[data-testid=account-results-chips]").TextContent.Should().Contain("1 off track").And.Contain("1 without target");
        cut.FindAll("[data-testid=account-results-table] tbody tr").Select(r => r.TextContent).Should()
            .SatisfyRespectively(first => first.Should().Contain("Invoices").And.Contain("Off track"), second => second.Should().Contain("Chatbot").And.Contain("No target"));
    }

    [Fact]
    public async Task ClientsPage_OpensInTheAddressesSort_AndAHeaderClickWritesItThere()
    {
        await _ctx.SeedLeadAsync("One", LeadStatus.Approved, company: "Small Co");
        await _ctx.SeedLeadAsync("Two", LeadStatus.Approved, company: "Big Co");
        await _ctx.SeedLeadAsync("Three", LeadStatus.Building, company: "Big Co");
        var navigation = _ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/clients?sort=deals");

        var cut = _ctx.RenderWithMud<ClientsPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=account-row-link]").Select(a => a.TextContent).Should().Equal("Small Co", "Big Co"));
        var nameSort = cut.FindComponents<MudBlazor.MudTableSortLabel<AccountRow>>().Single(s => s.Instance.SortLabel == "name");
        await cut.InvokeAsync(() => nameSort.Find(".mud-table-sort-label").Click());

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=account-row-link]").Select(a => a.TextContent).Should().Equal("Big Co", "Small Co"));
        navigation.Uri.Should().Contain("sort=name").And.NotContain("deals");
    }

    [Fact]
    public async Task AnImportedWin_IsWonButNotAnActiveProject_OnTheListAndTheAccountPage()
    {
        var imported = await _ctx.SeedLeadAsync("Won in the CRM", LeadStatus.Approved, company: "Quail Ltd");
        var own = await _ctx.SeedLeadAsync("Approved here", LeadStatus.Approved, company: "Quail Ltd");
        await _ctx.SetLeadAsync(imported.Id, l => l.SetProperty(x => x.StatusImported, true));

        var list = _ctx.RenderWithMud<ClientsPage>();
        list.WaitForAssertion(() => list.Find("[data-testid=account-active-projects]").TextContent.Should().Contain("1").And.Contain("1 imported win"));
        list.Find("[data-testid=account-active-projects] [title]").GetAttribute("title").Should().Contain("not as active projects");
        // Only the agency's own deal is asked for a target: on the Maven data every account read "115 without target".
        list.Markup.Should().Contain("1 without target").And.NotContain("2 without target");

        var id = (await _ctx.Service<AccountService>().ListAsync(new AccountListQuery(Q: "Quail"))).Items.Single().Id;
        var page = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, id));
        page.WaitForAssertion(() => page.Find("[data-testid=account-active]").TextContent.Should().Be("1"));
        page.Find("[data-testid=account-won-deals]").TextContent.Should().Be("2");
        page.Markup.Should().Contain("1 imported win not counted");
        // One of its two client deals is the agency's own: the advice to set targets stays.
        page.Find("[data-testid=account-results-none-targeted]").TextContent.Should().Contain("on or off track. Set a metric, target value and due date");

        await _ctx.SetLeadAsync(own.Id, l => l.SetProperty(x => x.StatusImported, true));
        var allImported = _ctx.RenderWithMud<AccountPage>(p => p.Add(c => c.Id, id));
        allImported.WaitForAssertion(() => allImported.Find("[data-testid=account-results-none-targeted]").TextContent
            .Should().Contain("so none can be on or off track. All are imported wins (past sales read from a file), which are not asked for one.").And.NotContain("Set a metric"));
        // The sentence says why; a "—" beside the heading would only repeat it.
        allImported.FindAll("[data-testid=account-results-chips]").Should().BeEmpty();
        var allImportedList = _ctx.RenderWithMud<ClientsPage>();
        allImportedList.WaitForAssertion(() => allImportedList.Find("[data-testid=account-active-projects]").TextContent.Should().Contain("2 imported wins"));
        allImportedList.Markup.Should().NotContain("without target");
        allImportedList.Find("[data-testid=result-chips-none]").GetAttribute("title").Should().Contain("imported wins are not asked for a result target");

        // The ledger per deal keeps the fact (no target) and says why nobody is asked for one.
        var ledger = _ctx.RenderWithMud<ClientDealsPage>();
        ledger.WaitForAssertion(() => ledger.FindAll("[data-testid=client-imported]").Should().HaveCount(2));
        ledger.Find("[data-testid=client-imported]").GetAttribute("title").Should().Contain("not asked for a result target");

        // The Origin filter keeps the agency's own deals apart, from the address too.
        var navigation = _ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/clients/deals?imported=false");
        var agencys = _ctx.RenderWithMud<ClientDealsPage>();
        agencys.WaitForAssertion(() => agencys.Markup.Should().Contain("No clients match"));
        agencys.Find("[data-testid=export-results]").GetAttribute("href").Should().Contain("imported=false");
        navigation.NavigateTo("/clients/deals?imported=true");
        var past = _ctx.RenderWithMud<ClientDealsPage>();
        past.WaitForAssertion(() => past.FindAll("[data-testid=client-imported]").Should().HaveCount(2));
    }
}
