using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Tests.Api.Foundation;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Import;

/// <summary>
/// What a deal was won for, where a list sorts by it and where the export carries it. Both read the won rule in SQL;
/// the list's figure is the rule's own (<c>OfferPerformance.Classify</c>), so every case of the rule is set up here
/// and the two are compared value by value.
/// </summary>
public sealed class WonValueSortAndExportTests
{
    private static readonly DateTime Created = new(2026, 9, 1, 9, 0, 0, DateTimeKind.Utc);

    /// <summary>Title, stage, estimate, its proposals (outcome, outcome value, amount) and the value the rule gives.</summary>
    private sealed record Case(string Title, LeadStatus Status, decimal? Estimate, (ProposalOutcome Outcome, decimal? Value, decimal? Amount)[] Proposals, decimal? Won);

    private const string Unmoved = "Won on a proposal with the stage not moved";

    private static readonly Case[] Cases =
    [
        new("Won for its proposal's value", LeadStatus.Approved, 1_000m, [(ProposalOutcome.Won, 1_500m, 1_000m)], 1_500m),
        new("Won for its proposal's amount", LeadStatus.Building, 2_000m, [(ProposalOutcome.Won, null, 2_500m)], 2_500m),
        new("Won on two proposals", LeadStatus.Shipped, 100m, [(ProposalOutcome.Won, 300m, null), (ProposalOutcome.Won, 400m, null)], 700m),
        new("Won at nothing so its estimate", LeadStatus.Approved, 900m, [(ProposalOutcome.Won, 0m, null)], 900m),
        new("A client without a proposal", LeadStatus.Approved, 1_200m, [], 1_200m),
        new("A client without an estimate", LeadStatus.Approved, null, [], 0m),
        new(Unmoved, LeadStatus.Proposal, 50m, [(ProposalOutcome.Won, 800m, null)], 800m),
        new("Lost once then won", LeadStatus.Approved, 10m, [(ProposalOutcome.Lost, 100m, null), (ProposalOutcome.Won, 600m, null)], 600m),
        new("Lost", LeadStatus.Lost, 5_000m, [(ProposalOutcome.Lost, null, 5_000m)], null),
        new("Lost without a proposal", LeadStatus.Lost, 4_000m, [], null),
        new("Open and large", LeadStatus.Qualified, 99_999m, [], null),
    ];

    [Fact]
    public async Task ByWonValue_TheWinsComeFirst_InTheRulesOrder_AndTheExportCarriesTheSameFigures()
    {
        using var console = new ConsoleFactory();
        var ids = await SeedAsync(console);
        var client = await console.CreateOperatorClientAsync();

        var descending = await ListAsync(client, "-wonValue");
        var won = Cases.Where(c => c.Won is not null).ToList();
        descending.Select(i => i.Title).Should().Equal(
            won.OrderByDescending(c => c.Won).ThenByDescending(c => ids[c.Title]).Select(c => c.Title)
                .Concat(Cases.Where(c => c.Won is null).OrderByDescending(c => ids[c.Title]).Select(c => c.Title)),
            "the largest wins first, then the deals not won (by id among themselves, as the list turns: they have no won value)");
        descending.Should().OnlyContain(i => i.WonValue == Cases.Single(c => c.Title == i.Title).Won, "the list shows the rule's figure");

        var ascending = await ListAsync(client, "wonValue");
        ascending.Take(won.Count).Select(i => i.Title).Should().Equal(won.OrderBy(c => c.Won).ThenBy(c => ids[c.Title]).Select(c => c.Title));
        ascending.Skip(won.Count).Select(i => i.Title).Should().Equal(Cases.Where(c => c.Won is null).OrderBy(c => ids[c.Title]).Select(c => c.Title),
            "deals not won go last whichever way the list is turned");

        // The export in the same order, each deal with the figure the list shows (the SQL rule against the rule's own).
        var exported = await ExportAsync(client, "?sort=-wonValue");
        exported.Select(r => r["title"]).Should().Equal(descending.Select(i => i.Title));
        foreach (var item in descending)
        {
            var row = exported.Single(r => r["title"] == item.Title);
            Decimal(row["wonValue"]).Should().Be(item.WonValue, item.Title);
        }

        // When it was decided: its last decided proposal, else when it became a client, else when it was lost.
        Date(exported.Single(r => r["title"] == "Lost once then won")["closedAt"]).Should().Be(Created.AddDays(20));
        Date(exported.Single(r => r["title"] == "A client without a proposal")["closedAt"]).Should().Be(Created.AddDays(5));
        Date(exported.Single(r => r["title"] == "Lost without a proposal")["closedAt"]).Should().Be(Created.AddDays(7));
        exported.Single(r => r["title"] == "Open and large")["closedAt"].Should().BeEmpty();
    }

