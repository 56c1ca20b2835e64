using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using OperatorConsole.Data.Assets;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Assets;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Features.Assets;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Assets;

/// <summary>The card over the real services and a SQLite file of its own (no web host).</summary>
public sealed class ReusableAssetLogCardTests : BunitContext, IAsyncLifetime
{
    private static readonly Actor Operator = new(ActorKind.User, "op-1", "Olga Operator", IsOperator: true);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oc-bunit", Guid.NewGuid().ToString("N"));
    private int _leadId;

    public ReusableAssetLogCardTests()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:OperatorConsole"] = $"Data Source={Path.Combine(_folder, "card.db")}" })
            .Build();
        Services.AddLogging();
        Services.AddData(configuration);
        Services.AddLiveConsole(configuration);
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Registers the signed-in person first: bUnit refuses new services once one has been resolved.</summary>
    private async Task ArrangeAsync(bool isOperator)
    {
        SignIn(isOperator);
        await Services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        var lead = await Services.GetRequiredService<LeadService>().CreateAsync(
            new CreateLeadRequest("Support ticket summariser", "Helio SaaS", Status: LeadStatus.Shipped), Operator);
        _leadId = lead.Value!.Id;
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by the OS is harmless in a temp folder.
        }
    }

    private void SignIn(bool isOperator)
    {
        var auth = AddAuthorization();
        auth.SetAuthorized(isOperator ? "Olga Operator" : "Vic Viewer");
        auth.SetRoles(isOperator ? "Operator" : "Viewer");
    }

    private IRenderedComponent<ReusableAssetLogCard> RenderCard()
    {
        Render<MudPopoverProvider>();
        return Render<ReusableAssetLogCard>(p => p.Add(c => c.LeadId, _leadId));
    }

    private async Task<int> CountAsync()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync();
        return await db.Set<ReusableAssetEntry>().CountAsync();
    }

    [Fact]
    public async Task Card_WithNoEntries_TeachesAndAsksExtractedFirst()
    {
        await ArrangeAsync(isOperator: true);

        var card = RenderCard();

        card.WaitForAssertion(() => card.Find("[data-testid=empty-state]").TextContent.Should().Contain("Nothing logged"));
        card.Markup.Should().Contain("Reusable asset extracted?");
        card.Find("[data-testid=asset-save]").HasAttribute("disabled").Should().BeTrue();
        card.FindAll("[data-testid=asset-reason-input]").Should().BeEmpty();
        card.FindAll("[data-testid=asset-label-input]").Should().BeEmpty();
    }

    [Fact]
    public async Task Card_NoWithoutReason_ShowsTheErrorAndWritesNothing_ThenWithReasonLogsIt()
    {
        await ArrangeAsync(isOperator: true);
        var card = RenderCard();
        card.WaitForAssertion(() => card.Find("input[data-testid=asset-extracted-no]"));

        card.Find("input[data-testid=asset-extracted-no]").Click();
        card.WaitForAssertion(() => card.Find("[data-testid=asset-reason-input]"));
        card.Find("[data-testid=asset-save]").Click();

        card.WaitForAssertion(() => card.Markup.Should().Contain("say why"));
        (await CountAsync()).Should().Be(0);

        card.Find("textarea[data-testid=asset-reason-input], [data-testid=asset-reason-input] textarea").Change("One-off data migration, nothing generic.");
        card.Find("[data-testid=asset-save]").Click();

        card.WaitForAssertion(() => card.Find("[data-testid=asset-reason]").TextContent.Should().Be("One-off data migration, nothing generic."));
        (await CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Card_ShowsLoggedAssets_AndAViewerGetsNoEditControls()
    {
        await ArrangeAsync(isOperator: false);
        await Services.GetRequiredService<ReusableAssetService>().CreateAsync(_leadId,
            new CreateReusableAssetRequest(true, null, AssetType.Prompt, "Ticket summary prompt", "repo: prompts/ticket.md", ReuseConfidence.High), Operator);

        var card = RenderCard();

        card.WaitForAssertion(() => card.Find("[data-testid=asset-label]").TextContent.Should().Be("Ticket summary prompt"));
        card.Find("[data-testid=asset-type]").TextContent.Should().Contain("Prompt");
        card.Find("[data-testid=asset-confidence]").TextContent.Should().Contain("high");
        card.Find("[data-testid=asset-stored-at]").TextContent.Should().Be("repo: prompts/ticket.md");
        card.FindAll("[data-testid=asset-save]").Should().BeEmpty();
        card.FindAll("[data-testid=asset-edit]").Should().BeEmpty();
        card.FindAll("[data-testid=asset-delete]").Should().BeEmpty();
    }

    [Fact]
    public async Task Card_OperatorDeletes_TheEntryGoes()
    {
        await ArrangeAsync(isOperator: true);
        await Services.GetRequiredService<ReusableAssetService>().CreateAsync(_leadId,
            new CreateReusableAssetRequest(false, "Nothing generic."), Operator);
        var card = RenderCard();
        card.WaitForAssertion(() => card.Find("[data-testid=asset-delete]"));

        card.Find("[data-testid=asset-delete]").Click();

        card.WaitForAssertion(() => card.FindAll("[data-testid=asset-entry]").Should().BeEmpty());
        (await CountAsync()).Should().Be(0);
    }
}
