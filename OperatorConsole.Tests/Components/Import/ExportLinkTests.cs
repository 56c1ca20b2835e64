using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using OperatorConsole.Data.Results;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.AgentJobs;
using OperatorConsole.Web.Features.Results;

namespace OperatorConsole.Tests.Components.Import;

/// <summary>The "Export CSV" links of the Agent jobs and Clients pages carry the filters on screen, so the file holds what the person sees.</summary>
public sealed class ExportLinkTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>The link's path and its query parameters, decoded.</summary>
    private static (string Path, Dictionary<string, string> Query) Href<T>(IRenderedComponent<T> cut, string testId)
        where T : IComponent
    {
        var href = cut.Find($"[data-testid={testId}]").GetAttribute("href")!;
        var uri = new Uri(new Uri("http://localhost/"), href);
        var query = uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : ""));
        return (uri.AbsolutePath, query);
    }

    private void Navigate(string url) => _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo(url);

    [Fact]
    public async Task AgentJobsPage_ExportLink_CarriesTheFiltersInTheUrlAndThoseChosenOnScreen()
    {
        Navigate("/agent-jobs?riskLevel=high&task=7");
        var cut = _ctx.RenderWithMud<AgentJobsPage>();
        cut.WaitForElement("[data-testid=agent-jobs-total]");

        var (path, query) = Href(cut, "export-agent-jobs");
        path.Should().Be("/api/exports/agent-jobs.csv");
        query.Should().Equal(new Dictionary<string, string> { ["riskLevel"] = "high", ["buildTaskId"] = "7" });

        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<AgentJobResult?>>().Instance.ValueChanged.InvokeAsync(AgentJobResult.Failure));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<string>>().Instance.ValueChanged.InvokeAsync("false"));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<RiskLevel?>>().Instance.ValueChanged.InvokeAsync(RiskLevel.Medium));

        cut.WaitForAssertion(() => Href(cut, "export-agent-jobs").Query.Should().Equal(new Dictionary<string, string>
        {
            ["result"] = "failure", ["riskLevel"] = "medium", ["approved"] = "false", ["buildTaskId"] = "7",
        }));
    }

    [Fact]
    public void AgentJobsPage_WithoutFilters_ExportsEveryJob()
    {
        Navigate("/agent-jobs");
        var cut = _ctx.RenderWithMud<AgentJobsPage>();
        cut.WaitForElement("[data-testid=agent-jobs-total]");

        Href(cut, "export-agent-jobs").Query.Should().BeEmpty();
        cut.Find("[data-testid=export-agent-jobs]").GetAttribute("target").Should().Be("_blank", "a download must not be taken for a page navigation");
    }

    [Fact]
    public async Task ClientDealsPage_ExportLink_CarriesStageFlagSearchAndSort()
    {
        await _ctx.SeedLeadAsync("Zürich clinic", LeadStatus.Building, company: "Zürich, AG");
        Navigate("/clients/deals?status=building&flag=no_target");
        var cut = _ctx.RenderWithMud<ClientDealsPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=client-row-link]").Should().ContainSingle());

        var (path, query) = Href(cut, "export-results");
        path.Should().Be("/api/exports/results.csv");
        query.Should().Equal(new Dictionary<string, string> { ["status"] = "building", ["flag"] = "no_target", ["sort"] = "flags" },
            "the page lists worst first (sort=flags), so the file does too");

        await cut.InvokeAsync(() => cut.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("Zürich, AG"));
        await cut.InvokeAsync(() => cut.FindComponent<MudSelect<LeadStatus?>>().Instance.ValueChanged.InvokeAsync(null));
        var titleSort = cut.FindComponents<MudTableSortLabel<ClientRow>>().Single(s => s.Instance.SortLabel == "title");
        await cut.InvokeAsync(() => titleSort.Find(".mud-table-sort-label").Click());

        cut.WaitForAssertion(() => Href(cut, "export-results").Query.Should().Equal(new Dictionary<string, string>
        {
            ["flag"] = "no_target", ["q"] = "Zürich, AG", ["sort"] = "title",
        }));
    }

    [Fact]
    public async Task ClientDealsPage_OpensInTheAddressesSort_AndAHeaderClickWritesItThere()
    {
        await _ctx.SeedLeadAsync("Alpha clinic", LeadStatus.Building, company: "Alpha clinic");
        await _ctx.SeedLeadAsync("Bravo bakery", LeadStatus.Approved, company: "Bravo bakery");
        Navigate("/clients/deals?sort=-title");
        var cut = _ctx.RenderWithMud<ClientDealsPage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=client-row-link]").Select(a => a.TextContent).Should().Equal("Bravo bakery", "Alpha clinic"));
        Href(cut, "export-results").Query["sort"].Should().Be("-title", "the file lists the clients in the order on screen");

        var titleSort = cut.FindComponents<MudTableSortLabel<ClientRow>>().Single(s => s.Instance.SortLabel == "title");
        await cut.InvokeAsync(() => titleSort.Find(".mud-table-sort-label").Click());

        // -title → none (the default, worst first): the address drops the sort, the export keeps worst first.
        cut.WaitForAssertion(() => _ctx.Services.GetRequiredService<NavigationManager>().Uri.Should().NotContain("sort="));
        Href(cut, "export-results").Query["sort"].Should().Be("flags");
    }
}