    [Fact]
    public async Task AnExportedDeal_ImportsBack_WonForTheSameAmount_OnTheSameDay()
    {
        using var console = new ConsoleFactory();
        await SeedAsync(console);
        var csv = await (await console.CreateOperatorClientAsync()).GetStringAsync("/api/exports/leads.csv");

        using var fresh = new ConsoleFactory();
        var freshClient = await fresh.CreateOperatorClientAsync();
        var job = await freshClient.WaitForJobAsync(await freshClient.UploadAsync(csv));
        // A deal won on a proposal whose stage was never moved to a won one contradicts itself: the import names the
        // row rather than guess which half is true.
        job.Errors.Select(e => e.Message).Should().ContainSingle().Which.Should().Contain("a close value needs a won stage");

        // Before, the file had neither column: every won deal came back won for its estimate on the day it was created.
        static IEnumerable<(string, decimal?, DateTime?)> Decided(List<Dictionary<string, string>> rows) => rows
            .Select(r => (r["title"], Decimal(r["wonValue"]), r["closedAt"].Length == 0 ? (DateTime?)null : Date(r["closedAt"])))
            .OrderBy(r => r.Item1, StringComparer.Ordinal);
        var original = Parse(csv).Where(r => r["title"] != Unmoved).ToList();
        original.Where(r => r["wonValue"].Length > 0).Should().HaveCount(Cases.Count(c => c.Won is not null) - 1);
        Decided(await ExportAsync(freshClient, "")).Should().Equal(Decided(original));
        (await ListAsync(freshClient, "-wonValue")).Select(i => (i.Title, i.WonValue))
            .Should().Equal((await ListAsync(await console.CreateOperatorClientAsync(), "-wonValue")).Where(i => i.Title != Unmoved).Select(i => (i.Title, i.WonValue)));
    }

    /// <summary>
    /// The list's totals (GET /api/leads/summary, the header above the Leads rows) add up the rule's own figures, on
    /// every case, and narrow with the list's filters; a filter that does not parse, or the list's sort, is a 400.
    /// </summary>
    [Fact]
    public async Task TheSummary_AddsUpTheRulesFigures_WithTheListsFilters()
    {
        using var console = new ConsoleFactory();
        await SeedAsync(console);
        var client = await console.CreateOperatorClientAsync();

        var all = await client.GetFromJsonAsync<LeadListSummary>("/api/leads/summary");
        var won = Cases.Where(c => c.Won is not null).ToList();
        all.Should().Be(new LeadListSummary(Cases.Length, Cases.Count(c => c.Estimate is not null), Cases.Sum(c => c.Estimate ?? 0m), won.Count, won.Sum(c => c.Won!.Value)));
        all!.WonValue.Should().Be((await ListAsync(client, "-wonValue")).Sum(i => i.WonValue ?? 0m), "the header adds up the rows' own figures");

        // status=won keeps the clients only: the deal won on a proposal with its stage not moved is won by the rule, so
        // it is in every won total but not in the won stages' list.
        var clients = Cases.Where(c => c.Status.IsClient()).ToList();
        (await client.GetFromJsonAsync<LeadListSummary>("/api/leads/summary?status=won")).Should().Be(new LeadListSummary(
            clients.Count, clients.Count(c => c.Estimate is not null), clients.Sum(c => c.Estimate ?? 0m), clients.Count, clients.Sum(c => c.Won!.Value)));
        (await client.GetFromJsonAsync<LeadListSummary>("/api/leads/summary?status=lost&minValue=4500")).Should().Be(new LeadListSummary(1, 1, 5_000m, 0, 0m));
        (await client.GetFromJsonAsync<LeadListSummary>("/api/leads/summary?q=no-such-deal")).Should().Be(new LeadListSummary(0, 0, 0m, 0, 0m));

        await FoundationApi.ShouldHaveFieldErrorAsync(await client.GetAsync("/api/leads/summary?status=maybe"), "status", 400);
        await FoundationApi.ShouldHaveFieldErrorAsync(await client.GetAsync("/api/leads/summary?minValue=10&maxValue=5"), "maxValue", 400);
        await FoundationApi.ShouldHaveFieldErrorAsync(await client.GetAsync("/api/leads/summary?includeArchived=maybe"), "includeArchived", 400);
        await FoundationApi.ShouldHaveFieldErrorAsync(await client.GetAsync("/api/leads/summary?sort=-wonValue"), "sort", 400);
    }

    [Fact]
    public async Task AnUnknownSort_IsAFieldErrorThatNamesWonValue()
    {
        using var console = new ConsoleFactory();
        var client = await console.CreateOperatorClientAsync();
        var response = await client.GetAsync("/api/leads?sort=wonvalue");
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("-wonValue");
    }

