using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Import;

/// <summary>
/// The generic CSV path takes a real CRM export: Maven's sales_pipeline.csv with its accounts.csv, no hand mapping,
/// gives every deal and account, and the dataset's won total and win rate are what the console shows.
/// </summary>
public sealed class GenericImportTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static MultipartFormDataContent Form(byte[] deals, string dealsName, byte[]? accounts = null, Dictionary<string, string>? fields = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(deals);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", dealsName);
        if (accounts is not null)
        {
            var accountsFile = new ByteArrayContent(accounts);
            accountsFile.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(accountsFile, "accounts", "accounts.csv");
        }

        foreach (var (name, value) in fields ?? [])
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }

    [Fact]
    public async Task MavenFiles_ThroughTheGenericPath_Give8800Deals85Accounts_TheWonTotalAndTheWinRate()
    {
        var folder = ImportTestSupport.MavenFolder();
        var pipeline = await File.ReadAllBytesAsync(Path.Combine(folder, MavenCrmMapping.PipelineFile));
        var accounts = await File.ReadAllBytesAsync(Path.Combine(folder, MavenCrmMapping.AccountsFile));
        var client = await factory.CreateOperatorClientAsync();

        // The mapping step guesses every column and every stage value of this export.
        var previewResponse = await client.PostAsync("/api/imports/preview", Form(pipeline, "sales_pipeline.csv", accounts));
        previewResponse.StatusCode.Should().Be(HttpStatusCode.OK, await previewResponse.Content.ReadAsStringAsync());
        var preview = await previewResponse.ReadAsync<ImportPreview>();
        preview.MappingSource.Should().Be("guessed");
        preview.Mapping.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["externalId"] = "opportunity_id", ["owner"] = "sales_agent", ["title"] = "product", ["company"] = "account",
            ["status"] = "deal_stage", ["createdAt"] = "engage_date", ["closedAt"] = "close_date", ["wonValue"] = "close_value",
        });
        preview.StageValues!.Select(v => (v.Value, v.Rows, v.MappedTo)).Should().BeEquivalentTo(new (string, int, LeadStatus?)[]
        {
            ("Won", 4238, LeadStatus.Approved), ("Lost", 2473, LeadStatus.Lost), ("Engaging", 1589, LeadStatus.Qualified), ("Prospecting", 500, LeadStatus.New),
        });
        preview.MappingErrors.Should().BeEmpty();
        preview.TotalRows.Should().Be(8800);
        preview.InvalidRows.Should().Be(0, string.Join("; ", preview.Rows.SelectMany(r => r.Errors).Take(5)));
        preview.Accounts!.TotalRows.Should().Be(85);
        preview.Accounts.InvalidRows.Should().Be(0);

        // Won deals go to a chosen won stage: here the default, Approved (a client).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var job = await client.WaitForJobAsync(await client.PostAsync("/api/imports/leads",
            Form(pipeline, "sales_pipeline.csv", accounts, new() { ["stages"] = """{"Won":"approved"}""" })));
        job.Status.Should().Be(ImportJobStatus.Completed, job.Message);
        job.TotalRows.Should().Be(8800);
        job.CreatedCount.Should().Be(8800);
        job.ErrorCount.Should().Be(0, string.Join("; ", job.Errors.Take(5).Select(e => e.Message)));
        job.AccountsCreatedCount.Should().Be(85);
        // The job's own times come from the test's fixed clock; the wall time (upload to done) is printed for the record.
        Console.WriteLine($"Generic import of the Maven files through the API: {clock.Elapsed.TotalSeconds:F1} s wall for 8,800 deals and 85 accounts");

        await using (var db = factory.CreateDbContext())
        {
            (await db.Set<Account>().CountAsync()).Should().Be(85, "every deal's account is one of accounts.csv's 85");
            (await db.Set<Lead>().CountAsync(l => l.AccountId != null)).Should().Be(8800 - 1425, "every deal with an account is linked (1,425 have none)");
            (await db.Set<Lead>().CountAsync(l => l.Owner == "Moses Frase")).Should().BePositive();
            var acme = await db.Set<Account>().SingleAsync(a => a.NameKey == "acme corporation");
            acme.Sector.Should().Be("technolgy");
            acme.Employees.Should().Be(2822);
        }

        // What the console shows for the data's period: 4,238 won deals worth 10,005,534, 63.2 % of closed deals.
        var summary = await (await client.GetAsync("/api/accounts/summary")).ReadJsonAsync();
        summary.GetProperty("accounts").GetInt32().Should().Be(85);
        summary.GetProperty("deals").GetInt32().Should().Be(8800);
        summary.GetProperty("wonDeals").GetInt32().Should().Be(4238);
        summary.GetProperty("wonValue").GetDecimal().Should().Be(10_005_534m);
        summary.GetProperty("lostDeals").GetInt32().Should().Be(2473);
        Math.Round(summary.GetProperty("winRate").GetDecimal() * 100, 1).Should().Be(63.2m);

        var top = await (await client.GetAsync("/api/accounts?clients=true&pageSize=500")).ReadJsonAsync();
        top.GetProperty("total").GetInt32().Should().Be(85);
        top.GetProperty("items").EnumerateArray().Sum(a => a.GetProperty("wonValue").GetDecimal()).Should().Be(10_005_534m);

        // The next export with the same header opens with the mapping chosen this time.
        var again = await (await client.PostAsync("/api/imports/preview", Form(pipeline, "sales_pipeline-2.csv"))).ReadAsync<ImportPreview>();
        again.MappingSource.Should().Be("remembered");
        again.StageMapping!["Won"].Should().Be(LeadStatus.Approved);
    }

    /// <summary>
    /// A HubSpot deals export (no close value column: a won deal's amount is what it was won for, ADR 244). Its wins
    /// were on /leads alone: the account, the Clients header and the chat said 0 USD won for the same deals.
    /// </summary>
    [Fact]
    public async Task AHubSpotExport_WinsItsClosedWonDealsForTheirAmount_OnEveryScreenAlike()
    {
        using var own = new ConsoleFactory();
        var csv = Encoding.UTF8.GetBytes(
            "Deal Name,Associated Company,Deal Stage,Amount,Close Date,Create Date,Deal owner\n" +
            "Portal,Delta Co,Closed Won,1200,2024-03-04,2024-01-10,Ann Lee\n" +
            "Kiosk,Delta Co,Closed Won,800,2024-03-18,2024-02-01,Ann Lee\n" +
            "Till,Delta Co,Closed Lost,300,2024-03-20,2024-02-02,Bob Ray\n" +
            "Shop,Echo Ltd,Appointment Scheduled,500,,2024-03-01,Bob Ray\n");
        var client = await own.CreateOperatorClientAsync();

        var preview = await (await client.PostAsync("/api/imports/preview", Form(csv, "hubspot-deals.csv"))).ReadAsync<ImportPreview>();
        preview.Mapping.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["title"] = "Deal Name", ["company"] = "Associated Company", ["status"] = "Deal Stage", ["estimatedValue"] = "Amount",
            ["closedAt"] = "Close Date", ["createdAt"] = "Create Date", ["owner"] = "Deal owner",
        });
        preview.InvalidRows.Should().Be(0);
        await ImportAndWinDeltaCoTwiceAsync(client, csv, "hubspot-deals.csv");
    }

    /// <summary>
    /// Imports a file whose Delta Co won 1,200 and 800 USD in March 2024 and lost one deal, and checks every reading of
    /// those wins alike: the account's row, the Clients header, the Leads list's summary and the chat.
    /// </summary>
    private static async Task ImportAndWinDeltaCoTwiceAsync(HttpClient client, byte[] csv, string fileName)
    {
        var job = await client.WaitForJobAsync(await client.PostAsync("/api/imports/leads", Form(csv, fileName)));
        job.Status.Should().Be(ImportJobStatus.Completed, job.Message);

        var delta = (await (await client.GetAsync("/api/accounts?q=Delta")).ReadJsonAsync()).GetProperty("items")[0];
        (delta.GetProperty("wonDeals").GetInt32(), delta.GetProperty("wonValue").GetDecimal(), delta.GetProperty("lostDeals").GetInt32()).Should().Be((2, 2000m, 1));
        var summary = await (await client.GetAsync($"/api/leads/summary?accountId={delta.GetProperty("id").GetInt32()}")).ReadJsonAsync();
        (summary.GetProperty("won").GetInt32(), summary.GetProperty("wonValue").GetDecimal()).Should().Be((2, 2000m), "the Leads list adds up the same wins");
        var clients = await (await client.GetAsync("/api/accounts/summary")).ReadJsonAsync();
        clients.GetProperty("wonValue").GetDecimal().Should().Be(2000m);
        var chat = await (await client.PostJsonAsync("/api/ops/chat", new { question = "How much did we win in March 2024?" })).ReadJsonAsync();
        chat.GetProperty("answer").GetString().Should().Contain("won 2,000 USD from 2 deals");
    }

    /// <summary>
    /// A Pipedrive deals export: every header is "Deal - …", and a won or lost deal stays in its last pipeline stage with
    /// its status (open, won, lost) in a column of its own. Nothing was guessed but the stage, so the title had to be
    /// mapped by hand, and a won deal left in "Negotiations Started" came in as an open Proposal: its win was lost.
    /// </summary>
    [Fact]
    public async Task APipedriveExport_IsGuessed_AndItsStatusColumnDecidesWonAndLost()
    {
        using var own = new ConsoleFactory();
        var csv = Encoding.UTF8.GetBytes(
            "Deal - ID,Deal - Title,Deal - Organization,Deal - Owner,Deal - Value,Deal - Stage,Deal - Status,Deal - Deal created,Deal - Deal closed on,Deal - Lost reason\n" +
            "101,Portal,Delta Co,Ann Lee,1200,Negotiations Started,won,2024-01-10 09:15:00,2024-03-04 16:00:00,\n" +
            "102,Kiosk,Delta Co,Ann Lee,800,Proposal Made,won,2024-02-01 10:00:00,2024-03-18 11:00:00,\n" +
            "103,Till,Delta Co,Bob Ray,300,Contact Made,lost,2024-02-02 10:00:00,2024-03-20 12:00:00,Chose a cheaper vendor\n" +
            "104,Shop,Echo Ltd,Bob Ray,500,Lead In,open,2024-03-01 08:00:00,,\n" +
            "105,Audit,Echo Ltd,Bob Ray,900,Demo Scheduled,open,2024-03-02 08:00:00,,\n");
        var client = await own.CreateOperatorClientAsync();

        var preview = await (await client.PostAsync("/api/imports/preview", Form(csv, "deals-pipedrive.csv"))).ReadAsync<ImportPreview>();
        preview.Mapping.Should().BeEquivalentTo(new Dictionary<string, string>
        {
            ["externalId"] = "Deal - ID", ["title"] = "Deal - Title", ["company"] = "Deal - Organization", ["owner"] = "Deal - Owner",
            ["estimatedValue"] = "Deal - Value", ["status"] = "Deal - Stage", ["outcome"] = "Deal - Status",
            ["createdAt"] = "Deal - Deal created", ["closedAt"] = "Deal - Deal closed on", ["lostReason"] = "Deal - Lost reason",
        });
        preview.StageValues!.Where(v => v.MappedTo is null).Should().BeEmpty("Pipedrive's default pipeline stages are known");
        preview.InvalidRows.Should().Be(0, string.Join("; ", preview.Rows.SelectMany(r => r.Errors)));
        await ImportAndWinDeltaCoTwiceAsync(client, csv, "deals-pipedrive.csv");

        var open = await (await client.GetAsync("/api/leads?status=open&sort=title")).ReadJsonAsync();
        open.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("title").GetString(), i.GetProperty("status").GetString()))
            .Should().Equal(("Audit", "qualified"), ("Shop", "new"));
        // The file's lost reason is the deal's: "Why do we lose deals?" reads it (it had none to read).
        var why = await (await client.PostJsonAsync("/api/ops/chat", new { question = "Why do we lose deals?" })).ReadJsonAsync();
        why.GetProperty("answer").GetString().Should().Contain("Reasons recorded for 1 of the 1 lost deal").And.Contain("\"Chose a cheaper vendor\" (1)");

        // A status that is none of the three is refused on its row, naming it.
        var deleted = Encoding.UTF8.GetBytes("Deal - Title,Deal - Stage,Deal - Status\nGone,Lead In,deleted\n");
        var refused = await (await client.PostAsync("/api/imports/preview", Form(deleted, "deleted.csv"))).ReadAsync<ImportPreview>();
        refused.Rows.Single().Errors.Should().ContainSingle(e => e.Contains("'deleted'") && e.Contains("won, lost or open"));
    }

    [Fact]
    public async Task RefusedRows_ShowTheValuesThatFailedAndWhy_AndAStageMappingFixesThem()
    {
        var csv = Encoding.UTF8.GetBytes(
            "Deal,Company,Stage,Close value,Close date,Created\n" +
            "Portal,Delta Co,Closed Won,1200,2024-03-01,2024-01-10\n" +
            "Bot,Delta Co,Closed Lost,0,2024-03-02,2024-01-11\n" +
            "Audit,Echo Ltd,Parked,,,2024-01-12\n" +
            "Shop,Echo Ltd,Closed Lost,300,2024-03-03,2024-01-13\n");
        var client = await factory.CreateOperatorClientAsync();

        var preview = await (await client.PostAsync("/api/imports/preview", Form(csv, "crm.csv"))).ReadAsync<ImportPreview>();
        preview.Mapping["title"].Should().Be("Deal");
        preview.Mapping["company"].Should().Be("Company");
        preview.StageValues!.Single(v => v.Value == "Parked").MappedTo.Should().BeNull("nobody can guess what 'Parked' means here");
        preview.InvalidRows.Should().Be(2);
        var parked = preview.Rows.Single(r => r.Row == 4);
        parked.Title.Should().Be("Audit", "a refused row still shows its title");
        parked.Values!["status"].Should().Be("Parked");
        parked.Errors.Should().ContainSingle(e => e.Contains("'Parked'"));
        var lostWithValue = preview.Rows.Single(r => r.Row == 5);
        lostWithValue.Values!["wonValue"].Should().Be("300");
        lostWithValue.Errors.Should().ContainSingle(e => e.Contains("'300'"));
        preview.Rows.Single(r => r.Row == 3).Errors.Should().BeEmpty("a lost deal's close value 0 is accepted");

        var mapped = await (await client.PostAsync("/api/imports/preview", Form(csv, "crm.csv", fields: new() { ["stages"] = """{"Parked":"qualified","Closed Won":"shipped"}""" })))
            .ReadAsync<ImportPreview>();
        mapped.InvalidRows.Should().Be(1);
        mapped.Rows.Single(r => r.Row == 2).Status.Should().Be(LeadStatus.Shipped);

        var bad = await client.PostAsync("/api/imports/preview", Form(csv, "crm.csv", fields: new() { ["stages"] = """{"Parked":"someday"}""" }));
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task AnEmptyAccountsFile_OrAnUnknownAccountsColumn_IsRefused_AndNoJobIsQueued()
    {
        var deals = Encoding.UTF8.GetBytes("Deal,Company,Stage\nPortal,Delta Co,New\n");
        var client = await factory.CreateOperatorClientAsync();
        var before = await CountImportJobsAsync();

        var empty = await client.PostAsync("/api/imports/leads", Form(deals, "crm.csv", []));
        var emptyBody = await empty.Content.ReadAsStringAsync();
        empty.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, emptyBody);
        (await empty.ReadJsonAsync()).GetProperty("errors").GetProperty("accounts")[0].GetString().Should().Be("The accounts file is empty.");

        var accounts = Encoding.UTF8.GetBytes("account,sector\nDelta Co,retail\n");
        var unknown = await client.PostAsync("/api/imports/leads",
            Form(deals, "crm.csv", accounts, new() { ["accountMapping"] = """{"name":"Firm"}""" }));
        var unknownBody = await unknown.Content.ReadAsStringAsync();
        unknown.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, unknownBody);
        unknownBody.Should().Contain("Firm", "the problem names the accounts column that is not in the file");

        (await CountImportJobsAsync()).Should().Be(before, "a refused upload queues nothing");
    }

    private async Task<int> CountImportJobsAsync()
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<ImportJob>().CountAsync();
    }
}
