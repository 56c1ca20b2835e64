using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Results;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Features.Results;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Results;

/// <summary>The ledger card rendered over the real services and a real SQLite file (the console factory's).</summary>
public sealed class ResultsLedgerCardTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>, IAsyncLifetime
{
    // Composed rather than inherited: MudBlazor's services must be disposed asynchronously.
    private readonly BunitContext _bunit = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _bunit.DisposeAsync();

    private static readonly Actor Operator = new(ActorKind.User, "op", "Test Operator", IsOperator: true);

    private DateTime Now => factory.Clock.GetUtcNow().UtcDateTime;

    private ClientSuccessService ClientSuccess => factory.Services.GetRequiredService<ClientSuccessService>();

    private IRenderedComponent<ResultsLedgerCard> RenderCard(int leadId)
    {
        _bunit.Services.AddMudServices();
        _bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        _bunit.Services.AddSingleton(ClientSuccess);
        _bunit.Services.AddSingleton(factory.Services.GetRequiredService<ConsoleEvents>());
        _bunit.Services.AddSingleton(factory.Services.GetRequiredService<LiveQueries>());
        _bunit.Services.AddScoped<CircuitRefresh>();
        _bunit.Services.AddSingleton<TimeProvider>(factory.Clock);
        return _bunit.Render<ResultsLedgerCard>(p => p.Add(c => c.LeadId, leadId));
    }

    private async Task<int> ClientAsync(decimal? target = null, decimal? baseline = null, params (decimal Value, double DaysAgo)[] outcomes)
    {
        var leads = factory.Services.GetRequiredService<LeadService>();
        var lead = (await leads.CreateAsync(new CreateLeadRequest("Ledger " + Guid.NewGuid().ToString("N")[..6], "Acme", Status: LeadStatus.Shipped), Operator)).Value!;
        if (target is not null || baseline is not null)
        {
            var result = await ClientSuccess.UpdateAsync(lead.Id, new UpdateClientSuccessRequest(
                target is { } t ? new TargetInput("Bookings per week", "bookings", t, Now.AddDays(30)) : null,
                baseline is { } b ? new BaselineInput(b, Now.AddDays(-30), "Booking export") : null,
                WhatWorked: "Spanish replies"), Operator);
            result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        }

        foreach (var (value, daysAgo) in outcomes)
        {
            (await ClientSuccess.RecordOutcomeAsync(lead.Id, new RecordOutcomeRequest(value, "Weekly report", Now.AddDays(-daysAgo)), Operator)).Succeeded.Should().BeTrue();
        }

        return lead.Id;
    }

    private static string Text(IRenderedComponent<ResultsLedgerCard> cut, string testId) => cut.Find($"[data-testid={testId}]").TextContent;

