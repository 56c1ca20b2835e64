using Bunit;
using Microsoft.AspNetCore.Components;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;
using OperatorConsole.Tests.Api.Import;
using OperatorConsole.Web.Components.Layout;
using OperatorConsole.Web.Features.CommandCenter;

namespace OperatorConsole.Tests.Components.Clock;

/// <summary>
/// Issue 19 part 2, "the same screen never shows two reference dates": the Command Center (in the app's layout, with
/// its banner) on the imported Maven CRM data, fake clock in November 2026. Every card's period label and the banner
/// name one date — the data's 31 Dec 2017, or today after "switch to now" — and the scorecard shows the data's year.
/// </summary>
public sealed class CommandCenterClockTests : IAsyncLifetime
{
    private readonly ComponentTestContext _ctx = new();

    public async Task InitializeAsync()
    {
        _ctx.SignInAs();
        var imported = await _ctx.Service<ImportJobService>().RunMavenNowAsync(ImportTestSupport.MavenFolder(), DuplicateMode.Skip, Actor.System);
        imported.Value!.CreatedCount.Should().Be(8800);
        await using var db = _ctx.CreateDbContext();
        db.Add(new ApprovalRequest
        {
            Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "1", Title = "Deploy the scoring model",
            RequestedAt = _ctx.Clock.GetUtcNow().UtcDateTime.AddHours(-3), RequestedById = "p", RequestedByName = "Partner",
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public void CommandCenter_OnMavenData_EveryCardAndTheBannerNameTheDataDate()
    {
        var cut = RenderScreen(ClockMode.Data);

        cut.WaitForAssertion(() =>
        {
            cut.FindAll("[data-testid=clock-banner]").Should().ContainSingle();
            cut.FindAll("[data-testid=period-label]").Should().HaveCountGreaterThanOrEqualTo(6, "failures, brief, scorecard, constraint and the two time charts");
        }, TimeSpan.FromSeconds(30));

        cut.Find("[data-testid=clock-banner]").TextContent.Should().Contain("Showing data as of 31 Dec 2017").And.Contain("Switch to now");
        var dates = cut.FindAll("[data-testid=period-label]").Select(e => e.GetAttribute("data-clock-date")).Append(cut.Find("[data-testid=clock-banner]").GetAttribute("data-clock-date"));
        dates.Distinct().Should().Equal(["31 Dec 2017"], "one screen, one reference date");
        cut.FindAll("[data-testid=period-label]").Should().OnlyContain(e => e.TextContent.Contains("31 Dec 2017"), "each card says which period it shows");

        var scorecard = cut.Find("[data-testid=MoneyScorecard]");
        scorecard.QuerySelector("[data-testid='scorecard-value-scorecard.won_value.year']")!.TextContent.Should().Contain(10_005_534m.ToString("N0"));
        scorecard.QuerySelector("[data-testid='scorecard-value-scorecard.win_rate.year']")!.TextContent.Should().Contain("63.2");
        scorecard.QuerySelector("[data-testid='scorecard-value-scorecard.won_value.week']")!.TextContent.Should().NotContain("—");
        cut.Find("[data-testid=ConstraintCard]").TextContent.Should().NotContain("No approvals waiting", "an approval is pending, requested after the data's date");
    }

    [Fact]
    public void CommandCenter_SwitchedToNow_EveryCardNamesToday()
    {
        var cut = RenderScreen(ClockMode.Now);

        cut.WaitForAssertion(() =>
        {
            cut.FindAll("[data-testid=clock-banner]").Should().ContainSingle();
            cut.FindAll("[data-testid=period-label]").Should().HaveCountGreaterThanOrEqualTo(6);
        }, TimeSpan.FromSeconds(30));

        cut.Find("[data-testid=clock-banner]").TextContent.Should().Contain("Switch to data as of 31 Dec 2017");
        // Every card follows the viewer's switch, the Failures panel's deal ages included (its "now" report).
        cut.FindAll("[data-testid=period-label]").Select(e => e.GetAttribute("data-clock-date"))
            .Append(cut.Find("[data-testid=clock-banner]").GetAttribute("data-clock-date"))
            .Distinct().Should().Equal(["25 Nov 2026"], "one screen, one reference date");
        cut.Find("[data-testid=FailuresPanel]").QuerySelector("[data-testid=period-label]").Should().NotBeNull("the panel says which date its deal ages use");
        cut.Find("[data-testid='scorecard-value-scorecard.won_value.year']").TextContent.Should().Contain("0");
    }

    [Fact]
    public void CommandCenter_InItsLayout_IsFewComponentInstancesPerCircuit()
    {
        var cut = RenderScreen(ClockMode.Data);
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=period-label]").Should().HaveCountGreaterThanOrEqualTo(6), TimeSpan.FromSeconds(30));

        // Every component instance is kept in every open circuit with two render-tree arrays of at least 32 frames
        // (2.5 KB) and its state: about 3 KB before it shows anything. Grids, headings, period lines and app-bar
        // buttons are plain markup (ADR 211); what is left is components with behaviour or their own live data.
        var instances = cut.FindComponents<IComponent>();
        instances.Select(c => c.Instance.GetType().Name).Should().NotContain(["MudGrid", "MudItem", "MudText", "MudIconButton", "PeriodLabel"]);
        instances.Count.Should().BeLessThanOrEqualTo(75, "108 before ADR 211");
    }

    private IRenderedComponent<CascadingValue<ClockMode>> RenderScreen(ClockMode mode) =>
        _ctx.Render<CascadingValue<ClockMode>>(p => p
            .Add(c => c.Value, mode)
            .Add(c => c.IsFixed, true)
            .AddChildContent<MainLayout>(layout => layout.Add(l => l.Body, (RenderFragment)(b =>
            {
                b.OpenComponent<CommandCenterPage>(0);
                b.CloseComponent();
            }))));

    public Task DisposeAsync() => _ctx.DisposeAsync().AsTask();
}
