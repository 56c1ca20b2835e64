using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Proposals;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Proposals;

/// <summary>The proposal console rendered with bUnit over the app's real services and database.</summary>
public sealed class ProposalConsoleTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>, IAsyncLifetime
{
    private readonly BunitContext _ctx = new();

    private async Task<int> ArrangeAsync(params IProposalTemplateSource[] templates)
    {
        var app = factory.Services;
        var proposals = new ProposalService(app.GetRequiredService<IDbContextFactory<ConsoleDbContext>>(), app.GetRequiredService<TimeProvider>(), templates);
        _ctx.Services.AddMudServices();
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddSingleton(proposals);
        _ctx.Services.AddSingleton(app.GetRequiredService<LeadService>());
        _ctx.Services.AddSingleton(app.GetRequiredService<ConsoleEvents>());
        _ctx.Services.AddSingleton(app.GetRequiredService<LiveQueries>());
        _ctx.Services.AddScoped<CircuitRefresh>();
        _ctx.Services.AddSingleton(app.GetRequiredService<TimeProvider>());
        _ctx.Services.AddSingleton(new ProposalDrafter(_ctx.Services, app.GetRequiredService<LeadService>(), proposals));
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("operator@test.local");
        auth.SetRoles("Operator");
        var lead = await app.GetRequiredService<LeadService>().CreateAsync(new CreateLeadRequest("Console lead"), Actor.System);
        return lead.Value!.Id;
    }

    [Fact]
    public async Task ProposalConsole_WithoutAzureOpenAIOrPackages_AiButtonIsDisabledAndPackageHookHidden()
    {
        var leadId = await ArrangeAsync();

        var cut = _ctx.Render<ProposalConsole>(p => p.Add(c => c.LeadId, leadId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=proposal-ai-draft]").HasAttribute("disabled").Should().BeTrue());
        cut.Find("[data-testid=proposal-ai-draft]").GetAttribute("aria-label").Should().Contain("not configured");
        cut.FindAll("[data-testid=proposal-from-package]").Should().BeEmpty();
        cut.Markup.Should().Contain("No proposal yet");
    }

    [Fact]
    public async Task ProposalConsole_WithATemplateSource_OffersStartFromAServicePackage()
    {
        var leadId = await ArrangeAsync(new OneTemplate());

        var cut = _ctx.Render<ProposalConsole>(p => p.Add(c => c.LeadId, leadId));

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=proposal-from-package]").Should().NotBeEmpty());
    }

    [Fact]
    public async Task ProposalConsole_StartingAndCancellingANewDraft_LeavesTheSelectedDraftInItsEditor()
    {
        var leadId = await ArrangeAsync();
        var author = new Actor(ActorKind.User, "op", "Operator", IsOperator: true);
        await _ctx.Services.GetRequiredService<ProposalService>().CreateDraftAsync(leadId, new CreateProposalRequest("Intake automation", "Scope: intake.", 9000), author);
        var cut = _ctx.Render<ProposalConsole>(p => p.Add(c => c.LeadId, leadId));
        cut.WaitForAssertion(() => EditedBody(cut).Should().Be("Scope: intake."));

        cut.Find("[data-testid=proposal-new]").Click();
        cut.Find("[data-testid=proposal-compose]").QuerySelector("textarea[data-testid=proposal-body]").Should().NotBeNull("the new draft has its own, empty, editor");
        cut.FindAll("[data-testid=proposal-compose] button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        cut.FindAll("[data-testid=proposal-compose]").Should().BeEmpty();
        EditedBody(cut).Should().Be("Scope: intake.", "starting a new draft must not empty the selected draft's editor");
    }

    [Fact]
    public async Task ProposalConsole_AnApprovedProposal_NamesTheVersionThatWasApproved()
    {
        var leadId = await ArrangeAsync();
        var author = new Actor(ActorKind.User, "op", "Operator", IsOperator: true);
        var draft = await _ctx.Services.GetRequiredService<ProposalService>().CreateDraftAsync(leadId, new CreateProposalRequest("Intake automation", "Scope: intake.", 9000), author);
        await using (var db = factory.CreateDbContext())
        {
            // The approval itself is ApprovalService's (tested there); this test is about how the console names it.
            var proposal = await db.Set<Proposal>().SingleAsync(p => p.Id == draft.Value!.Id);
            proposal.Status = ProposalStatus.SendApproved;
            proposal.ApprovedVersionNumber = 1;
            await db.SaveChangesAsync();
        }

        var cut = _ctx.Render<ProposalConsole>(p => p.Add(c => c.LeadId, leadId));

        cut.WaitForAssertion(() => cut.Find("[data-testid=proposal-detail]").TextContent.Should().Contain("approved version v1").And.NotContain("@"));
    }

    private static string? EditedBody(IRenderedComponent<ProposalConsole> cut) =>
        cut.Find("textarea[data-testid=proposal-edit-body]").GetAttribute("value") ?? cut.Find("textarea[data-testid=proposal-edit-body]").TextContent;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    private sealed class OneTemplate : IProposalTemplateSource
    {
        private static readonly ProposalTemplate Template = new(1, "AI intake starter", "Intake automation", "Scope: intake.", 9000);

        public Task<IReadOnlyList<ProposalTemplate>> ListAsync(int leadId, CancellationToken ct) => Task.FromResult<IReadOnlyList<ProposalTemplate>>([Template]);

        public Task<ProposalTemplate?> GetAsync(int servicePackageId, int leadId, CancellationToken ct) =>
            Task.FromResult(servicePackageId == 1 ? Template : null);
    }
}
