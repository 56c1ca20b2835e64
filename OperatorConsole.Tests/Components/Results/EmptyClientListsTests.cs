using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Results;

namespace OperatorConsole.Tests.Components.Results;

/// <summary>/clients and /clients/deals say "match" and offer to clear filters only when a filter hid the rows.</summary>
public sealed class EmptyClientListsTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public EmptyClientListsTests() => _ctx.SignInAs(ConsoleRoles.Operator);

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task ClientsPage_NoWonDeals_SaysSo_AndClearingTheDefaultFilterShowsEveryAccount()
    {
        await _ctx.SeedLeadAsync("Prospect only", LeadStatus.New, company: "Aardvark Ltd");
        var cut = _ctx.RenderWithMud<ClientsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No accounts with won deals yet"));
        cut.Find("[data-testid=empty-clear-filters]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=account-row-link]").Select(a => a.TextContent).Should().Equal("Aardvark Ltd"));
    }

    [Fact]
    public void ClientsPage_NoAccounts_OnceTheDefaultFilterIsCleared_SaysNoneYet_WithNothingMoreToClear()
    {
        var cut = _ctx.RenderWithMud<ClientsPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]"));
        cut.Find("[data-testid=empty-clear-filters]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No accounts yet"));
        cut.FindAll("[data-testid=empty-clear-filters]").Should().BeEmpty();
    }

    [Fact]
    public async Task ClientDealsPage_FilteredToNothing_SaysNothingMatches_AndClearingShowsTheClients()
    {
        await _ctx.SeedLeadAsync("Website", LeadStatus.Building, company: "Zebra Group");
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/clients/deals?status=shipped");
        var cut = _ctx.RenderWithMud<ClientDealsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No clients match"));
        cut.Find("[data-testid=empty-clear-filters]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=empty-state]").Should().BeEmpty());
        cut.Markup.Should().Contain("Website");
        _ctx.Services.GetRequiredService<NavigationManager>().Uri.Should().NotContain("status=", "the address follows the cleared filters");
    }

    [Fact]
    public void ClientDealsPage_NoClients_SaysNoneYet()
    {
        var cut = _ctx.RenderWithMud<ClientDealsPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No clients yet"));
        cut.FindAll("[data-testid=empty-clear-filters]").Should().BeEmpty();
    }

    [Fact]
    public async Task ClientsPage_TheWonDealsSwitchIsKeptInTheAddress_AndReadBack()
    {
        await _ctx.SeedLeadAsync("Prospect only", LeadStatus.New, company: "Aardvark Ltd");
        var navigation = _ctx.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/clients?clientsOnly=false");
        var cut = _ctx.RenderWithMud<ClientsPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=account-row-link]").Select(a => a.TextContent).Should().Equal("Aardvark Ltd"));
        await cut.InvokeAsync(() => cut.FindComponent<MudBlazor.MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));

        navigation.Uri.Should().NotContain("clientsOnly", "on is the default, so the address does not spell it");
        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("No accounts with won deals yet"));
    }
}
