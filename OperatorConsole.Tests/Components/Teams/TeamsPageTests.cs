using Bunit;
using OperatorConsole.Data.Teams;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Teams;

namespace OperatorConsole.Tests.Components.Teams;

/// <summary>
/// /teams and the teams writer: every deal owner with the manager and office a teams file gives them, an owner no team
/// records listed without one, the address as the filter, and skip mode filling only what a member lacks.
/// </summary>
public sealed class TeamsPageTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    [Fact]
    public async Task TeamsPage_ListsEveryOwnerWithTheirTeam_AndTheAddressFiltersByOffice()
    {
        var won = await _ctx.SeedLeadAsync("Won deal", LeadStatus.Approved);
        var open = await _ctx.SeedLeadAsync("Open deal", LeadStatus.New);
        var stray = await _ctx.SeedLeadAsync("Stray deal", LeadStatus.New);
        await _ctx.SetLeadAsync(won.Id, s => s.SetProperty(l => l.Owner, "Ada  Lovelace"));
        await _ctx.SetLeadAsync(open.Id, s => s.SetProperty(l => l.Owner, "ada lovelace"));
        await _ctx.SetLeadAsync(stray.Id, s => s.SetProperty(l => l.Owner, "Nobody Known"));
        var writer = _ctx.Service<TeamMembersWriter>();
        var now = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
        var first = await writer.WriteAsync(
            [new(2, "Ada Lovelace", "Grace Hopper", "West"), new(3, "Alan Turing", "Grace Hopper", "East"), new(4, "ADA LOVELACE", "Someone", "East"), new(5, " ", null, null)],
            DuplicateMode.Skip, now);
        first.Created.Should().Be(2);
        first.Errors.Select(e => e.Row).Should().Equal(4, 5);

        // Skip mode fills only what a member lacks; update mode takes the file's values.
        (await writer.WriteAsync([new(2, "Ada Lovelace", "Someone Else", "North")], DuplicateMode.Skip, now)).Updated.Should().Be(0);
        (await writer.WriteAsync([new(2, "Ada Lovelace", "Grace Hopper", "Central")], DuplicateMode.Update, now)).Updated.Should().Be(1);

        var cut = _ctx.RenderWithMud<TeamsPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=team-owner]").Select(a => a.TextContent)
            .Should().BeEquivalentTo("Ada Lovelace", "Alan Turing", "Nobody Known"));
        cut.Find("[data-testid=teams-summary]").TextContent.Should().Contain("2 team members in 2 offices").And.Contain("1 owner with no team");
        cut.Find("[data-testid=teams-table]").TextContent.Should().Contain("none recorded", "the stray owner has no manager or office");
        var ada = cut.FindAll("tr").Single(r => r.TextContent.Contains("Ada Lovelace", StringComparison.Ordinal)).TextContent;
        ada.Should().Contain("Central").And.Contain("1 open · 1 won · 0 lost", "both her deals are matched by name, case and spacing ignored");

        var navigation = _ctx.Service<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo("/teams?office=east");
        var filtered = _ctx.RenderWithMud<TeamsPage>();
        filtered.WaitForAssertion(() => filtered.FindAll("[data-testid=team-owner]").Select(a => a.TextContent).Should().Equal("Alan Turing"));
    }

    /// <summary>
    /// After a CRM export without a teams file every owner was "none recorded" with nothing to do about it: an operator
    /// sets an owner's manager and office on their row, the list follows live, and the audit log keeps who did it.
    /// </summary>
    [Fact]
    public async Task AnOperator_SetsAnOwnersTeam_OnTheirRow_AndTheListFollows()
    {
        var operatorActor = _ctx.SignInAs(ConsoleRoles.Operator);
        var deal = await _ctx.SeedLeadAsync("Imported deal", LeadStatus.Approved);
        await _ctx.SetLeadAsync(deal.Id, s => s.SetProperty(l => l.Owner, "Moses Frase"));
        var cut = _ctx.RenderWithMud<TeamsPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=team-owner]").Select(a => a.TextContent).Should().Equal("Moses Frase"));
        cut.Find("[data-testid=teams-table]").TextContent.Should().Contain("none recorded");

        cut.Find("[data-testid=team-member-edit]").Click();
        cut.Find("[data-testid=team-member-form]").TextContent.Should().Contain("Set Moses Frase's team");
        await cut.InvokeAsync(() => cut.FindComponents<MudBlazor.MudAutocomplete<string>>().Single(c => c.Instance.Label == "Manager").Instance.ValueChanged.InvokeAsync("Dustin Brinkmann"));
        await cut.InvokeAsync(() => cut.FindComponents<MudBlazor.MudAutocomplete<string>>().Single(c => c.Instance.Label == "Office").Instance.ValueChanged.InvokeAsync(" Central "));
        cut.Find("[data-testid=team-member-save]").Click();

        cut.WaitForAssertion(() =>
        {
            cut.FindAll("[data-testid=team-member-form]").Should().BeEmpty("a save closes the form");
            var row = cut.FindAll("tr").Single(r => r.TextContent.Contains("Moses Frase", StringComparison.Ordinal)).TextContent;
            row.Should().Contain("Dustin Brinkmann").And.Contain("Central").And.NotContain("none recorded");
        }, TimeSpan.FromSeconds(10));
        await using var db = _ctx.CreateDbContext();
        var entry = db.AuditEntries.Single(a => a.Action == "team_member.set");
        (entry.ActorName, entry.Summary).Should().Be((operatorActor.DisplayName, "Set Moses Frase's team: manager Dustin Brinkmann, office Central"));
    }

    /// <summary>
    /// A person who left stayed counted in their team: the record could be emptied, never removed. An operator removes
    /// it from the same form in two steps (Keep backs out); a member without deals leaves the list, and the service
    /// refuses a viewer.
    /// </summary>
    [Fact]
    public async Task AnOperator_RemovesAMembersRecord_InTwoSteps_AndTheListFollows()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var now = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
        await _ctx.Service<TeamMembersWriter>().WriteAsync([new(2, "Mei-Mei Johns", "Melvin Marxen", "Central"), new(3, "Alan Turing", "Melvin Marxen", "Central")], DuplicateMode.Skip, now);
        var cut = _ctx.RenderWithMud<TeamsPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=team-owner]").Select(a => a.TextContent).Should().BeEquivalentTo("Mei-Mei Johns", "Alan Turing"));

        var meiRow = () => cut.FindAll("tr").Single(r => r.TextContent.Contains("Mei-Mei Johns", StringComparison.Ordinal));
        meiRow().QuerySelector("[data-testid=team-member-edit]")!.Click();
        cut.Find("[data-testid=team-member-remove]").Click();
        cut.Find("[data-testid=team-member-remove-confirm]").TextContent.Should().Contain("Remove Mei-Mei Johns's team record?");
        cut.Find("[data-testid=team-member-remove-no]").Click();
        cut.FindAll("[data-testid=team-member-remove-confirm]").Should().BeEmpty("Keep backs out");
        cut.Find("[data-testid=team-member-remove]").Click();
        cut.Find("[data-testid=team-member-remove-yes]").Click();

        cut.WaitForAssertion(() =>
        {
            cut.FindAll("[data-testid=team-member-form]").Should().BeEmpty();
            cut.FindAll("[data-testid=team-owner]").Select(a => a.TextContent).Should().Equal("Alan Turing");
        }, TimeSpan.FromSeconds(10));
        await using var db = _ctx.CreateDbContext();
        db.AuditEntries.Single(a => a.Action == "team_member.removed").Summary.Should().Be("Removed Mei-Mei Johns from the teams (manager Melvin Marxen, office Central)");
        var viewer = new OperatorConsole.Domain.Common.Actor(OperatorConsole.Domain.Common.ActorKind.User, "user-viewer", "viewer@test.local", IsOperator: false);
        var alan = db.Set<OperatorConsole.Domain.Teams.TeamMember>().Single().Id;
        (await _ctx.Service<TeamService>().RemoveAsync(alan, viewer)).Status.Should().Be(OperatorConsole.Domain.Common.OperationStatus.Forbidden);
    }

    [Fact]
    public async Task AViewer_SeesTheTeams_ButNoWayToSetThem()
    {
        var deal = await _ctx.SeedLeadAsync("Imported deal", LeadStatus.Approved);
        await _ctx.SetLeadAsync(deal.Id, s => s.SetProperty(l => l.Owner, "Moses Frase"));
        var cut = _ctx.RenderWithMud<TeamsPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=team-owner]").Should().ContainSingle());
        cut.FindAll("[data-testid=team-member-edit]").Should().BeEmpty();
        var viewer = new OperatorConsole.Domain.Common.Actor(OperatorConsole.Domain.Common.ActorKind.User, "user-viewer", "viewer@test.local", IsOperator: false);
        (await _ctx.Service<TeamService>().SetAsync(new SetTeamMemberRequest("Moses Frase", "Someone"), viewer)).Status
            .Should().Be(OperatorConsole.Domain.Common.OperationStatus.Forbidden, "the service refuses a viewer whatever the page shows");
    }

    [Fact]
    public async Task AnOfficesDeals_AreOneLinkAway_AndTheLeadsListFiltersByOfficeAndManager_WithTheExport()
    {
        var hers = await _ctx.SeedLeadAsync("Hers", LeadStatus.New);
        var hersToo = await _ctx.SeedLeadAsync("Hers too", LeadStatus.Approved);
        var his = await _ctx.SeedLeadAsync("His", LeadStatus.New);
        await _ctx.SeedLeadAsync("Nobody's", LeadStatus.New);
        await _ctx.SetLeadAsync(hers.Id, s => s.SetProperty(l => l.Owner, "Ada  Lovelace"));
        await _ctx.SetLeadAsync(hersToo.Id, s => s.SetProperty(l => l.Owner, "ada lovelace"));
        await _ctx.SetLeadAsync(his.Id, s => s.SetProperty(l => l.Owner, "Alan Turing"));
        await _ctx.Service<TeamMembersWriter>().WriteAsync(
            [new(2, "Ada Lovelace", "Grace Hopper", "West"), new(3, "Alan Turing", "Grace Hopper", "East")], DuplicateMode.Skip, DateTime.UtcNow);
        var navigation = _ctx.Service<Microsoft.AspNetCore.Components.NavigationManager>();

        navigation.NavigateTo("/teams?office=West");
        var teams = _ctx.RenderWithMud<TeamsPage>();
        teams.WaitForAssertion(() => teams.Find("[data-testid=teams-deals-link]").GetAttribute("href").Should().EndWith("/leads?office=West"));

        // Both spellings of her name are her deals; the export carries the office; the bar offers the teams' choices.
        navigation.NavigateTo("/leads?office=west");
        var leads = _ctx.RenderWithMud<OperatorConsole.Web.Features.Leads.LeadsPage>();
        leads.WaitForAssertion(() => leads.FindAll("[data-testid=lead-row-link]").Select(a => a.TextContent).Should().BeEquivalentTo("Hers", "Hers too"));
        leads.Find("[data-testid=leads-export]").GetAttribute("href").Should().Contain("office=west");
        leads.FindComponents<MudBlazor.MudSelect<string>>().Select(c => c.Instance.Label).Should().Contain(["Office", "Manager's team"]);

        // A manager's team spans both offices; a manager with the open stage keeps its open deals only.
        await leads.InvokeAsync(() => leads.FindComponents<MudBlazor.MudSelect<string>>().Single(c => c.Instance.Label == "Office").Instance.ValueChanged.InvokeAsync(null));
        await leads.InvokeAsync(() => leads.FindComponents<MudBlazor.MudSelect<string>>().Single(c => c.Instance.Label == "Manager's team").Instance.ValueChanged.InvokeAsync("Grace Hopper"));
        leads.WaitForAssertion(() => leads.FindAll("[data-testid=lead-row-link]").Select(a => a.TextContent).Should().BeEquivalentTo("Hers", "Hers too", "His"));
        navigation.Uri.Should().Contain("manager=Grace%20Hopper").And.NotContain("office=");
        leads.Find("[data-testid=leads-filters-toggle]").TextContent.Should().Contain("· 1", "the manager is a filter the folded bar counts");
    }
}
