using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Accounts;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Import;

namespace OperatorConsole.Tests.Components.Import;

/// <summary>
/// The generic CSV import on /import as an operator goes through it: pick a file, check the column step, decide the
/// stage values, read the refused rows, start, and find the mapping filled in next time. The import job is run here
/// by the real <see cref="ImportJobService.RunAsync"/> (bUnit starts no background worker), so what the page queued
/// is what gets written.
/// </summary>
public sealed class ImportPageMappingTests : IAsyncLifetime
{
    /// <summary>Maven's own header: nothing in it says "title", and its stages are not ours.</summary>
    private const string MavenLikeDeals =
        "opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value\n" +
        "O-1,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054\n" +
        "O-2,Darcel Schlecht,GTXPro,Hottechi,Prospecting,,,\n" +
        "O-3,Darcel Schlecht,MG Special,Cancity,Engaging,2016-10-25,,\n" +
        "O-4,Moses Frase,GTX Basic,Isdom,Lost,2016-10-25,2017-03-11,0\n" +
        "O-5,Zane Levy,GTX Plus Pro,,Prospecting,,,\n";

    private const string MavenLikeAccounts =
        "account,sector,year_established,revenue,employees,office_location,subsidiary_of\n" +
        "Cancity,retail,2001,718.62,2448,United States,\n" +
        "Hottechi,technolgy,1997,8170.38,16499,Korea,\n" +
        "Isdom,medical,2002,3178.24,4540,United States,\n";

    /// <summary>Another CRM's export: a stage nobody can guess ("Parked") and a lost deal that still carries a close value.</summary>
    private const string OtherCrmDeals =
        "Deal,Company,Stage,Close value,Close date,Created\n" +
        "Portal,Delta Co,Closed Won,1200,2024-03-01,2024-01-10\n" +
        "Bot,Delta Co,Closed Lost,0,2024-03-02,2024-01-11\n" +
        "Audit,Echo Ltd,Parked,,,2024-01-12\n" +
        "Shop,Echo Ltd,Closed Lost,300,2024-03-03,2024-01-13\n";

    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private static void Upload(IRenderedComponent<ImportPage> cut, string testId, string csv, string name) =>
        cut.FindComponents<InputFile>().Single(i => Equals(i.Instance.AdditionalAttributes?["data-testid"], testId))
            .UploadFiles(InputFileContent.CreateFromText(csv, name, contentType: "text/csv"));

    /// <summary>Picks a value in one of the page's selects, as choosing it in the list does.</summary>
    private static Task ChooseAsync<T>(IRenderedComponent<ImportPage> cut, string testId, T value) =>
        cut.InvokeAsync(() => cut.FindComponents<MudSelect<T>>()
            .Single(s => Equals(s.Instance.UserAttributes.GetValueOrDefault("data-testid"), testId))
            .Instance.ValueChanged.InvokeAsync(value));

    private static string Shown(IRenderedComponent<ImportPage> cut, string testId) => cut.Find($"[data-testid='{testId}']").TextContent.Trim();

    private static IElement PreviewRow(IRenderedComponent<ImportPage> cut, int row) =>
        cut.FindAll("[data-testid=import-preview] tbody tr").Single(tr => tr.QuerySelector("td")!.TextContent.Trim() == row.ToString());

    private static string Cell(IElement row, int index) => row.QuerySelectorAll("td")[index].TextContent.Trim();

    /// <summary>Starts the import and runs the job it queued; returns its id once the jobs card shows it finished.</summary>
    private async Task<int> StartAndRunAsync(IRenderedComponent<ImportPage> cut)
    {
        cut.Find("[data-testid=import-start]").HasAttribute("disabled").Should().BeFalse("the preview has no mapping errors");
        await cut.Find("[data-testid=import-start]").ClickAsync(new());
        var job = cut.WaitForElement("[data-testid=import-job]");
        var id = int.Parse(job.GetAttribute("data-job-id")!);
        await _ctx.Service<ImportJobService>().RunAsync(id);
        cut.WaitForAssertion(() => cut.Find($"[data-testid=import-job][data-job-id='{id}']").GetAttribute("data-status").Should().Be("completed"), TimeSpan.FromSeconds(5));
        return id;
    }

