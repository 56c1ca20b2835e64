using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Data.Risk;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Risk;
using OperatorConsole.Web.Features.Risk;
using OperatorConsole.Web.Features.Settings;

namespace OperatorConsole.Tests.Components.Risk;

public sealed class RiskRulesSettingsTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _ctx.DisposeAsync();

    /// <summary>
    /// Saved rules that make <c>reports</c> high and <c>login</c> low, and three jobs recorded under them: a high one, a
    /// low one, and one at the default that no edit below touches.
    /// </summary>
    private async Task<(int High, int Low, int Untouched)> SeedAsync()
    {
        var saved = await _ctx.Service<RiskRuleService>().SaveAsync(
            [new RiskRuleText("reports", "money_sensitive", "high"), new RiskRuleText("login", "ui_only", "low")],
            ComponentTestContext.TestOperator, "seed");
        saved.Succeeded.Should().BeTrue();
        var jobs = _ctx.Service<AgentJobService>();
        async Task<AgentJobView> Record(string file)
        {
            var result = await jobs.RecordAsync(new RecordAgentJobRequest(null, "job for " + file, [file], "agent/x", AgentJobResult.Success, 1, 0),
                ComponentTestContext.TestOperator);
            result.Succeeded.Should().BeTrue(result.Message);
            return result.Value!;
        }

        var high = await Record("src/Reports/Summary.cs");
        var low = await Record("src/Pages/Login.cs");
        var untouched = await Record("src/Other/Thing.cs");
        high.RiskLevel.Should().Be(RiskLevel.High);
        low.RiskLevel.Should().Be(RiskLevel.Low);
        untouched.RiskLevel.Should().Be(RiskLevel.Medium);
        return (high.Id, low.Id, untouched.Id);
    }

    private IRenderedComponent<RiskRulesSettings> Render()
    {
        _ctx.SignInAs();
        var cut = _ctx.RenderWithMud<RiskRulesSettings>();
        cut.WaitForElement("[data-testid=risk-rules-editor]");
        return cut;
    }

    private async Task<RiskLevel> LevelAsync(int id)
    {
        await using var db = _ctx.CreateDbContext();
        return (await db.Set<AgentJob>().AsNoTracking().SingleAsync(j => j.Id == id)).RiskLevel;
    }

    [Fact]
    public async Task RiskRulesSettings_SaveAfterEdits_ShowsHowManyJobsWouldChangeUpAndDown_BeforeSaving()
    {
        var (high, low, untouched) = await SeedAsync();
        var cut = Render();
        cut.FindAll("[data-testid=risk-rule-row]").Should().HaveCount(2);

        // Remove both rules: the "reports" job falls to the default (down), the "login" job rises to it (up).
        cut.FindAll("[data-testid=risk-rule-remove]")[1].Click();
        cut.FindAll("[data-testid=risk-rule-remove]")[0].Click();
        cut.Find("[data-testid=risk-rules-save]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=risk-rules-preview-summary]").TextContent
            .Should().Be("2 open jobs would change: 1 up, 1 down"));
        cut.FindAll("[data-testid=risk-rules-preview-job]").Select(li => li.GetAttribute("data-job-id"))
            .Should().BeEquivalentTo([high.ToString(System.Globalization.CultureInfo.InvariantCulture), low.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        cut.Find($"[data-testid=risk-rules-preview-job][data-job-id='{high}'] a").GetAttribute("href").Should().Be($"/agent-jobs?job={high}");
        cut.Find($"[data-testid=risk-rules-preview-job][data-job-id='{high}']").TextContent.Should().Contain("high → medium");
        (await LevelAsync(high)).Should().Be(RiskLevel.High, "nothing is saved until the operator confirms");

        cut.Find("[data-testid=risk-rules-confirm]").TextContent.Should().Contain("Save and re-classify 2 jobs");
        cut.Find("[data-testid=risk-rules-confirm]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=risk-rules-preview-result]").Should().BeEmpty());
        (await LevelAsync(high)).Should().Be(RiskLevel.Medium);
        (await LevelAsync(low)).Should().Be(RiskLevel.Medium);
        (await LevelAsync(untouched)).Should().Be(RiskLevel.Medium);
        (await _ctx.Service<RiskRuleService>().GetRulesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task RiskRulesSettings_EditAfterThePreview_PreviewsAgainInsteadOfSavingUnseenChanges()
    {
        var (high, _, _) = await SeedAsync();
        var cut = Render();
        cut.Find("[data-testid=risk-rules-preview]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=risk-rules-preview-summary]").TextContent.Should().Be("No open jobs would change."));

        cut.Find("[data-testid=risk-rules-save]").Click();
        cut.WaitForElement("[data-testid=risk-rules-confirm]");
        cut.FindAll("[data-testid=risk-rule-remove]")[0].Click(); // drops "reports" after the preview was shown
        cut.Find("[data-testid=risk-rules-confirm]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=risk-rules-preview-summary]").TextContent.Should().Be("1 open job would change: 0 up, 1 down"));
        (await LevelAsync(high)).Should().Be(RiskLevel.High, "the changed rules were previewed again, not saved");
    }

    [Fact]
    public async Task RiskRulesSettings_ResetToDefaults_PreviewsTheReclassificationBeforeSaving()
    {
        var (high, low, _) = await SeedAsync();
        var cut = Render();

        cut.Find("[data-testid=risk-rules-reset]").Click();

        // Under the defaults the "reports" job has no rule (down to medium) and Login.cs is auth (up to high).
        cut.WaitForAssertion(() => cut.Find("[data-testid=risk-rules-preview-summary]").TextContent.Should().Be("2 open jobs would change: 1 up, 1 down"));
        cut.FindAll("[data-testid=risk-rule-row]").Should().HaveCount(RiskRules.Defaults.Count, "the defaults are in the editor, not yet saved");
        (await LevelAsync(low)).Should().Be(RiskLevel.Low);

        cut.Find("[data-testid=risk-rules-confirm]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=risk-rules-preview-result]").Should().BeEmpty());
        (await LevelAsync(low)).Should().Be(RiskLevel.High);
        (await LevelAsync(high)).Should().Be(RiskLevel.Medium);
        await using var db = _ctx.CreateDbContext();
        (await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.RecordType == "settings" && a.RecordId == "risk_rules"))
            .Reason.Should().Be("Reset to the default rules");
    }

    [Fact]
    public void SettingsPage_WithTabRiskRules_OpensTheRulesEditor()
    {
        _ctx.SignInAs();
        // The ledger's "Settings → Risk rules" link and the search entry point here.
        _ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/settings?tab=risk-rules");

        var cut = _ctx.RenderWithMud<SettingsPage>();

        cut.WaitForElement("[data-testid=risk-rules-editor]");
        cut.Find("[data-testid=risk-rules-preview]").TextContent.Should().Contain("Preview");
    }

    [Fact]
    public void Summarise_CountsUpDownAndClassOnlyChanges()
    {
        ReclassifiedJob Job(RiskLevel from, RiskLevel to) => new(1, "t", RiskClass.FeatureLogic, from, RiskClass.Infra, to, "x");

        RiskRulesPreview.Summarise([]).Should().Be("No open jobs would change.");
        RiskRulesPreview.Summarise([Job(RiskLevel.Low, RiskLevel.High), Job(RiskLevel.High, RiskLevel.Medium), Job(RiskLevel.Medium, RiskLevel.Medium)])
            .Should().Be("3 open jobs would change: 1 up, 1 down, 1 class only");
    }
}
