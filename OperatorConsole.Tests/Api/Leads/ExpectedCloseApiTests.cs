using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Api.Foundation;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Leads;

/// <summary>
/// A deal's expected close date (ADR 245): set on create and with its PUT, cleared with null, audited, refused outside
/// 2000–2100 with nothing written, not a PATCH field; the list filters and sorts by it; a viewer cannot set it.
/// </summary>
public sealed class ExpectedCloseApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static string Tag() => "X" + Guid.NewGuid().ToString("N")[..10];

    private static string? Day(JsonElement lead) =>
        lead.GetProperty("expectedCloseOn").ValueKind == JsonValueKind.Null ? null : lead.GetProperty("expectedCloseOn").GetString();

    private async Task<int> AuditCountAsync(int leadId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<AuditEntry>().CountAsync(a => a.RecordType == "lead" && a.RecordId == leadId.ToString() && a.Action == "lead.expected_close_set");
    }

    [Fact]
    public async Task SetOnCreate_ChangedAndClearedWithItsPut_EachChangeAudited_TheSameValueWritesNothing()
    {
        var client = await factory.CreateOperatorClientAsync();
        var created = await client.PostAsJsonAsync("/api/leads", new { title = Tag() + " deal", expectedCloseOn = "2026-12-18" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var lead = await created.ReadJsonAsync();
        var id = lead.GetProperty("id").GetInt32();
        Day(lead).Should().Be("2026-12-18");
        Day(await (await client.GetAsync($"/api/leads/{id}")).ReadJsonAsync()).Should().Be("2026-12-18");

        var moved = await client.PutAsJsonAsync($"/api/leads/{id}/expected-close", new { expectedCloseOn = "2027-01-08" });
        moved.StatusCode.Should().Be(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());
        Day(await moved.ReadJsonAsync()).Should().Be("2027-01-08");
        (await client.PutAsJsonAsync($"/api/leads/{id}/expected-close", new { expectedCloseOn = "2027-01-08" })).StatusCode.Should().Be(HttpStatusCode.OK);
        var cleared = await client.PutAsJsonAsync($"/api/leads/{id}/expected-close", new { expectedCloseOn = (string?)null });
        Day(await cleared.ReadJsonAsync()).Should().BeNull();

        (await AuditCountAsync(id)).Should().Be(2, "a move and a clear; the repeat changed nothing");
        await using var db = factory.CreateDbContext();
        var summaries = await db.Set<AuditEntry>().Where(a => a.RecordId == id.ToString() && a.Action == "lead.expected_close_set").OrderBy(a => a.Id).Select(a => a.Summary).ToListAsync();
        summaries.Should().Equal(
            $"Expected close for \"{lead.GetProperty("title").GetString()}\": 2027-01-08 (was 2026-12-18)",
            $"Expected close for \"{lead.GetProperty("title").GetString()}\" cleared (was 2027-01-08)");
    }

    [Fact]
    public async Task ADayOutsideTheYears_ABadDate_AnUnknownField_AndAPatch_AreEachA422NamingTheField_AndNothingIsWritten()
    {
        var client = await factory.CreateOperatorClientAsync();
        var lead = await factory.CreateLeadAsync(Tag() + " deal");
        var before = await factory.CountRowsAsync();

        var create = await client.PostAsJsonAsync("/api/leads", new { title = Tag(), expectedCloseOn = "2101-01-01" });
        var problem = await create.ShouldBeProblemAsync(422);
        problem.GetProperty("errors").GetProperty("expectedCloseOn")[0].GetString().Should().Be("'expectedCloseOn' must be a day from 2000-01-01 to 2100-12-31.");
        (await client.PutAsJsonAsync($"/api/leads/{lead.Id}/expected-close", new { expectedCloseOn = "1999-12-31" })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        async Task<IEnumerable<string>> RefusedAsync(HttpResponseMessage response) =>
            (await response.ShouldBeProblemAsync(422)).GetProperty("errors").EnumerateObject().Select(e => e.Name);
        (await RefusedAsync(await client.PutAsJsonAsync($"/api/leads/{lead.Id}/expected-close", new { expectedCloseOn = "next friday" }))).Should().Contain(n => n.Contains("expectedCloseOn"));
        (await RefusedAsync(await client.PutAsJsonAsync($"/api/leads/{lead.Id}/expected-close", new { expectedCloseOn = "2027-01-08", probability = 50 }))).Should().Contain(n => n.Contains("probability"));
        (await RefusedAsync(await client.PatchAsJsonAsync($"/api/leads/{lead.Id}", new { expectedCloseOn = "2027-01-08" }))).Should().Contain(n => n.Contains("expectedCloseOn"), "it is set with its PUT");
        (await client.PutAsJsonAsync("/api/leads/999999/expected-close", new { expectedCloseOn = "2027-01-08" })).StatusCode.Should().Be(HttpStatusCode.NotFound);

        (await factory.CountRowsAsync()).Should().Be(before);
        Day(await (await client.GetAsync($"/api/leads/{lead.Id}")).ReadJsonAsync()).Should().BeNull();
    }

    [Fact]
    public async Task AViewerIsRefused_AKeyNeedsLeadsWrite()
    {
        var lead = await factory.CreateLeadAsync(Tag() + " deal");
        var body = new { expectedCloseOn = "2027-02-01" };

        await (await (await factory.CreateViewerClientAsync()).PutAsJsonAsync($"/api/leads/{lead.Id}/expected-close", body)).ShouldBeProblemAsync(403);
        await (await factory.CreateBearerClient(await factory.CreateKeyAsync(ApiScopes.Read)).PutAsJsonAsync($"/api/leads/{lead.Id}/expected-close", body)).ShouldBeProblemAsync(403);
        (await AuditCountAsync(lead.Id)).Should().Be(0);

        var agent = await factory.CreateBearerClient(await factory.CreateKeyAsync(ApiScopes.LeadsWrite)).PutAsJsonAsync($"/api/leads/{lead.Id}/expected-close", body);
        agent.StatusCode.Should().Be(HttpStatusCode.OK, await agent.Content.ReadAsStringAsync());
        (await AuditCountAsync(lead.Id)).Should().Be(1);
    }

    [Fact]
    public async Task TheListFiltersByTheDays_BothEndsInclusive_AndSortsWithTheUndatedLastEitherWay()
    {
        var tag = Tag();
        var client = await factory.CreateOperatorClientAsync();
        foreach (var (name, day) in new[] { ("a", "2027-01-01"), ("b", "2027-01-15"), ("c", "2027-01-31"), ("d", "2027-02-01"), ("e", (string?)null) })
        {
            (await client.PostAsJsonAsync("/api/leads", new { title = $"{tag} {name}", expectedCloseOn = day })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        async Task<string[]> TitlesAsync(string query) =>
            (await (await client.GetAsync($"/api/leads?q={tag}&{query}")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("title").GetString()![(tag.Length + 1)..]).ToArray();

        (await TitlesAsync("expectedCloseFrom=2027-01-01&expectedCloseTo=2027-01-31&sort=expectedCloseOn")).Should().Equal("a", "b", "c");
        (await TitlesAsync("expectedCloseFrom=2027-01-16")).Should().BeEquivalentTo("c", "d");
        (await TitlesAsync("sort=expectedCloseOn")).Should().Equal("a", "b", "c", "d", "e");
        (await TitlesAsync("sort=-expectedCloseOn")).Should().Equal("d", "c", "b", "a", "e");
        var summary = await (await client.GetAsync($"/api/leads/summary?q={tag}&expectedCloseTo=2027-01-15")).ReadJsonAsync();
        summary.GetProperty("deals").GetInt32().Should().Be(2);

        var backwards = await (await client.GetAsync("/api/leads?expectedCloseFrom=2027-02-01&expectedCloseTo=2027-01-01")).ShouldBeProblemAsync(400);
        backwards.GetProperty("errors").GetProperty("expectedCloseTo")[0].GetString().Should().Be("expectedCloseTo must not be before expectedCloseFrom.");
        (await client.GetAsync("/api/leads?expectedCloseFrom=soon")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        var csv = await client.GetStringAsync($"/api/exports/leads.csv?q={tag}&sort=expectedCloseOn");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].TrimEnd('\r').Should().EndWith(",expectedCloseOn");
        lines[1].TrimEnd('\r').Should().EndWith(",2027-01-01");
        lines[5].TrimEnd('\r').Should().EndWith(",");
    }

    /// <summary>
    /// <c>expectedClose</c> keeps the open deals whose date is unset, today or later, or past, at the console's clock
    /// (Wednesday 25 Nov 2026): the list behind the Command Center's "no date set". A won deal is in none.
    /// </summary>
    [Fact]
    public async Task TheStateFilter_KeepsTheOpenDealsWithoutADate_AheadOrPast_InTheListSummaryAndExport()
    {
        var tag = Tag();
        var client = await factory.CreateOperatorClientAsync();
        foreach (var (name, status, day) in new[]
        {
            ("past", "proposal", "2026-11-24"), ("today", "qualified", "2026-11-25"), ("ahead", "new", "2027-01-01"),
            ("undated", "new", (string?)null), ("won undated", "approved", null), ("won past", "approved", "2026-11-01"),
        })
        {
            (await client.PostAsJsonAsync("/api/leads", new { title = $"{tag} {name}", status, expectedCloseOn = day })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        async Task<string[]> TitlesAsync(string query) =>
            (await (await client.GetAsync($"/api/leads?q={tag}&{query}")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("title").GetString()![(tag.Length + 1)..]).ToArray();

        (await TitlesAsync("expectedClose=none")).Should().Equal("undated");
        (await TitlesAsync("expectedClose=ahead&sort=expectedCloseOn")).Should().Equal("today", "ahead");
        (await TitlesAsync("expectedClose=past")).Should().Equal("past");
        (await (await client.GetAsync($"/api/leads/summary?q={tag}&expectedClose=none")).ReadJsonAsync()).GetProperty("deals").GetInt32().Should().Be(1);
        var csv = await client.GetStringAsync($"/api/exports/leads.csv?q={tag}&expectedClose=past");
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2, "the header and the one open deal past its date");

        var wrong = await (await client.GetAsync("/api/leads?expectedClose=soon")).ShouldBeProblemAsync(400);
        wrong.GetProperty("errors").GetProperty("expectedClose")[0].GetString().Should().Contain("none").And.Contain("ahead").And.Contain("past");
    }
}