    [Fact]
    public async Task ColumnStep_GuessesTheColumnsOfAnotherCrm_AndATitleLeftUnmappedBlocksTheStart()
    {
        var cut = _ctx.RenderWithMud<ImportPage>();
        Upload(cut, "import-file", OtherCrmDeals, "crm.csv");
        cut.WaitForElement("[data-testid=import-preview-summary]");

        cut.Markup.Should().Contain("Column mapping for crm.csv");
        Shown(cut, "map-title").Should().Be("Deal");
        Shown(cut, "map-company").Should().Be("Company");
        Shown(cut, "map-status").Should().Be("Stage");
        Shown(cut, "map-wonValue").Should().Be("Close value");
        Shown(cut, "map-closedAt").Should().Be("Close date");
        Shown(cut, "map-createdAt").Should().Be("Created");
        Shown(cut, "map-contactEmail").Should().Be("(not imported)", "the file has no e-mail column");
        cut.FindAll("[data-testid=import-mapping-remembered]").Should().BeEmpty("this header was never imported");

        // The operator takes the title away: the page says what is missing and will not start.
        await ChooseAsync(cut, "map-title", "");
        cut.WaitForAssertion(() => cut.FindAll(".mud-alert").Select(a => a.TextContent).Should().Contain(t => t.Contains("Map a column to 'Title': it is required.")));
        Shown(cut, "map-title").Should().Be("(not imported)");
        cut.Find("[data-testid=import-start]").HasAttribute("disabled").Should().BeTrue();

        // The company column as the title (a file where the deal is named after its customer): accepted, preview follows.
        await ChooseAsync(cut, "map-title", "Company");
        cut.WaitForAssertion(() => Cell(PreviewRow(cut, 2), 1).Should().Be("Delta Co"));
        cut.Find("[data-testid=import-start]").HasAttribute("disabled").Should().BeFalse();
        cut.FindAll(".mud-alert").Select(a => a.TextContent).Should().NotContain(t => t.Contains("it is required"));
    }

    [Fact]
    public async Task StageStep_ShowsEveryValueWithItsGuess_AndTheWonStageChosenIsWhatGetsImported()
    {
        var cut = _ctx.RenderWithMud<ImportPage>();
        Upload(cut, "import-file", MavenLikeDeals, "sales_pipeline.csv");
        cut.WaitForElement("[data-testid=import-stage-mapping]");
        Upload(cut, "import-accounts-file", MavenLikeAccounts, "accounts.csv");
        cut.WaitForAssertion(() => Shown(cut, "import-accounts-summary").Should().Contain("accounts.csv: 3 accounts, 0 with errors"));

        // Maven's columns: the product names the deal, the account is the company.
        Shown(cut, "map-title").Should().Be("product");
        Shown(cut, "map-company").Should().Be("account");
        Shown(cut, "map-status").Should().Be("deal_stage");
        Shown(cut, "map-owner").Should().Be("sales_agent");

        // Every value of the stage column, most rows first, with what it was taken for.
        cut.FindAll("[data-testid=import-stage-mapping] .mud-input-label").Select(l => l.TextContent.Trim())
            .Should().Equal("Prospecting (2 rows)", "Engaging (1 row)", "Lost (1 row)", "Won (1 row)");
        Shown(cut, "stage-Prospecting").Should().Be("New");
        Shown(cut, "stage-Engaging").Should().Be("Qualified");
        Shown(cut, "stage-Won").Should().Be("Approved (won)");
        Shown(cut, "stage-Lost").Should().Be("Lost");
        Shown(cut, "import-preview-summary").Should().Be("5 rows; all ready, none with errors.");
        Cell(PreviewRow(cut, 5), 4).Should().BeEmpty("a lost deal's close value 0 is no value, not an error");

        // This agency counts a won Maven deal as delivered work.
        await ChooseAsync<LeadStatus?>(cut, "stage-Won", LeadStatus.Shipped);
        cut.WaitForAssertion(() => Shown(cut, "stage-Won").Should().Be("Shipped (won)"));
        Cell(PreviewRow(cut, 2), 3).Should().Be("Shipped");

        await StartAndRunAsync(cut);
        var counts = Shown(cut, "import-counts");
        counts.Should().Contain("5 / 5 rows").And.Contain("5 created").And.Contain("0 with errors").And.Contain("accounts 3 created");

        await using var db = _ctx.CreateDbContext();
        (await db.Set<Lead>().OrderBy(l => l.ExternalId).Select(l => l.Status).ToListAsync())
            .Should().Equal(LeadStatus.Shipped, LeadStatus.New, LeadStatus.Qualified, LeadStatus.Lost, LeadStatus.New);
        (await db.Set<Account>().OrderBy(a => a.Name).Select(a => a.Name).ToListAsync()).Should().Equal("Cancity", "Hottechi", "Isdom");
        (await db.Set<Lead>().CountAsync(l => l.Account!.Name == "Cancity")).Should().Be(2);
    }

