using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Results;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Results;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Results;

public sealed class ClientSuccessCardTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>, IAsyncLifetime
{
    private static readonly Actor Operator = new(ActorKind.User, "op", "Test Operator", IsOperator: true);

    private readonly BunitContext _bunit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private IRenderedComponent<ClientSuccessCard> RenderCard(int leadId, string role)
    {
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddSingleton(factory.Services.GetRequiredService<ClientSuccessService>());
        _bunit.Services.AddSingleton(factory.Services.GetRequiredService<ProofArtifactService>());
        _bunit.Services.AddSingleton(factory.Services.GetRequiredService<ConsoleEvents>());
        _bunit.Services.AddSingleton(factory.Services.GetRequiredService<LiveQueries>());
        _bunit.Services.AddScoped<CircuitRefresh>();
        _bunit.Services.AddSingleton<TimeProvider>(factory.Clock);
        var auth = _bunit.AddAuthorization();
        auth.SetAuthorized("Test person");
        auth.SetRoles(role);
        return _bunit.Render<ClientSuccessCard>(p => p.Add(c => c.LeadId, leadId));
    }

    private async Task<int> LeadAsync()
    {
        var leads = factory.Services.GetRequiredService<LeadService>();
        return (await leads.CreateAsync(new CreateLeadRequest("Card " + Guid.NewGuid().ToString("N")[..6], Status: LeadStatus.Building), Operator)).Value!.Id;
    }

    [Fact]
    public async Task SuccessCard_OutcomeWithoutSource_ShowsTheErrorAndRecordsNothing()
    {
        var id = await LeadAsync();
        var cut = RenderCard(id, ConsoleRoles.Operator);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=outcome-save]").Should().HaveCount(1));

        cut.Find("input[data-testid=outcome-value]").Change("12");
        cut.Find("[data-testid=outcome-save]").Click();

        cut.WaitForAssertion(() => cut.Markup.Should().Contain("'source' is required"));
        await using var db = factory.CreateDbContext();
        (await db.Set<OutcomeEntry>().AnyAsync(o => o.LeadId == id)).Should().BeFalse();
    }

    [Fact]
    public async Task SuccessCard_OutcomeWithSource_IsRecorded()
    {
        var id = await LeadAsync();
        var cut = RenderCard(id, ConsoleRoles.Operator);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=outcome-save]").Should().HaveCount(1));

        cut.Find("input[data-testid=outcome-value]").Change("12");
        cut.Find("input[data-testid=outcome-source]").Change("Weekly CRM report");
        cut.Find("[data-testid=outcome-save]").Click();

        await using var db = factory.CreateDbContext();
        cut.WaitForAssertion(() => db.Set<OutcomeEntry>().Count(o => o.LeadId == id).Should().Be(1));
        (await db.Set<OutcomeEntry>().SingleAsync(o => o.LeadId == id)).Source.Should().Be("Weekly CRM report");
    }

    [Fact]
    public async Task SuccessCard_ForViewer_IsReadOnly()
    {
        var id = await LeadAsync();
        await factory.Services.GetRequiredService<ClientSuccessService>().UpdateAsync(id, new UpdateClientSuccessRequest(Risks: "API access pending"), Operator);

        var cut = RenderCard(id, ConsoleRoles.Viewer);

        cut.WaitForAssertion(() => cut.Find("[data-testid=cs-risks-view]").TextContent.Should().Be("API access pending"));
        cut.FindAll("[data-testid=cs-save]").Should().BeEmpty();
        cut.FindAll("[data-testid=outcome-save]").Should().BeEmpty();
    }

    [Fact]
    public async Task SuccessCard_UploadOfWrongType_ShowsWhyAndStoresNothing_AndAGoodFileIsStored()
    {
        var id = await LeadAsync();
        var cut = RenderCard(id, ConsoleRoles.Operator);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=proof-file]").Should().HaveCount(1));
        var input = cut.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>();

        input.UploadFiles(InputFileContent.CreateFromBinary([0x4D, 0x5A, 0x90, 0], "evil.exe", contentType: "application/octet-stream"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=proof-error]").TextContent.Should().Contain("not accepted"));

        input.UploadFiles(InputFileContent.CreateFromText("month,reviews\nOct,12\n", "reviews.csv", contentType: "text/csv"));
        await using var db = factory.CreateDbContext();
        cut.WaitForAssertion(() => db.Set<OperatorConsole.Domain.Artifacts.Artifact>().Count(a => a.LeadId == id).Should().Be(1), TimeSpan.FromSeconds(5));
        (await db.Set<OperatorConsole.Domain.Artifacts.Artifact>().SingleAsync(a => a.LeadId == id)).FileName.Should().Be("reviews.csv");
    }
}
