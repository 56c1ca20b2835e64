using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Import;

/// <summary>The whole Maven CRM pipeline through the background worker, then again inline: counts match SOURCE.md, re-import is idempotent.</summary>
public sealed class MavenImportTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task MavenPipeline_ImportsFully_ByStage_AndReimportChangesNothing()
    {
        var client = await factory.CreateOperatorClientAsync();
        var job = await client.WaitForJobAsync(await client.PostJsonAsync("/api/imports/maven", new { folder = ImportTestSupport.MavenFolder() }));

        job.Status.Should().Be(ImportJobStatus.Completed, job.Message);
        job.TotalRows.Should().Be(8800);
        job.CreatedCount.Should().Be(8800);
        job.ErrorCount.Should().Be(0, string.Join("; ", job.Errors.Take(5).Select(e => e.Message)));

        await using (var db = factory.CreateDbContext())
        {
            var byStage = await db.Set<Lead>().Where(l => l.Source == MavenCrmMapping.Source)
                .GroupBy(l => l.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
            // SOURCE.md: Won 4,238, Lost 2,473, Engaging 1,589, Prospecting 500 — mapped as docs/features/import-export.md says.
            byStage.Should().BeEquivalentTo(new Dictionary<LeadStatus, int>
            {
                [LeadStatus.Approved] = 4238,
                [LeadStatus.Lost] = 2473,
                [LeadStatus.Qualified] = 1589,
                [LeadStatus.New] = 500,
            });

            var won = await db.Set<Proposal>().Where(p => p.Outcome == ProposalOutcome.Won).Select(p => p.OutcomeValue).ToListAsync();
            won.Should().HaveCount(4238).And.OnlyContain(v => v >= 38 && v <= 30288);
            (await db.Set<Proposal>().CountAsync(p => p.Outcome == ProposalOutcome.Lost)).Should().Be(2473);

            var gtxPro = await db.Set<Lead>().Where(l => l.Title.StartsWith("GTXPro")).Select(l => l.EstimatedValue).Distinct().ToListAsync();
            gtxPro.Should().Equal(4821m);
            (await db.Set<Lead>().CountAsync(l => l.Source == MavenCrmMapping.Source && l.Company == null)).Should().Be(1425);
            // accounts.csv fills the 85 accounts (revenue in millions there) and every deal with an account is linked.
            (await db.Set<OperatorConsole.Domain.Accounts.Account>().CountAsync()).Should().Be(85);
            (await db.Set<Lead>().CountAsync(l => l.AccountId != null)).Should().Be(8800 - 1425);
            var acme = await db.Set<OperatorConsole.Domain.Accounts.Account>().SingleAsync(a => a.Name == "Acme Corporation");
            acme.Revenue.Should().Be(1_100_040_000m);
            // Its office location and year established are fields, and subsidiary_of links 15 accounts to their parent
            // (four of them to Acme Corporation), nothing left in the notes.
            (acme.Country, acme.YearEstablished, acme.Notes).Should().Be(("United States", 1996, (string?)null));
            (await db.Set<OperatorConsole.Domain.Accounts.Account>().CountAsync(a => a.ParentAccountId != null)).Should().Be(15);
            (await db.Set<OperatorConsole.Domain.Accounts.Account>().CountAsync(a => a.ParentAccountId == acme.Id)).Should().Be(4);
            (await db.Set<OperatorConsole.Domain.Accounts.Account>().CountAsync(a => a.Country == "United States")).Should().Be(71);
            job.AccountsCreatedCount.Should().Be(85);
            (await db.Set<LeadStatusChange>().CountAsync()).Should().Be(8800 + 4238 + 2473, "one creation entry each, plus the close of every won or lost deal");
            (await db.AuditEntries.CountAsync(a => a.Action == "import.completed")).Should().Be(1);
            // The 500 Prospecting rows have no date in the file: placed at its "as of", and marked as such.
            (await db.Set<Lead>().CountAsync(l => l.CreatedAtEstimated)).Should().Be(500);
            (await db.Set<Lead>().CountAsync(l => l.CreatedAtEstimated && l.Status != LeadStatus.New)).Should().Be(0);
        }

        await UndatedRowsAreNotNewAndListLastAsync(client);
        await TheSalesAgentOwnsTheDealAndIsNotItsContactAsync(client);
        await TheProductsAreServicePackagesAsync(client);
        await TheWeightedPipelineIsTheFilesWinRateAsync();
        await AnAccountSaysWhatItBoughtAsync(client);
        await AnAccountKnowsItsGroupAndCountryAsync(client);
        await EveryOwnerHasTheTeamTheFileGivesAsync(client, job);

        // Every item's key is unique in its bucket on the real data too: acknowledgements refer to it, and the screens
        // key their live rows by it (a duplicate sibling key would end the circuit).
        var report = await factory.Services.GetRequiredService<OperatorConsole.Data.Failures.FailuresService>().GetReportAsync();
        report.Counts.Total.Should().BeGreaterThan(1000);
        foreach (var bucket in Enum.GetValues<OperatorConsole.Domain.Failures.FailureBucket>())
        {
            report.Items(bucket).Select(i => i.Key).Should().OnlyHaveUniqueItems(bucket.ToString());
        }

        // Again, inline this time (the CLI path), in update mode: every row is recognised, nothing is added.
        var imports = factory.Services.GetRequiredService<ImportJobService>();
        var again = await imports.RunMavenNowAsync(ImportTestSupport.MavenFolder(), DuplicateMode.Skip, Actor.System);
        again.Value!.CreatedCount.Should().Be(0);
        again.Value.SkippedCount.Should().Be(8800);
        // The constraint gives a sensible answer on the historical pipeline: anchored at its last change (2017-12-31),
        // not "everything stuck since 2017", naming the stage where deals pile up (Engaging → our Qualified).
        var constraint = await (await client.GetAsync("/api/constraint")).ReadJsonAsync();
        constraint.GetProperty("anchoredToLatestData").GetBoolean().Should().BeTrue();
        constraint.GetProperty("snapshot").GetProperty("asOf").GetDateTime().Date.Should().Be(new DateTime(2017, 12, 31));
        var summary = constraint.GetProperty("snapshot").GetProperty("summary").GetString();
        constraint.GetProperty("snapshot").GetProperty("bottleneck").GetString().Should().Be("qualified", summary);
        var winRate = constraint.GetProperty("snapshot").GetProperty("winRateThisPeriod").GetDouble();
        winRate.Should().BeInRange(0.3, 0.9, "the Maven pipeline wins about 63% of decided deals");
        constraint.GetProperty("snapshot").GetProperty("evidence").EnumerateArray()
            .Single(e => e.GetProperty("key").GetString() == "avgDaysInQualified").GetProperty("current").GetDouble().Should().BePositive();
        // The 500 undated Prospecting rows are in New, but did not enter it on the day the file ends (it said 0 → 500).
        var newStage = constraint.GetProperty("snapshot").GetProperty("stages").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == "new");
        newStage.GetProperty("inStage").GetInt32().Should().Be(500);
        newStage.GetProperty("enteredThisPeriod").GetInt32().Should().Be(0);
        newStage.GetProperty("pressure").GetDouble().Should().Be(0);

        var updated = await imports.RunMavenNowAsync(ImportTestSupport.MavenFolder(), DuplicateMode.Update, Actor.System);
        updated.Value!.UpdatedCount.Should().Be(8800);
        updated.Value.CreatedCount.Should().Be(0);

        await using (var db = factory.CreateDbContext())
        {
            (await db.Set<Lead>().CountAsync(l => l.Source == MavenCrmMapping.Source)).Should().Be(8800);
            (await db.Set<OperatorConsole.Domain.Packages.ServicePackage>().CountAsync()).Should().Be(7, "a re-import finds the packages it made");
            (await db.Set<Lead>().CountAsync(l => l.ServicePackageId == null)).Should().Be(0);
            (await db.Set<Proposal>().CountAsync()).Should().Be(4238 + 2473);
            (await db.Set<LeadStatusChange>().CountAsync()).Should().Be(8800 + 4238 + 2473, "an update with the same stage records no status change");
        }

        await ImportedWinsAreNotActiveProjectsAsync(client, imports);
    }

    /// <summary>
    /// Every account read "Active projects 115" and the like: its 2017 won sales, which sit in Approved. A won deal whose
    /// stage came from the file is a past sale (ADR 221); moved on in the console it is a project, and a re-import that
    /// puts it back in Approved makes it a past sale again.
    /// </summary>
    private async Task ImportedWinsAreNotActiveProjectsAsync(HttpClient client, ImportJobService imports)
    {
        var accounts = (await (await client.GetAsync("/api/accounts?pageSize=100")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        accounts.Should().HaveCount(85);
        accounts.Should().OnlyContain(a => a.GetProperty("activeProjects").GetInt32() == 0);
        accounts.Should().OnlyContain(a => a.GetProperty("importedWins").GetInt32() == a.GetProperty("wonDeals").GetInt32());
        accounts.Sum(a => a.GetProperty("importedWins").GetInt32()).Should().Be(await CountAsync(l => l.AccountId != null && l.Status == LeadStatus.Approved));
        // /clients read "115 without target" on every account, and sorted them by that count.
        accounts.Should().OnlyContain(a => a.GetProperty("noTarget").GetInt32() == 0);
        accounts.Should().OnlyContain(a => a.GetProperty("flags").GetArrayLength() == 0);

        // Nor is a past sale asked for a result target: Failures had 4,238 "has no result target" nudges from 2017.
        var failures = factory.Services.GetRequiredService<OperatorConsole.Data.Failures.FailuresService>();
        (await failures.GetReportAsync()).Counts.For(OperatorConsole.Domain.Failures.FailureBucket.Interventions).Should().Be(0);

        var deal = await FirstAsync(l => l.AccountId != null && l.Status == LeadStatus.Approved);
        (await client.PostJsonAsync($"/api/leads/{deal.Id}/status", new { status = "building", reason = "Kick-off held" })).EnsureSuccessStatusCode();
        var account = (await (await client.GetAsync($"/api/accounts/{deal.AccountId}")).ReadJsonAsync()).GetProperty("summary");
        account.GetProperty("activeProjects").GetInt32().Should().Be(1);
        account.GetProperty("importedWins").GetInt32().Should().Be(account.GetProperty("wonDeals").GetInt32() - 1);
        account.GetProperty("noTarget").GetInt32().Should().Be(1, "the project is the one won deal asked for a target");
        // The per-deal ledger keeps the agency's own deals apart from the 4,237 past sales, and so does its export.
        (await (await client.GetAsync("/api/clients?imported=false")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(c => c.GetProperty("leadId").GetInt32()).Should().Equal(deal.Id);
        (await (await client.GetAsync("/api/clients?imported=true&pageSize=1")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(4237);
        (await client.GetAsync("/api/clients?imported=maybe")).StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await client.GetStringAsync("/api/exports/results.csv?imported=false")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(2, "a header and the project's one row");
        (await failures.GetReportAsync()).Interventions
            .Where(i => i.Kind == OperatorConsole.Data.Results.ResultsInterventionSource.NoTarget).Select(i => i.LeadId)
            .Should().Equal([deal.Id], "a project the agency has on is asked for its result target");

        (await imports.RunMavenNowAsync(ImportTestSupport.MavenFolder(), DuplicateMode.Update, Actor.System)).Value!.UpdatedCount.Should().Be(8800);
        account = (await (await client.GetAsync($"/api/accounts/{deal.AccountId}")).ReadJsonAsync()).GetProperty("summary");
        account.GetProperty("activeProjects").GetInt32().Should().Be(0, "the file put the deal back in Approved: its stage came from the import again");
    }

    private async Task<int> CountAsync(System.Linq.Expressions.Expression<Func<Lead, bool>> where)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<Lead>().CountAsync(where);
    }

    private async Task<Lead> FirstAsync(System.Linq.Expressions.Expression<Func<Lead, bool>> where)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<Lead>().Where(where).OrderBy(l => l.Id).FirstAsync();
    }

    /// <summary>
    /// "Which product sells best?" had no answer anywhere: the product was in each deal's title only. Each product is
    /// now the service package its deals were sold on (ADR 235), named as products.csv names it ("GTXPro" in the
    /// pipeline is GTX Pro), at its list price, and its track record is the CSV's own figures.
    /// </summary>
    private async Task TheProductsAreServicePackagesAsync(HttpClient client)
    {
        var csv = PipelineDeals();
        var list = (await (await client.GetAsync("/api/service-packages?pageSize=50")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        list.Select(p => p.GetProperty("name").GetString()).Should().BeEquivalentTo(csv.Select(r => r.Product).Distinct());
        foreach (var package in list)
        {
            var name = package.GetProperty("name").GetString()!;
            var deals = csv.Where(r => r.Product == name).ToList();
            package.GetProperty("leadCount").GetInt32().Should().Be(deals.Count, name);
            TheRecordIsTheFiles(package.GetProperty("trackRecord"), deals, name);
        }

        var gtxPro = list.Single(p => p.GetProperty("name").GetString() == "GTX Pro");
        gtxPro.GetProperty("priceMin").GetDecimal().Should().Be(4821m);
        gtxPro.GetProperty("priceMax").GetDecimal().Should().Be(4821m);
        var id = gtxPro.GetProperty("id").GetInt32();
        var detail = await (await client.GetAsync($"/api/service-packages/{id}")).ReadJsonAsync();
        var total = csv.Count(r => r.Product == "GTX Pro");
        detail.GetProperty("trackRecord").GetProperty("leads").GetInt32().Should().Be(total);
        detail.GetProperty("leads").GetArrayLength().Should().Be(OperatorConsole.Data.Packages.ServicePackageService.LeadsShown);
        // The link to every deal opens exactly the deals the record counts, and the export holds the same.
        var link = detail.GetProperty("leadsLink").GetString()!;
        link.Should().Be($"/leads?packageId={id}");
        (await (await client.GetAsync($"/api/leads?packageId={id}&pageSize=1")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(total);
        (await client.GetStringAsync($"/api/exports/leads.csv?packageId={id}")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Should().HaveCount(total + 1);
        (await client.GetAsync("/api/leads?packageId=abc")).StatusCode.Should().Be(HttpStatusCode.BadRequest);

        await using var db = factory.CreateDbContext();
        var made = await db.AuditEntries.Where(a => a.Action == "service_package.created").ToListAsync();
        made.Should().HaveCount(7, "each package the import made is in the audit log, by whoever ran the import");
        made.Should().OnlyContain(a => a.ActorKind == OperatorConsole.Domain.Common.ActorKind.User && a.Summary!.Contains("imported product"));
    }

    /// <summary>The pipeline file's deals: product (named as products.csv names it), account, stage and the value won.</summary>
    /// <summary>
    /// Every closed deal in the file was engaged first (Maven's Engaging is Qualified), so New and Qualified are measured
    /// on the same closed deals: the file's won share, 4,238 of 6,711 (ADR 248). Proposal has no deal and no rate.
    /// </summary>
    private async Task TheWeightedPipelineIsTheFilesWinRateAsync()
    {
        var stages = PipelineDeals().GroupBy(r => r.Stage).ToDictionary(g => g.Key, g => g.Count());
        var (won, closed) = (stages["Won"], stages["Won"] + stages["Lost"]);
        var pipeline = await factory.Services.GetRequiredService<OperatorConsole.Data.Leads.PipelineStageService>().ReadAsync();

        var rates = pipeline.Rows.Where(r => r.WinRate is not null).ToDictionary(r => r.Stage, r => r.WinRate!);
        rates[LeadStatus.New].Should().Be(new StageWinRate(LeadStatus.New, closed, won));
        rates[LeadStatus.Qualified].Should().Be(new StageWinRate(LeadStatus.Qualified, closed, won));
        rates[LeadStatus.Proposal].Should().Be(new StageWinRate(LeadStatus.Proposal, 0, 0));
        var open = pipeline.Rows.Where(r => r.Stage.IsOpenDeal()).Sum(r => r.Value);
        pipeline.Weighted.Weighted.Should().BeApproximately(open * won / closed, 1m);
        pipeline.Weighted.Unweighted.Should().BeEmpty("no Proposal deal is open");
    }

    private static List<(string Product, string Account, string Stage, decimal Value)> PipelineDeals() =>
        File.ReadLines(Path.Combine(ImportTestSupport.MavenFolder(), MavenCrmMapping.PipelineFile)).Skip(1).Select(l => l.Split(','))
            .Select(c => (Product: c[2] == "GTXPro" ? "GTX Pro" : c[2], Account: c[3], Stage: c[4],
                Value: c[4] == "Won" ? decimal.Parse(c[7], System.Globalization.CultureInfo.InvariantCulture) : 0m))
            .ToList();

    /// <summary>
    /// accounts.csv's subsidiary_of and office_location, through the API: each parent lists the accounts the file
    /// names as its subsidiaries, each subsidiary names its parent, and a country filter keeps the file's accounts there.
    /// </summary>
    private static async Task AnAccountKnowsItsGroupAndCountryAsync(HttpClient client)
    {
        var file = File.ReadLines(Path.Combine(ImportTestSupport.MavenFolder(), MavenCrmMapping.AccountsFile)).Skip(1).Select(l => l.Split(','))
            .Select(c => (Name: c[0], Country: c[5], Parent: c[6])).ToList();
        var all = (await (await client.GetAsync("/api/accounts?pageSize=100")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .ToDictionary(a => a.GetProperty("name").GetString()!, a => a.GetProperty("id").GetInt32());
        var deals = PipelineDeals();
        foreach (var parent in file.Where(a => a.Parent.Length > 0).GroupBy(a => a.Parent))
        {
            var detail = await (await client.GetAsync($"/api/accounts/{all[parent.Key]}")).ReadJsonAsync();
            detail.GetProperty("subsidiaries").EnumerateArray().Select(s => s.GetProperty("name").GetString())
                .Should().BeEquivalentTo(parent.Select(a => a.Name), parent.Key);
            // The group added up: the parent's and its subsidiaries' deals and wins, as the file gives them.
            var members = parent.Select(a => a.Name).Append(parent.Key).ToHashSet(StringComparer.Ordinal);
            var group = detail.GetProperty("group");
            group.GetProperty("accounts").GetInt32().Should().Be(members.Count, parent.Key);
            group.GetProperty("deals").GetInt32().Should().Be(deals.Count(d => members.Contains(d.Account)), parent.Key);
            group.GetProperty("wonDeals").GetInt32().Should().Be(deals.Count(d => members.Contains(d.Account) && d.Stage == "Won"), parent.Key);
            group.GetProperty("wonValue").GetDecimal().Should().Be(deals.Where(d => members.Contains(d.Account)).Sum(d => d.Value), parent.Key);
            var child = await (await client.GetAsync($"/api/accounts/{all[parent.First().Name]}")).ReadJsonAsync();
            child.GetProperty("account").GetProperty("parent").GetProperty("id").GetInt32().Should().Be(all[parent.Key]);
        }

        foreach (var country in new[] { "United States", "Kenya" })
        {
            var listed = await (await client.GetAsync($"/api/accounts?country={Uri.EscapeDataString(country.ToUpperInvariant())}&pageSize=100")).ReadJsonAsync();
            listed.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("name").GetString())
                .Should().BeEquivalentTo(file.Where(a => a.Country == country).Select(a => a.Name), "the country filter ignores case");
        }
    }

    /// <summary>
    /// sales_teams.csv, through the API: all 35 agents with their manager and regional office (five have no deals), an
    /// office filter keeps the file's agents there, and an agent's won value is the file's.
    /// </summary>
    private static async Task EveryOwnerHasTheTeamTheFileGivesAsync(HttpClient client, ImportJobView job)
    {
        var file = File.ReadLines(Path.Combine(ImportTestSupport.MavenFolder(), MavenCrmMapping.TeamsFile)).Skip(1).Select(l => l.Split(','))
            .Select(c => (Name: c[0], Manager: c[1], Office: c[2])).ToList();
        job.TeamMembersCreatedCount.Should().Be(file.Count);
        var listed = (await (await client.GetAsync("/api/team-members?pageSize=100")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Select(m => (Name: m.GetProperty("name").GetString()!, Manager: m.GetProperty("manager").GetString()!, Office: m.GetProperty("office").GetString()!)).ToList();
        listed.Should().BeEquivalentTo(file, "every agent, and no owner without a team");
        var west = await (await client.GetAsync("/api/team-members?office=WEST&pageSize=100")).ReadJsonAsync();
        west.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("name").GetString()).Should().BeEquivalentTo(file.Where(a => a.Office == "West").Select(a => a.Name));

        var deals = PipelineDealsWithAgents();
        var darcel = (await (await client.GetAsync("/api/team-members?manager=melvin%20marxen&pageSize=100")).ReadJsonAsync()).GetProperty("items").EnumerateArray()
            .Single(m => m.GetProperty("name").GetString() == "Darcel Schlecht");
        darcel.GetProperty("wonValue").GetDecimal().Should().Be(deals.Where(d => d.Agent == "Darcel Schlecht" && d.Stage == "Won").Sum(d => d.Value));
        darcel.GetProperty("deals").GetInt32().Should().Be(deals.Count(d => d.Agent == "Darcel Schlecht"));
        await AnOfficesAndAManagersDealsAreTheFilesAsync(client, file, deals);
    }

    /// <summary>
    /// The Leads list's and the export's office and manager filters: every deal of the file's agents there (any case),
    /// combined with the other filters, and nothing for an office no one sits in.
    /// </summary>
    private static async Task AnOfficesAndAManagersDealsAreTheFilesAsync(
        HttpClient client, List<(string Name, string Manager, string Office)> team, List<(string Agent, string Stage, decimal Value)> deals)
    {
        async Task<int> TotalAsync(string query) => (await (await client.GetAsync($"/api/leads?{query}&pageSize=1")).ReadJsonAsync()).GetProperty("total").GetInt32();
        var west = team.Where(m => m.Office == "West").Select(m => m.Name).ToHashSet();
        var dustin = team.Where(m => m.Manager == "Dustin Brinkmann").Select(m => m.Name).ToHashSet();
        (await TotalAsync("office=west")).Should().Be(deals.Count(d => west.Contains(d.Agent))).And.BeGreaterThan(0);
        (await TotalAsync("office=West&status=won")).Should().Be(deals.Count(d => west.Contains(d.Agent) && d.Stage == "Won"));
        (await TotalAsync("manager=DUSTIN%20BRINKMANN")).Should().Be(deals.Count(d => dustin.Contains(d.Agent)));
        (await TotalAsync("office=West&manager=Dustin%20Brinkmann")).Should().Be(0, "Dustin Brinkmann's team sits in Central");
        (await TotalAsync("office=Nowhere")).Should().Be(0);
        // The list's totals for an office: its deals, and its wins for what the file says they closed at.
        var summary = await (await client.GetAsync("/api/leads/summary?office=West")).ReadJsonAsync();
        summary.GetProperty("deals").GetInt32().Should().Be(deals.Count(d => west.Contains(d.Agent)));
        summary.GetProperty("won").GetInt32().Should().Be(deals.Count(d => west.Contains(d.Agent) && d.Stage == "Won"));
        summary.GetProperty("wonValue").GetDecimal().Should().Be(deals.Where(d => west.Contains(d.Agent)).Sum(d => d.Value));
        var csv = await (await client.GetAsync("/api/exports/leads.csv?office=West&status=won")).Content.ReadAsStringAsync();
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.Should().Be(1 + deals.Count(d => west.Contains(d.Agent) && d.Stage == "Won"), "the export applies the same filters");
    }

    private static List<(string Agent, string Stage, decimal Value)> PipelineDealsWithAgents() =>
        File.ReadLines(Path.Combine(ImportTestSupport.MavenFolder(), MavenCrmMapping.PipelineFile)).Skip(1).Select(l => l.Split(','))
            .Select(c => (Agent: c[1], Stage: c[4], Value: c[4] == "Won" ? decimal.Parse(c[7], System.Globalization.CultureInfo.InvariantCulture) : 0m))
            .ToList();

    /// <summary>A track record (won, lost, won value) says what these deals of the file say.</summary>
    private static void TheRecordIsTheFiles(System.Text.Json.JsonElement record, IReadOnlyList<(string Product, string Account, string Stage, decimal Value)> deals, string because)
    {
        record.GetProperty("won").GetInt32().Should().Be(deals.Count(d => d.Stage == "Won"), because);
        record.GetProperty("lost").GetInt32().Should().Be(deals.Count(d => d.Stage == "Lost"), because);
        record.GetProperty("wonValue").GetDecimal().Should().Be(deals.Sum(d => d.Value), because);
    }

    /// <summary>
    /// An account's page said how much it bought and not what: its deals by package, each with the CSV's own figures
    /// for that account and product, adding up to the account's totals, each linking to exactly those deals.
    /// </summary>
    private async Task AnAccountSaysWhatItBoughtAsync(HttpClient client)
    {
        var csv = PipelineDeals().Where(d => d.Account == "Betasoloin").ToList();
        var id = (await (await client.GetAsync("/api/accounts?q=Betasoloin")).ReadJsonAsync()).GetProperty("items")[0].GetProperty("id").GetInt32();
        var detail = await (await client.GetAsync($"/api/accounts/{id}")).ReadJsonAsync();
        var purchases = detail.GetProperty("purchases");
        var rows = purchases.GetProperty("packages").EnumerateArray().ToList();

        rows.Select(r => r.GetProperty("name").GetString()).Should().BeEquivalentTo(csv.Select(r => r.Product).Distinct());
        rows.Select(r => r.GetProperty("trackRecord").GetProperty("wonValue").GetDecimal()).Should().BeInDescendingOrder();
        purchases.GetProperty("dealsWithoutPackage").GetInt32().Should().Be(0);
        foreach (var row in rows)
        {
            var name = row.GetProperty("name").GetString()!;
            var deals = csv.Where(r => r.Product == name).ToList();
            row.GetProperty("trackRecord").GetProperty("leads").GetInt32().Should().Be(deals.Count, name);
            TheRecordIsTheFiles(row.GetProperty("trackRecord"), deals, name);
            var link = row.GetProperty("leadsLink").GetString()!;
            link.Should().Be($"/leads?accountId={id}&packageId={row.GetProperty("packageId").GetInt32()}");
            (await (await client.GetAsync("/api" + link + "&pageSize=1")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(deals.Count, link);
        }

        rows.Sum(r => r.GetProperty("trackRecord").GetProperty("wonValue").GetDecimal()).Should().Be(detail.GetProperty("summary").GetProperty("wonValue").GetDecimal());
        // Each won deal on its list says what it was won for (the file's close_value), so the list adds up to the total.
        var won = (await (await client.GetAsync($"/api/leads?accountId={id}&status=won&pageSize=100")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        won.Select(l => l.GetProperty("wonValue").GetDecimal()).Should().BeEquivalentTo(csv.Where(r => r.Stage == "Won").Select(r => r.Value));
        var open = (await (await client.GetAsync($"/api/leads?accountId={id}&status=open&pageSize=1")).ReadJsonAsync()).GetProperty("items")[0];
        open.GetProperty("wonValue").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        rows.Sum(r => r.GetProperty("trackRecord").GetProperty("leads").GetInt32()).Should().Be(detail.GetProperty("summary").GetProperty("deals").GetInt32());
    }

    /// <summary>
    /// The file's sales agent is our side's deal owner. It was stored as the customer's contact too, so a proposal for a
    /// Maven deal was addressed to our own salesperson. The agent is still found by searching for the name.
    /// </summary>
    private async Task TheSalesAgentOwnsTheDealAndIsNotItsContactAsync(HttpClient client)
    {
        int darcels;
        await using (var db = factory.CreateDbContext())
        {
            (await db.Set<Lead>().CountAsync(l => l.Source == MavenCrmMapping.Source && l.ContactName != null)).Should().Be(0);
            (await db.Set<Lead>().CountAsync(l => l.Source == MavenCrmMapping.Source && l.Owner == null)).Should().Be(0);
            darcels = await db.Set<Lead>().CountAsync(l => l.Owner == "Darcel Schlecht");
        }

        darcels.Should().BeGreaterThan(100, "Darcel Schlecht is the busiest agent in the sample");
        (await (await client.GetAsync("/api/leads?q=Darcel%20Schlecht")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(darcels);
        var found = await (await client.GetAsync("/api/search?q=darcel")).ReadAsync<OperatorConsole.Data.Search.SearchResults>();
        found.Items.Should().Contain(h => (h.Kind == "lead" || h.Kind == "client") && h.Subtitle!.Contains("owner Darcel Schlecht"));
    }

    /// <summary>
    /// The brief on the anchored clock counted the 500 undated rows as "New leads 500" on 2017-12-31, and /leads opened
    /// on them (newest first): now the brief counts dated leads only and undated ones sort last both ways.
    /// </summary>
    private async Task UndatedRowsAreNotNewAndListLastAsync(HttpClient client)
    {
        var brief = await (await client.GetAsync("/api/brief")).ReadAsync<OperatorConsole.Data.Brief.TodaysBriefReport>();
        brief.GeneratedAt.Date.Should().Be(new DateTime(2017, 12, 31), "the brief reads the anchored data clock");
        await using (var db = factory.CreateDbContext())
        {
            var datedThatDay = await db.Set<Lead>().CountAsync(l => !l.CreatedAtEstimated && l.CreatedAt >= brief.Since && l.CreatedAt <= brief.GeneratedAt);
            brief.Line("brief.new_leads")!.Count.Should().Be(datedThatDay).And.BeLessThan(500);
        }

        foreach (var sort in new[] { "", "&sort=createdAt", "&sort=-createdAt" })
        {
            var first = await (await client.GetAsync("/api/leads?pageSize=500" + sort)).ReadJsonAsync();
            first.GetProperty("items").EnumerateArray().Should().OnlyContain(l => !l.GetProperty("createdAtEstimated").GetBoolean(), sort);
            var last = await (await client.GetAsync("/api/leads?page=18&pageSize=500" + sort)).ReadJsonAsync();
            last.GetProperty("items").EnumerateArray().Should().HaveCount(300).And.OnlyContain(l => l.GetProperty("createdAtEstimated").GetBoolean(), sort);
        }

        // The export leaves the stand-in date out, as the file came in; a dated deal keeps its date.
        var prospecting = ExportTestSupport.ParseCsv<OperatorConsole.Data.Leads.LeadCsvRow>(await client.GetStringAsync("/api/exports/leads.csv?status=new"));
        prospecting.Should().HaveCount(500).And.OnlyContain(r => r.CreatedAt == null);
        var engaging = ExportTestSupport.ParseCsv<OperatorConsole.Data.Leads.LeadCsvRow>(await client.GetStringAsync("/api/exports/leads.csv?status=qualified"));
        engaging.Should().HaveCount(1589).And.OnlyContain(r => r.CreatedAt != null);
    }

    [Fact]
    public async Task MavenImport_IsOperatorOnly_AndRefusesAFolderWithoutThePipeline()
    {
        await factory.EnsureViewerAsync();
        var viewer = await factory.CreateViewerClientAsync();
        (await viewer.PostJsonAsync("/api/imports/maven", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.CreateAgentClient().PostJsonAsync("/api/imports/maven", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var client = await factory.CreateOperatorClientAsync();
        var response = await client.PostJsonAsync("/api/imports/maven", new { folder = Path.GetTempPath() });
        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").GetProperty("folder").GetArrayLength().Should().Be(1);
    }
}
