using System.Net;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Search;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Import;

public sealed class ExportAndSearchTests(DemoConsoleFactory factory) : IClassFixture<DemoConsoleFactory>
{
    private sealed record LeadShape(string? ExternalId, string Title, string? Company, string? ContactName, string? ContactEmail, string? Source,
        decimal? EstimatedValue, LeadStatus Status, OfferType? OfferType, DateTime CreatedAt, DateOnly? ExpectedCloseOn);

    private static async Task<List<LeadShape>> ShapesAsync(ConsoleFactory console)
    {
        await using var db = console.CreateDbContext();
        var leads = await db.Set<Lead>().Where(l => !l.IsArchived).ToListAsync();
        return leads.Select(l => new LeadShape(l.ExternalId, l.Title, l.Company, l.ContactName, l.ContactEmail, l.Source, l.EstimatedValue, l.Status, l.OfferType, l.CreatedAt, l.ExpectedCloseOn))
            .OrderBy(l => l.Title).ToList();
    }

    [Fact]
    public async Task Export_RoundTrips_IntoAFreshConsole()
    {
        var client = await factory.CreateOperatorClientAsync();
        var response = await client.GetAsync("/api/exports/leads.csv");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain("leads-");
        var csv = await response.Content.ReadAsStringAsync();

        await using var fresh = new ConsoleFactory();
        var freshClient = await fresh.CreateOperatorClientAsync();
        var job = await freshClient.WaitForJobAsync(await freshClient.UploadAsync(csv));

        job.Status.Should().Be(ImportJobStatus.Completed);
        job.ErrorCount.Should().Be(0, string.Join("; ", job.Errors.Select(e => e.Message)));
        var original = await ShapesAsync(factory);
        original.Should().HaveCountGreaterThan(20);
        original.Count(l => l.ExpectedCloseOn is not null).Should().Be(4, "the demo's deals with an expected close date come back with it");
        (await ShapesAsync(fresh)).Should().BeEquivalentTo(original, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task Export_RespectsTheListFilters()
    {
        var viewer = await factory.CreateViewerClientAsync();
        var csv = await viewer.GetStringAsync("/api/exports/leads.csv?status=lost");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        lines[0].Should().StartWith("id,externalId,title,company");
        await using var db = factory.CreateDbContext();
        var lost = await db.Set<Lead>().CountAsync(l => l.Status == LeadStatus.Lost && !l.IsArchived);
        lost.Should().BeGreaterThan(0);
        lines.Should().HaveCount(lost + 1);
        lines.Skip(1).Should().OnlyContain(l => l.Contains(",Lost,"));

        var searched = await viewer.GetStringAsync("/api/exports/leads.csv?q=BrightSmile");
        searched.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2);
    }

    [Fact]
    public async Task Export_WithTheListsSort_ListsTheLeadsInThatOrder_AndAnUnknownSortIsAFieldError()
    {
        var viewer = await factory.CreateViewerClientAsync();
        var csv = await viewer.GetStringAsync("/api/exports/leads.csv?sort=-estimatedValue");
        var values = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(',')).ToList();

        await using var db = factory.CreateDbContext();
        var expected = (await db.Set<Lead>().Where(l => !l.IsArchived).ToListAsync())
            .OrderByDescending(l => l.EstimatedValue).ThenByDescending(l => l.Id).Select(l => l.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        values.Select(v => v[0]).Should().Equal(expected, "the file lists what the sorted screen shows, in its order");

        var bad = await viewer.GetAsync("/api/exports/leads.csv?sort=drop-table&status=closed");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var problem = await bad.Content.ReadAsStringAsync();
        problem.Should().Contain("\"sort\"").And.Contain("Sort by one of").And.Contain("\"status\"", "every wrong parameter is named at once");
    }

    [Fact]
    public async Task Export_WithAnUnknownStatus_Is400_AndWithoutCredentials_401()
    {
        var client = await factory.CreateOperatorClientAsync();
        (await client.GetAsync("/api/exports/leads.csv?status=closed")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await factory.CreateAnonymousClient().GetAsync("/api/exports/leads.csv")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Search_FindsALeadByCompany_AndPagesByName()
    {
        var client = await factory.CreateOperatorClientAsync();
        var results = await (await client.GetAsync("/api/search?q=brightsmile")).ReadAsync<SearchResults>();

        var hit = results.Items.Should().ContainSingle(h => h.Kind == "lead").Subject;
        hit.Title.Should().Be("AI intake assistant for dental group");
        hit.Href.Should().MatchRegex("^/leads/[0-9]+$");

        var pages = await (await client.GetAsync("/api/search?q=failures")).ReadAsync<SearchResults>();
        pages.Items[0].Href.Should().Be("/failures");
        // Ctrl+K finds the sales teams by what an operator calls them.
        (await (await client.GetAsync("/api/search?q=managers")).ReadAsync<SearchResults>()).Items.Should().Contain(h => h.Href == "/teams");
        var clients = await (await client.GetAsync("/api/search?q=Apex")).ReadAsync<SearchResults>();
        clients.Items.Should().Contain(h => h.Kind == "client" && h.Title == "AI sales assistant for B2B distributor");
        (await (await client.GetAsync("/api/search?q=")).ReadAsync<SearchResults>()).Items.Should().BeEmpty();
    }

    [Fact]
    public async Task Search_IsForPeople()
    {
        (await factory.CreateAnonymousClient().GetAsync("/api/search?q=a")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.CreateAgentClient().GetAsync("/api/search?q=a")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await factory.CreateViewerClientAsync()).GetAsync("/api/search?q=a")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