    [Fact]
    public async Task RefusedRows_ShowTheFileValuesThatFailedAndWhy_AndMappingTheStageTakesThemIn()
    {
        var cut = _ctx.RenderWithMud<ImportPage>();
        Upload(cut, "import-file", OtherCrmDeals, "crm.csv");
        cut.WaitForElement("[data-testid=import-stage-mapping]");

        Shown(cut, "stage-Closed Won").Should().Be("Approved (won)");
        Shown(cut, "stage-Closed Lost").Should().Be("Lost");
        Shown(cut, "stage-Parked").Should().BeEmpty("nobody can guess what 'Parked' means here");
        cut.Find("[data-testid=import-stage-mapping]").TextContent.Should().Contain("Not mapped: these rows would be refused");
        Shown(cut, "import-preview-summary").Should().Contain("4 rows; 2 ready").And.Contain("2 with errors");

        // A refused row keeps its title, company and the stage as the file has it, and says why, with the file's column names.
        var parked = PreviewRow(cut, 4);
        parked.ClassList.Should().Contain("mud-error-text");
        (Cell(parked, 1), Cell(parked, 2), Cell(parked, 3)).Should().Be(("Audit", "Echo Ltd", "Parked"));
        Cell(parked, 5).Should().Contain("'Parked' is not mapped to a stage");
        parked.QuerySelector("[data-testid=import-row-values]")!.TextContent.Should().Contain("Stage = 'Parked'").And.Contain("Deal = 'Audit'");

        var lostWithValue = PreviewRow(cut, 5);
        Cell(lostWithValue, 4).Should().Be("300");
        Cell(lostWithValue, 5).Should().Contain("'300' on a Lost deal");
        lostWithValue.QuerySelector("[data-testid=import-row-values]")!.TextContent.Should().Contain("Close value = '300'").And.Contain("Stage = 'Closed Lost'");
        PreviewRow(cut, 3).ClassList.Should().NotContain("mud-error-text", "a lost deal's close value 0 is fine");

        // The operator decides what 'Parked' is: those rows are taken in; the lost deal with a value is still refused.
        await ChooseAsync<LeadStatus?>(cut, "stage-Parked", LeadStatus.Qualified);
        cut.WaitForAssertion(() => Shown(cut, "import-preview-summary").Should().Contain("4 rows; 3 ready").And.Contain("1 with errors"));
        Shown(cut, "stage-Parked").Should().Be("Qualified");
        cut.Find("[data-testid=import-stage-mapping]").TextContent.Should().NotContain("Not mapped");
        PreviewRow(cut, 4).ClassList.Should().NotContain("mud-error-text");

        // The finished job lists the row it did not write, and why (its report opens by itself on this page).
        await StartAndRunAsync(cut);
        Shown(cut, "import-counts").Should().Contain("3 created").And.Contain("1 with errors");
        cut.WaitForAssertion(() => cut.Find("[data-testid=import-errors] tbody").TextContent.Should().Contain("5").And.Contain("'300' on a Lost deal"));
        await using var db = _ctx.CreateDbContext();
        (await db.Set<Lead>().Where(l => l.Title == "Audit").Select(l => l.Status).SingleAsync()).Should().Be(LeadStatus.Qualified);
        (await db.Set<Lead>().AnyAsync(l => l.Title == "Shop")).Should().BeFalse("a refused row is never written");
    }

    [Fact]
    public async Task NextFileWithTheSameHeader_OpensWithTheMappingChosenLastTime()
    {
        var first = _ctx.RenderWithMud<ImportPage>();
        Upload(first, "import-file", OtherCrmDeals, "crm-january.csv");
        first.WaitForElement("[data-testid=import-stage-mapping]");
        await ChooseAsync(first, "map-title", "Company");
        first.WaitForAssertion(() => Shown(first, "map-title").Should().Be("Company"));
        await ChooseAsync<LeadStatus?>(first, "stage-Parked", LeadStatus.Proposal);
        await ChooseAsync<LeadStatus?>(first, "stage-Closed Won", LeadStatus.Building);
        first.WaitForAssertion(() => Shown(first, "stage-Closed Won").Should().Be("Building (won)"));
        await StartAndRunAsync(first);

        // A month later, the same CRM's next export (same columns in another case and spacing, other rows) on a fresh page.
        var next = _ctx.RenderWithMud<ImportPage>();
        Upload(next, "import-file",
            "deal,company,stage,close value,close date,created\nKiosk,Foxtrot Inc,Parked,,,2024-04-02\nApp,Golf Ltd,Closed Won,900,2024-05-01,2024-04-03\n",
            "crm-april.csv");
        next.WaitForElement("[data-testid=import-stage-mapping]");

        next.Find("[data-testid=import-mapping-remembered]").TextContent.Should().Contain("The mapping you used last time");
        // The column chosen last time (not the guess, "deal"), spelled as this file spells it.
        Shown(next, "map-title").Should().Be("company");
        Shown(next, "map-wonValue").Should().Be("close value");
        Shown(next, "stage-Parked").Should().Be("Proposal");
        Shown(next, "stage-Closed Won").Should().Be("Building (won)");
        Shown(next, "import-preview-summary").Should().Be("2 rows; all ready, none with errors.");

        // A file with other columns is not taken for it.
        var other = _ctx.RenderWithMud<ImportPage>();
        Upload(other, "import-file", "Deal,Company,Stage\nPortal,Delta Co,Parked\n", "other.csv");
        other.WaitForElement("[data-testid=import-stage-mapping]");
        other.FindAll("[data-testid=import-mapping-remembered]").Should().BeEmpty();
        Shown(other, "map-title").Should().Be("Deal");
        Shown(other, "stage-Parked").Should().BeEmpty();
    }
}
