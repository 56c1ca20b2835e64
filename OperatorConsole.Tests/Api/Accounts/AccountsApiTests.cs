using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Api.Foundation;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Accounts;

/// <summary>Accounts over the API: one per company however it is spelled, leads linked and filtered by it, strict and audited writes, worst first over every account.</summary>
public sealed class AccountsApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static string Unique(string name) => $"{name} {Guid.NewGuid():N}"[..(name.Length + 9)];

    [Fact]
    public async Task Account_MatchesItsNameIgnoringCaseAndSpacing_AndLeadsLinkToIt_AndFilterByIt()
    {
        var client = await factory.CreateOperatorClientAsync();
        var name = Unique("Acme Corp");
        var created = await client.PostJsonAsync("/api/accounts", new { name = "  " + name.Replace(" ", "   ") + " ", sector = "retail", employees = 50, website = "acme.example" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var account = await created.ReadJsonAsync();
        var id = account.GetProperty("id").GetInt32();
        account.GetProperty("name").GetString().Should().Be(name, "spacing is collapsed, case kept");
        account.GetProperty("website").GetString().Should().Be("https://acme.example");
        created.Headers.Location!.ToString().Should().Be($"/api/accounts/{id}");

        (await client.PostJsonAsync("/api/accounts", new { name = name.ToUpperInvariant() })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var agent = factory.CreateAgentClient();
        var lead = await (await agent.PostJsonAsync("/api/leads", new { title = "Website", company = name.ToLowerInvariant(), owner = "Moses" })).ReadJsonAsync();
        lead.GetProperty("accountId").GetInt32().Should().Be(id);
        lead.GetProperty("accountName").GetString().Should().Be(name);
        lead.GetProperty("company").GetString().Should().Be(name, "the company text follows the account's name");
        lead.GetProperty("owner").GetString().Should().Be("Moses");
        await agent.PostJsonAsync("/api/leads", new { title = "Chatbot", accountId = id, status = "approved" });
        await agent.PostJsonAsync("/api/leads", new { title = "Someone else's", company = Unique("Other Co") });

        var filtered = await (await client.GetAsync($"/api/leads?accountId={id}")).ReadJsonAsync();
        filtered.GetProperty("total").GetInt32().Should().Be(2);
        filtered.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("accountId").GetInt32()).Should().OnlyContain(a => a == id);

        var detail = await (await client.GetAsync($"/api/accounts/{id}")).ReadJsonAsync();
        var summary = detail.GetProperty("summary");
        summary.GetProperty("deals").GetInt32().Should().Be(2);
        summary.GetProperty("wonDeals").GetInt32().Should().Be(1);
        summary.GetProperty("activeProjects").GetInt32().Should().Be(1);
        summary.GetProperty("noTarget").GetInt32().Should().Be(1);
        detail.GetProperty("results").GetArrayLength().Should().Be(1);

        await (await agent.PostJsonAsync("/api/leads", new { title = "Mismatch", accountId = id, company = "Somebody Else" }))
            .ShouldHaveFieldErrorAsync("company");
        await (await agent.PostJsonAsync("/api/leads", new { title = "Ghost", accountId = 999999 })).ShouldHaveFieldErrorAsync("accountId");
        (await client.GetAsync("/api/accounts/999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await using var db = factory.CreateDbContext();
        (await db.AuditEntries.CountAsync(a => a.Action == "account.created" && a.RecordId == id.ToString())).Should().Be(1);
    }

    [Fact]
    public async Task Leads_FilterByOwner_InTheListAndTheExport_AndTheOwnersAreSearchable()
    {
        var client = await factory.CreateOperatorClientAsync();
        var agent = factory.CreateAgentClient();
        var owner = Unique("Rep");
        var other = Unique("Rep");
        await agent.PostJsonAsync("/api/leads", new { title = "Hers, won", owner, status = "approved" });
        await agent.PostJsonAsync("/api/leads", new { title = "Hers, open", owner });
        await agent.PostJsonAsync("/api/leads", new { title = "His", owner = other });

        var mine = await (await client.GetAsync($"/api/leads?owner={Uri.EscapeDataString(owner)}")).ReadJsonAsync();
        mine.GetProperty("total").GetInt32().Should().Be(2);
        mine.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("owner").GetString()).Should().OnlyContain(o => o == owner);
        (await (await client.GetAsync($"/api/leads?owner={Uri.EscapeDataString(owner)}&status=approved")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(1);
        (await (await client.GetAsync("/api/leads?owner=Nobody%20Here")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(0);
        // The search box finds a deal by its owner too.
        (await (await client.GetAsync($"/api/leads?q={Uri.EscapeDataString(other)}")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(1);

        var csv = await client.GetStringAsync($"/api/exports/leads.csv?owner={Uri.EscapeDataString(owner)}");
        var rows = OperatorConsole.Tests.Api.Import.ExportTestSupport.ParseCsv<OperatorConsole.Data.Leads.LeadCsvRow>(csv);
        rows.Select(r => r.Title).Should().BeEquivalentTo("Hers, won", "Hers, open");

        var owners = await factory.Services.GetRequiredService<OperatorConsole.Data.Leads.LeadService>().OwnersAsync(owner[..^2]);
        owners.Should().Contain(owner);
    }

    [Fact]
    public async Task Leads_FilterBySource_InTheListAndTheExport_AndTheSourcesAreSearchable()
    {
        var client = await factory.CreateOperatorClientAsync();
        var agent = factory.CreateAgentClient();
        var source = Unique("webinar");
        await agent.PostJsonAsync("/api/leads", new { title = "From the webinar", source });
        await agent.PostJsonAsync("/api/leads", new { title = "From the webinar, won", source, status = "approved" });
        await agent.PostJsonAsync("/api/leads", new { title = "Elsewhere", source = Unique("event") });

        var from = await (await client.GetAsync($"/api/leads?source={Uri.EscapeDataString(source)}")).ReadJsonAsync();
        from.GetProperty("total").GetInt32().Should().Be(2);
        (await (await client.GetAsync($"/api/leads?source={Uri.EscapeDataString(source)}&status=approved")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(1);
        (await (await client.GetAsync("/api/leads?source=nowhere")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(0);

        var csv = await client.GetStringAsync($"/api/exports/leads.csv?source={Uri.EscapeDataString(source)}");
        OperatorConsole.Tests.Api.Import.ExportTestSupport.ParseCsv<OperatorConsole.Data.Leads.LeadCsvRow>(csv).Select(r => r.Title)
            .Should().BeEquivalentTo("From the webinar", "From the webinar, won");
        (await factory.Services.GetRequiredService<OperatorConsole.Data.Leads.LeadService>().SourcesAsync(source[..^2])).Should().Equal(source);
    }

    /// <summary>
    /// minValue / maxValue: both ends inclusive, compared as numbers (SQLite keeps decimals as text, where "550" sorts
    /// above "10000"), a deal without an estimate in no range; the export applies the same; a wrong range is a 400.
    /// </summary>
    [Fact]
    public async Task Leads_FilterByValueRange_InclusiveAndNumeric_InTheListAndTheExport_AndABadRangeIsAProblem()
    {
        var client = await factory.CreateOperatorClientAsync();
        var agent = factory.CreateAgentClient();
        var source = Unique("range");
        foreach (var (title, value) in new (string, decimal?)[] { ("Small", 550m), ("Edge", 10_000m), ("Large", 26_768.5m), ("Unvalued", null) })
        {
            (await agent.PostJsonAsync("/api/leads", new { title, source, estimatedValue = value })).StatusCode.Should().Be(HttpStatusCode.Created);
        }

        async Task<string[]> Titles(string query) =>
            (await (await client.GetAsync($"/api/leads?source={Uri.EscapeDataString(source)}&sort=estimatedValue&{query}")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray();

        (await Titles("minValue=10000")).Should().Equal("Edge", "Large");
        (await Titles("maxValue=10000")).Should().Equal("Small", "Edge");
        (await Titles("minValue=600&maxValue=26768.5")).Should().Equal("Edge", "Large");
        (await Titles("minValue=0")).Should().Equal("Small", "Edge", "Large");

        var csv = await client.GetStringAsync($"/api/exports/leads.csv?source={Uri.EscapeDataString(source)}&minValue=10000");
        OperatorConsole.Tests.Api.Import.ExportTestSupport.ParseCsv<OperatorConsole.Data.Leads.LeadCsvRow>(csv).Select(r => r.Title).Should().BeEquivalentTo("Edge", "Large");

        foreach (var (path, field) in new[]
                 {
                     ("/api/leads?minValue=-1", "minValue"), ("/api/leads?minValue=5000&maxValue=100", "maxValue"),
                     ("/api/leads?maxValue=ten", "maxValue"), ("/api/exports/leads.csv?minValue=9&maxValue=1", "maxValue"),
                 })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, path);
            (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty(field, out _).Should().BeTrue(path);
        }
    }

    /// <summary>
    /// nextStep=none keeps the open deals with nothing planned (Pipedrive's "no activity scheduled"), planned the ones
    /// with a step due ahead, overdue the ones past due; a won deal plans none and is in none of them. The list and the
    /// export agree, and anything else is a 400 naming the field.
    /// </summary>
    [Fact]
    public async Task Leads_FilterByNextStep_NonePlannedOverdue_InTheListAndTheExport()
    {
        var client = await factory.CreateOperatorClientAsync();
        var source = Unique("steps");
        var ids = new Dictionary<string, int>();
        foreach (var (title, status) in new[] { ("Nothing", "qualified"), ("Planned", "proposal"), ("Late", "new"), ("Done", "qualified"), ("Won", "approved") })
        {
            var created = await client.PostJsonAsync("/api/leads", new { title, source, status });
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            ids[title] = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();
        }

        var now = factory.Clock.GetUtcNow().UtcDateTime;
        foreach (var title in new[] { "Planned", "Late", "Done" })
        {
            (await client.PutAsJsonAsync($"/api/leads/{ids[title]}/next-step", new { what = "Call back", dueAt = now.AddDays(2) })).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await client.PostAsync($"/api/leads/{ids["Done"]}/next-step/done", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        await using (var db = factory.CreateDbContext())
        {
            // A step planned earlier whose day has passed (the API takes no due date in the past).
            var late = await db.Set<Lead>().SingleAsync(l => l.Id == ids["Late"]);
            late.NextStepDueAt = now.AddDays(-1);
            await db.SaveChangesAsync();
        }

        async Task<string[]> Titles(string query) =>
            (await (await client.GetAsync($"/api/leads?source={Uri.EscapeDataString(source)}&sort=title&{query}")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).ToArray();

        (await Titles("nextStep=none")).Should().Equal("Done", "Nothing");
        (await Titles("nextStep=planned")).Should().Equal("Planned");
        (await Titles("nextStep=overdue")).Should().Equal("Late");
        var csv = await client.GetStringAsync($"/api/exports/leads.csv?source={Uri.EscapeDataString(source)}&nextStep=none");
        OperatorConsole.Tests.Api.Import.ExportTestSupport.ParseCsv<OperatorConsole.Data.Leads.LeadCsvRow>(csv).Select(r => r.Title).Should().BeEquivalentTo("Done", "Nothing");
        foreach (var path in new[] { "/api/leads?nextStep=later", "/api/exports/leads.csv?nextStep=soon" })
        {
            var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, path);
            (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("nextStep", out _).Should().BeTrue(path);
        }
    }

    /// <summary>
    /// status=open keeps New, Qualified and Proposal, status=won Approved, Building and Shipped (Pipedrive's open / won /
    /// lost), in the list and the export alike; a stage's name still keeps that stage only, and anything else is a 400.
    /// </summary>
    [Fact]
    public async Task Leads_FilterByState_OpenAndWonKeepEveryStageOfIt_InTheListAndTheExport()
    {
        var client = await factory.CreateOperatorClientAsync();
        var agent = factory.CreateAgentClient();
        var source = Unique("state");
        foreach (var stage in new[] { "new", "qualified", "proposal", "approved", "building", "shipped", "lost" })
        {
            var id = (await (await agent.PostJsonAsync("/api/leads", new { title = stage, source })).ReadJsonAsync()).GetProperty("id").GetInt32();
            if (stage != "new")
            {
                (await client.PostJsonAsync($"/api/leads/{id}/status", new { status = stage, reason = "test" })).StatusCode.Should().Be(HttpStatusCode.OK, stage);
            }
        }

        async Task<string[]> Titles(string query) =>
            (await (await client.GetAsync($"/api/leads?source={Uri.EscapeDataString(source)}&{query}")).ReadJsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("title").GetString()!).Order().ToArray();

        (await Titles("status=open")).Should().Equal("new", "proposal", "qualified");
        (await Titles("status=WON")).Should().Equal("approved", "building", "shipped");
        (await Titles("status=lost")).Should().Equal("lost");
        (await Titles("status=building")).Should().Equal("building");

        var csv = await client.GetStringAsync($"/api/exports/leads.csv?source={Uri.EscapeDataString(source)}&status=open");
        OperatorConsole.Tests.Api.Import.ExportTestSupport.ParseCsv<OperatorConsole.Data.Leads.LeadCsvRow>(csv).Select(r => r.Title).Should().BeEquivalentTo("new", "qualified", "proposal");

        var refused = await client.GetAsync("/api/leads?status=closed");
        refused.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await refused.ReadJsonAsync()).GetProperty("errors").GetProperty("status")[0].GetString().Should().Contain("open, won, new");
    }

    [Fact]
    public async Task AccountWrites_AreStrict_PatchIsOperatorOnly_AndARenameFollowsOnItsDealsAndIsAudited()
    {
        var client = await factory.CreateOperatorClientAsync();
        await (await client.PostRawAsync("/api/accounts", """{"name":"Strict Ltd","colour":"red"}""")).ShouldHaveFieldErrorAsync("colour");
        await (await client.PostRawAsync("/api/accounts", """{"sector":"retail"}""")).ShouldHaveFieldErrorAsync("name");
        await (await client.PostRawAsync("/api/accounts", """{"name":"Bad numbers","employees":"many"}""")).ShouldHaveFieldErrorAsync("employees");
        await using (var db = factory.CreateDbContext())
        {
            (await db.Set<OperatorConsole.Domain.Accounts.Account>().CountAsync(a => a.Name == "Strict Ltd" || a.Name == "Bad numbers")).Should().Be(0, "a refused body writes nothing");
        }

        var name = Unique("Rename Me");
        var id = (await (await client.PostJsonAsync("/api/accounts", new { name })).ReadJsonAsync()).GetProperty("id").GetInt32();
        var lead = await (await client.PostJsonAsync("/api/leads", new { title = "Deal", company = name })).ReadJsonAsync();

        await (await client.SendRawAsync("PATCH", $"/api/accounts/{id}", """{"nmae":"typo"}""")).ShouldHaveFieldErrorAsync("nmae");
        (await factory.CreateAgentClient().SendRawAsync("PATCH", $"/api/accounts/{id}", """{"notes":"machine"}""")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var renamed = Unique("Renamed Group");
        var patched = await client.SendRawAsync("PATCH", $"/api/accounts/{id}", $$"""{"name":"{{renamed}}","notes":"Key account"}""");
        patched.StatusCode.Should().Be(HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        (await patched.ReadJsonAsync()).GetProperty("notes").GetString().Should().Be("Key account");
        var after = await (await client.GetAsync($"/api/leads/{lead.GetProperty("id").GetInt32()}")).ReadJsonAsync();
        after.GetProperty("company").GetString().Should().Be(renamed);

        await using var check = factory.CreateDbContext();
        var audit = await check.AuditEntries.Where(a => a.Action == "account.updated" && a.RecordId == id.ToString()).ToListAsync();
        audit.Should().ContainSingle().Which.Summary.Should().Contain(renamed);
    }

    [Fact]
    public async Task AnAccountsCountryYearAndParent_AreFields_AParentIsNeverItselfNorBelowIt_AndZeroRemovesIt()
    {
        var client = await factory.CreateOperatorClientAsync();
        var group = Unique("Holding");
        var groupId = (await (await client.PostJsonAsync("/api/accounts", new { name = group, country = " Norway ", yearEstablished = 1670 })).ReadJsonAsync()).GetProperty("id").GetInt32();
        var created = await client.PostJsonAsync("/api/accounts", new { name = Unique("Daughter"), parentAccountId = groupId, country = "Kenya" });
        created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var daughter = await created.ReadJsonAsync();
        var daughterId = daughter.GetProperty("id").GetInt32();
        daughter.GetProperty("parent").GetProperty("id").GetInt32().Should().Be(groupId);
        daughter.GetProperty("parent").GetProperty("name").GetString().Should().Be(group);
        var grandchild = (await (await client.PostJsonAsync("/api/accounts", new { name = Unique("Grandchild"), parentAccountId = daughterId })).ReadJsonAsync()).GetProperty("id").GetInt32();

        var holding = await (await client.GetAsync($"/api/accounts/{groupId}")).ReadJsonAsync();
        (holding.GetProperty("account").GetProperty("country").GetString(), holding.GetProperty("account").GetProperty("yearEstablished").GetInt32())
            .Should().Be(("Norway", 1670));
        holding.GetProperty("subsidiaries").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).Should().Equal(daughterId);
        holding.GetProperty("group").ValueKind.Should().NotBe(System.Text.Json.JsonValueKind.Null);
        holding.GetProperty("group").GetProperty("accounts").GetInt32().Should().Be(3, "the group is the account and everything below it, the grandchild too");
        // A deal won two levels down is the group's, not the holding's own; its won value is the one its account's row
        // shows (an account's won total reads won proposals, and this client has none).
        (await client.PostJsonAsync("/api/leads", new { title = Unique("Grandchild deal"), accountId = grandchild, estimatedValue = 1_200m, status = "approved" })).EnsureSuccessStatusCode();
        (await client.PostJsonAsync("/api/leads", new { title = Unique("Daughter deal"), accountId = daughterId, estimatedValue = 300m })).EnsureSuccessStatusCode();
        var rolledUp = await (await client.GetAsync($"/api/accounts/{groupId}")).ReadJsonAsync();
        var grandchildRow = (await (await client.GetAsync($"/api/accounts/{grandchild}")).ReadJsonAsync()).GetProperty("summary");
        (rolledUp.GetProperty("group").GetProperty("deals").GetInt32(), rolledUp.GetProperty("group").GetProperty("openDeals").GetInt32(),
            rolledUp.GetProperty("group").GetProperty("wonDeals").GetInt32(), rolledUp.GetProperty("group").GetProperty("wonValue").GetDecimal())
            .Should().Be((2, 1, 1, grandchildRow.GetProperty("wonValue").GetDecimal()));
        rolledUp.GetProperty("group").GetProperty("winRate").GetDecimal().Should().Be(1m, "1 won of 1 closed");
        rolledUp.GetProperty("summary").GetProperty("deals").GetInt32().Should().Be(0, "the holding's own row counts its own deals only");
        (await (await client.GetAsync($"/api/accounts/{grandchild}")).ReadJsonAsync()).GetProperty("group").ValueKind
            .Should().Be(System.Text.Json.JsonValueKind.Null, "an account with nothing below it has no group to add up");
        var norway = await (await client.GetAsync("/api/accounts?country=norway&pageSize=100")).ReadJsonAsync();
        norway.GetProperty("items").EnumerateArray().Should().Contain(a => a.GetProperty("id").GetInt32() == groupId)
            .And.OnlyContain(a => a.GetProperty("country").GetString() == "Norway");

        // Refused, with the field named, and nothing written: itself, one of its own subsidiaries, an unknown account,
        // a year to come or before 1000.
        await (await client.SendRawAsync("PATCH", $"/api/accounts/{groupId}", $$"""{"parentAccountId":{{groupId}}}""")).ShouldHaveFieldErrorAsync("parentAccountId");
        await (await client.SendRawAsync("PATCH", $"/api/accounts/{groupId}", $$"""{"parentAccountId":{{grandchild}}}""")).ShouldHaveFieldErrorAsync("parentAccountId");
        await (await client.SendRawAsync("PATCH", $"/api/accounts/{daughterId}", """{"parentAccountId":999999,"notes":"not saved"}""")).ShouldHaveFieldErrorAsync("parentAccountId");
        await (await client.SendRawAsync("PATCH", $"/api/accounts/{daughterId}", """{"yearEstablished":2027}""")).ShouldHaveFieldErrorAsync("yearEstablished");
        await (await client.PostRawAsync("/api/accounts", """{"name":"Too old","yearEstablished":999}""")).ShouldHaveFieldErrorAsync("yearEstablished");
        await (await client.PostRawAsync("/api/accounts", """{"name":"Orphan","parentAccountId":0}""")).ShouldHaveFieldErrorAsync("parentAccountId");
        await using (var db = factory.CreateDbContext())
        {
            var stored = await db.Set<OperatorConsole.Domain.Accounts.Account>().SingleAsync(a => a.Id == groupId);
            stored.ParentAccountId.Should().BeNull();
            (await db.Set<OperatorConsole.Domain.Accounts.Account>().SingleAsync(a => a.Id == daughterId)).Notes.Should().BeNull();
            (await db.Set<OperatorConsole.Domain.Accounts.Account>().CountAsync(a => a.Name == "Too old" || a.Name == "Orphan")).Should().Be(0);
        }

        // A grandparent may become the parent; 0 removes it; the audit keeps both sides.
        (await client.SendRawAsync("PATCH", $"/api/accounts/{grandchild}", $$"""{"parentAccountId":{{groupId}}}""")).StatusCode.Should().Be(HttpStatusCode.OK);
        var removed = await client.SendRawAsync("PATCH", $"/api/accounts/{daughterId}", """{"parentAccountId":0,"country":""}""");
        removed.StatusCode.Should().Be(HttpStatusCode.OK, await removed.Content.ReadAsStringAsync());
        var view = await removed.ReadJsonAsync();
        view.GetProperty("parent").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        view.GetProperty("country").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null, "an empty text clears the field");
        await using var check = factory.CreateDbContext();
        var audit = await check.AuditEntries.Where(a => a.Action == "account.updated" && a.RecordId == daughterId.ToString()).SingleAsync();
        audit.Before.Should().Contain(group);
    }

    [Fact]
    public async Task AccountList_IsWorstFirstOverEveryAccount_NotJustThePageOnScreen()
    {
        var client = await factory.CreateOperatorClientAsync();
        var prefix = Unique("Rank");
        for (var i = 0; i < 6; i++)
        {
            await client.PostJsonAsync("/api/leads", new { title = "Prospect", company = $"{prefix} open {i}" });
        }

        // Created last and sorting last by name: only a ranking over every account puts it on page 1.
        await client.PostJsonAsync("/api/leads", new { title = "Client deal", company = $"{prefix} zz client", status = "approved" });

        var page = await (await client.GetAsync($"/api/accounts?q={Uri.EscapeDataString(prefix)}&pageSize=2")).ReadJsonAsync();
        page.GetProperty("total").GetInt32().Should().Be(7);
        page.GetProperty("items").GetArrayLength().Should().Be(2);
        page.GetProperty("items")[0].GetProperty("name").GetString().Should().Be($"{prefix} zz client");
        page.GetProperty("items")[0].GetProperty("flags").EnumerateArray().Select(f => f.GetString()).Should().Contain("no_target");

        var clientsOnly = await (await client.GetAsync($"/api/accounts?q={Uri.EscapeDataString(prefix)}&clients=true")).ReadJsonAsync();
        clientsOnly.GetProperty("total").GetInt32().Should().Be(1);
        await (await client.GetAsync("/api/accounts?sort=revenue")).ShouldHaveFieldErrorAsync("sort", 400);

        // Most open deals first (the chat's "accounts with open deals" links here): the client account has none.
        await client.PostJsonAsync("/api/leads", new { title = "Second prospect", company = $"{prefix} open 3" });
        var byOpen = await (await client.GetAsync($"/api/accounts?q={Uri.EscapeDataString(prefix)}&sort=-openDeals")).ReadJsonAsync();
        byOpen.GetProperty("items")[0].GetProperty("name").GetString().Should().Be($"{prefix} open 3");
        byOpen.GetProperty("items")[0].GetProperty("openDeals").GetInt32().Should().Be(2);
        byOpen.GetProperty("items")[6].GetProperty("name").GetString().Should().Be($"{prefix} zz client");
    }
}