    /// <summary>
    /// SQL Server (the scale-out provider) has no server in the suite: the sorted list and the export are translated by
    /// its provider, which refuses what it cannot write as SQL, and the won proposals are joined once, not looked up
    /// per deal.
    /// </summary>
    [Theory]
    [InlineData("wonValue")]
    [InlineData("-wonValue")]
    [InlineData(null)]
    public void TheSortAndTheExport_TranslateForSqlServer(string? sort)
    {
        using var db = new SqlServerConsoleDbContext(new DbContextOptionsBuilder<SqlServerConsoleDbContext>()
            .UseSqlServer("Server=tcp:sql.invalid,1433;Database=OperatorConsole;User ID=none;Password=none;Encrypt=True").Options);
        var query = new LeadListQuery(Sort: sort);

        var list = LeadService.Sort(db.Set<Lead>(), db.Set<Proposal>(), sort).Take(50).ToQueryString();
        var export = LeadExportService.Rows(db, query, Created).ToQueryString();

        (sort is null ? export : list).Should().Contain("LEFT JOIN").And.Contain("SUM(");
        export.Should().Contain("MAX(").And.Contain("MIN(");
        // The list's totals, in one statement.
        var totals = LeadService.WithWonValue(db.Set<Lead>(), db.Set<Proposal>()).GroupBy(_ => 1)
            .Select(g => new { Deals = g.Count(), Won = g.Count(w => w.WonValue != null), Value = g.Sum(w => (double?)w.WonValue) }).ToQueryString();
        totals.Should().Contain("COUNT(").And.Contain("SUM(");
    }

    /// <summary>The cases, each closed on a known day: proposals decided on days 10, 20…, clients made on day 5, losses on day 7.</summary>
    private static async Task<Dictionary<string, int>> SeedAsync(ConsoleFactory console)
    {
        await using var db = console.CreateDbContext();
        var leads = new Dictionary<string, Lead>();
        foreach (var c in Cases)
        {
            var changed = c.Status.IsClient() ? Created.AddDays(5) : c.Status == LeadStatus.Lost ? Created.AddDays(7) : Created;
            var lead = new Lead { Title = c.Title, Status = c.Status, EstimatedValue = c.Estimate, CreatedAt = Created, UpdatedAt = changed, StatusChangedAt = changed };
            if (c.Status != LeadStatus.New)
            {
                lead.StatusHistory.Add(new LeadStatusChange { FromStatus = LeadStatus.New, ToStatus = c.Status, ChangedAt = changed, ActorName = "Test", ActorId = "test" });
            }

            db.Add(lead);
            leads[c.Title] = lead;
        }

        await db.SaveChangesAsync();
        foreach (var c in Cases)
        {
            var day = 10;
            foreach (var (outcome, value, amount) in c.Proposals)
            {
                db.Add(new Proposal
                {
                    LeadId = leads[c.Title].Id, Title = c.Title + " proposal", Status = ProposalStatus.Closed, Amount = amount, Outcome = outcome, OutcomeValue = value,
                    OutcomeAt = Created.AddDays(day), CreatedAt = Created, UpdatedAt = Created, CreatedById = "test", CreatedByName = "Test",
                });
                day += 10;
            }
        }

        await db.SaveChangesAsync();
        return leads.ToDictionary(l => l.Key, l => l.Value.Id);
    }

    private sealed record Item(string Title, decimal? WonValue);

    private static async Task<List<Item>> ListAsync(HttpClient client, string sort)
    {
        var json = await (await client.GetAsync($"/api/leads?sort={sort}&pageSize=50")).ReadJsonAsync();
        return json.GetProperty("items").EnumerateArray().Select(i => new Item(i.GetProperty("title").GetString()!,
            i.GetProperty("wonValue").ValueKind == JsonValueKind.Null ? null : i.GetProperty("wonValue").GetDecimal())).ToList();
    }

    private static async Task<List<Dictionary<string, string>>> ExportAsync(HttpClient client, string query) =>
        Parse(await client.GetStringAsync("/api/exports/leads.csv" + query));

    /// <summary>The file's rows by column name (the titles here have no comma or quote).</summary>
    private static List<Dictionary<string, string>> Parse(string csv)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(line => line.Split(',').Select((cell, i) => (header[i], cell)).ToDictionary(p => p.Item1, p => p.cell)).ToList();
    }

    private static decimal? Decimal(string cell) => cell.Length == 0 ? null : decimal.Parse(cell, CultureInfo.InvariantCulture);

    private static DateTime Date(string cell) => DateTime.Parse(cell, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
}
