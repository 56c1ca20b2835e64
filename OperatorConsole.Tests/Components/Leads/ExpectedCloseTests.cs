using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Leads;

namespace OperatorConsole.Tests.Components.Leads;

/// <summary>
/// The expected close date on screen (ADR 245): the lead page's card sets and clears it for an operator (audited) and
/// shows a viewer no controls; the Leads list shows the column once a deal has one, marks an open deal past it, and
/// opens filtered from a chat link's days.
/// </summary>
public sealed class ExpectedCloseTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private DateOnly Today => DateOnly.FromDateTime(_ctx.Clock.GetUtcNow().UtcDateTime);

    [Fact]
    public async Task AnOperator_SetsAndClearsIt_OnTheLeadPage_EachChangeAudited()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var lead = await _ctx.SeedLeadAsync("Portal rebuild", LeadStatus.Proposal);
        var cut = _ctx.RenderWithMud<LeadDetailPage>(p => p.Add(c => c.Id, lead.Id));
        cut.WaitForAssertion(() => cut.Find("[data-testid=expected-close-state]").TextContent.Trim().Should().Be("not set"));

        var picker = cut.FindComponent<ExpectedCloseCard>().FindComponent<MudDatePicker>();
        await cut.InvokeAsync(() => picker.Instance.DateChanged.InvokeAsync(Today.AddDays(12).ToDateTime(TimeOnly.MinValue)));
        await cut.InvokeAsync(() => cut.Find("[data-testid=expected-close-save]").Click());

        cut.WaitForAssertion(() => cut.Find("[data-testid=expected-close-on]").TextContent.Should().Contain("(in 12 days)"));
        cut.Find("[data-testid=expected-close-state]").TextContent.Trim().Should().Be("set");
        await cut.InvokeAsync(() => cut.Find("[data-testid=expected-close-clear]").Click());
        cut.WaitForAssertion(() => cut.Find("[data-testid=expected-close-state]").TextContent.Trim().Should().Be("not set"));

        await using var db = _ctx.CreateDbContext();
        (await db.Set<Lead>().SingleAsync(l => l.Id == lead.Id)).ExpectedCloseOn.Should().BeNull();
        (await db.Set<AuditEntry>().CountAsync(a => a.RecordId == lead.Id.ToString() && a.Action == "lead.expected_close_set")).Should().Be(2);
    }

    [Fact]
    public async Task AViewer_SeesTheDay_AndThatItIsPast_WithoutControls()
    {
        var lead = await _ctx.SeedLeadAsync("Slipped deal", LeadStatus.Qualified);
        await _ctx.SetLeadAsync(lead.Id, u => u.SetProperty(l => l.ExpectedCloseOn, Today.AddDays(-3)));
        _ctx.SignInAs(ConsoleRoles.Viewer);

        var cut = _ctx.RenderWithMud<LeadDetailPage>(p => p.Add(c => c.Id, lead.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=expected-close-state]").TextContent.Trim().Should().Be("past"));
        cut.Find("[data-testid=expected-close-on]").TextContent.Should().Contain("(3 days ago)");
        cut.FindAll("[data-testid=expected-close-save]").Should().BeEmpty();
    }

    [Fact]
    public async Task TheList_ShowsTheColumn_MarksAnOpenDealPastIt_AndOpensFilteredFromTheAddress()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        foreach (var (title, status, days) in new[] { ("Slipped", LeadStatus.Qualified, -2), ("Soon", LeadStatus.Proposal, 5), ("Won early", LeadStatus.Approved, -9), ("Later", LeadStatus.New, 40) })
        {
            var lead = await _ctx.SeedLeadAsync(title, status);
            await _ctx.SetLeadAsync(lead.Id, u => u.SetProperty(l => l.ExpectedCloseOn, Today.AddDays(days)));
        }

        var cut = _ctx.RenderWithMud<LeadsPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=lead-row-link]").Should().HaveCount(4));
        cut.FindAll("th").Select(th => th.TextContent.Trim()).Should().Contain("Expected close");
        var past = cut.FindAll("tr").Where(tr => tr.QuerySelector("[data-testid=lead-expected-close]")?.TextContent.Contains("past") == true)
            .Select(tr => tr.QuerySelector("[data-testid=lead-row-link]")!.TextContent);
        past.Should().Equal(["Slipped"], "a won deal's date is history, not a slip");
        cut.Dispose();

        var navigation = _ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        navigation.NavigateTo($"/leads?expectedCloseFrom={Today:yyyy-MM-dd}&expectedCloseTo={Today.AddDays(30):yyyy-MM-dd}");
        var filtered = _ctx.RenderWithMud<LeadsPage>();
        filtered.WaitForAssertion(() => filtered.FindAll("[data-testid=lead-row-link]").Select(a => a.TextContent).Should().Equal("Soon"));
        filtered.Find("[data-testid=leads-export]").GetAttribute("href").Should().Contain($"expectedCloseFrom={Today:yyyy-MM-dd}");
    }

    /// <summary>The Command Center's "no date set" opens the undated open deals, the filter named in the bar and kept in the export.</summary>
    [Fact]
    public async Task TheList_OpensOnTheUndatedOpenDeals_FromTheAddress()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        await _ctx.SeedLeadAsync("Undated open", LeadStatus.Qualified);
        await _ctx.SeedLeadAsync("Undated won", LeadStatus.Approved);
        var dated = await _ctx.SeedLeadAsync("Dated", LeadStatus.Proposal);
        await _ctx.SetLeadAsync(dated.Id, u => u.SetProperty(l => l.ExpectedCloseOn, Today.AddDays(3)));

        _ctx.Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/leads?expectedClose=none");
        var cut = _ctx.RenderWithMud<LeadsPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=lead-row-link]").Select(a => a.TextContent).Should().Equal("Undated open"));
        cut.FindComponents<MudSelect<ExpectedCloseState?>>().Should().ContainSingle("the bar offers the filter");
        cut.FindComponent<LeadFilterBar>().Instance.Filters.ExpectedClose.Should().Be(ExpectedCloseState.None, "the bar names the filter the address set");
        cut.Find("[data-testid=leads-export]").GetAttribute("href").Should().Contain("expectedClose=none");
    }

    [Fact]
    public async Task TheNewLeadForm_TakesIt()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var cut = _ctx.RenderWithMud<NewLeadForm>(p => p.Add(c => c.Expanded, true));

        await cut.InvokeAsync(() => cut.FindComponents<MudTextField<string>>()[0].Instance.ValueChanged.InvokeAsync("Quote desk"));
        await cut.InvokeAsync(() => cut.FindComponent<MudDatePicker>().Instance.DateChanged.InvokeAsync(new DateTime(2027, 2, 26)));
        await cut.InvokeAsync(() => cut.Find("[data-testid=new-lead-save]").Click());

        await using var db = _ctx.CreateDbContext();
        cut.WaitForAssertion(() => db.Set<Lead>().AsNoTracking().Where(l => l.Title == "Quote desk").Select(l => l.ExpectedCloseOn).ToList()
            .Should().Equal(new DateOnly(2027, 2, 26)));
    }
}