    [Fact]
    public async Task LedgerCard_WithNoTarget_ShowsTheTeachingEmptyState()
    {
        var id = await ClientAsync();

        var cut = RenderCard(id);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=ledger-empty]").Should().HaveCount(1));
        Text(cut, "ledger-empty").Should().Contain("No result target and no measurement yet");
        Text(cut, "ledger-track").Should().Be("No target");
        cut.FindAll("[data-testid=ledger-chart]").Should().BeEmpty();
    }

    [Fact]
    public async Task LedgerCard_WithNoBaseline_SaysSoAndInventsNoDelta()
    {
        var id = await ClientAsync(target: 200, baseline: null, (150, 2));

        var cut = RenderCard(id);

        cut.WaitForAssertion(() => Text(cut, "ledger-baseline").Should().Contain("No baseline yet"));
        Text(cut, "ledger-current").Should().Contain("150");
        Text(cut, "ledger-delta").Should().Contain("No baseline");
        cut.FindAll("[data-testid=ledger-delta-absolute]").Should().BeEmpty();
        Text(cut, "ledger-track").Should().Be("No baseline");
    }

    [Fact]
    public async Task LedgerCard_WithNoOutcome_SaysNoMeasurementYet()
    {
        var id = await ClientAsync(target: 200, baseline: 100);

        var cut = RenderCard(id);

        cut.WaitForAssertion(() => Text(cut, "ledger-current").Should().Contain("No measurement yet"));
        Text(cut, "ledger-baseline").Should().Contain("100").And.Contain("Booking export");
        Text(cut, "ledger-delta").Should().Contain("No outcome measured yet");
        cut.FindAll("[data-testid=ledger-no-outcomes]").Should().HaveCount(1);
        Text(cut, "ledger-track").Should().Be("No measurement yet");
    }

    [Fact]
    public async Task LedgerCard_OnTrack_ShowsTargetBaselineCurrentDeltaChartAndOutcomes()
    {
        // Half the time used (baseline 30 d ago, due in 30 d), 70% of the way.
        var id = await ClientAsync(target: 200, baseline: 100, (130, 15), (170, 1));

        var cut = RenderCard(id);

        cut.WaitForAssertion(() => Text(cut, "ledger-track").Should().Be("On track"));
        Text(cut, "ledger-target").Should().Contain("200 bookings").And.Contain("Bookings per week").And.Contain("higher is better");
        Text(cut, "ledger-current").Should().Contain("170 bookings");
        Text(cut, "ledger-delta-absolute").Should().Be("+70 bookings");
        Text(cut, "ledger-delta-percent").Should().Contain("+70%");
        cut.FindAll("[data-testid=ledger-chart]").Should().HaveCount(1);
        cut.FindAll("[data-testid=ledger-chart] .oc-sr-only tbody tr").Should().HaveCount(4, "baseline, two outcomes and the due date");
        cut.FindAll("[data-testid=ledger-chart] .oc-sr-only tbody th").Last().TextContent.Should().StartWith("due ");
        cut.FindAll("[data-testid=ledger-outcomes] tbody tr").Should().HaveCount(2);
        Text(cut, "ledger-worked").Should().Be("Spanish replies");
        Text(cut, "ledger-no-proof").Should().Contain("No proof attached");
    }

    [Fact]
    public async Task LedgerCard_OffTrack_ShowsOffTrackWithTheReason()
    {
        // Half the time used, 10% of the way: off track. A negative step on the way shows as such.
        var id = await ClientAsync(target: 200, baseline: 100, (90, 10), (110, 1));

        var cut = RenderCard(id);

        cut.WaitForAssertion(() => Text(cut, "ledger-track").Should().Be("Off track"));
        Text(cut, "ledger-track-note").Should().Contain("10% of the way with 50% of the time used");
        Text(cut, "ledger-delta-absolute").Should().Be("+10 bookings");
    }

    [Fact]
    public async Task LedgerCard_NegativeDelta_IsShownWithItsSign()
    {
        var id = await ClientAsync(target: 200, baseline: 100, (80, 1));

        var cut = RenderCard(id);

        cut.WaitForAssertion(() => Text(cut, "ledger-delta-absolute").Should().Be("-20 bookings"));
        Text(cut, "ledger-delta-percent").Should().Contain("-20%");
    }

    [Fact]
    public async Task LedgerCard_UpdatesLiveWhenAnOutcomeIsRecorded()
    {
        var id = await ClientAsync(target: 200, baseline: 100);
        var cut = RenderCard(id);
        cut.WaitForAssertion(() => Text(cut, "ledger-current").Should().Contain("No measurement yet"));

        await ClientSuccess.RecordOutcomeAsync(id, new RecordOutcomeRequest(160, "Weekly report", Now), Operator);

        cut.WaitForAssertion(() => Text(cut, "ledger-current").Should().Contain("160"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task LedgerChart_LabelsDates_InTheConsolesLanguage_WhateverTheServersCulture()
    {
        var id = await ClientAsync(target: 200, baseline: 100, (130, 15), (170, 1));
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var cut = RenderCard(id);

            cut.WaitForAssertion(() => cut.FindAll("[data-testid=ledger-chart] .oc-sr-only tbody th").Should().HaveCount(4));
            var months = System.Globalization.CultureInfo.InvariantCulture.DateTimeFormat.AbbreviatedMonthNames.Where(m => m.Length > 0).ToList();
            cut.FindAll("[data-testid=ledger-chart] .oc-sr-only tbody th").Select(th => th.TextContent.Replace("due ", "", StringComparison.Ordinal).Split(' ')[0])
                .Should().OnlyContain(m => months.Contains(m));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }
}
