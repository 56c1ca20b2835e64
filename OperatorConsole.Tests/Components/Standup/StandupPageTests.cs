using AngleSharp.Dom;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Web.Features.Failures;
using OperatorConsole.Web.Features.Standup;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Standup;

/// <summary>The stand-up page over the real services and a SQLite file of its own.</summary>
public sealed class StandupPageTests : IAsyncLifetime
{
    private static readonly string[] Panels =
        ["standup-failures", "standup-constraint", "standup-results", "standup-agent-jobs", "standup-approvals", "standup-won"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oc-bunit-standup", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly BunitContext _context = new();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:OperatorConsole"] = $"Data Source={Path.Combine(_folder, "standup.db")}" })
            .Build();
        var services = _context.Services;
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddData(configuration);
        services.AddLiveConsole(configuration);
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<FailuresReportCache>();
        services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    }

    private async Task SeedAsync()
    {
        await using var db = await _context.Services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync();
        var lead = new Lead { Title = "Harbor Realty scoring", Status = LeadStatus.Qualified, CreatedAt = Now.AddDays(-30), StatusChangedAt = Now.AddDays(-20), LastContactAt = Now.AddDays(-9) };
        var client = new Lead { Title = "Northwind invoices", Status = LeadStatus.Building, CreatedAt = Now.AddDays(-40), StatusChangedAt = Now.AddDays(-10), LastContactAt = Now.AddDays(-1) };
        db.AddRange(lead, client);
        await db.SaveChangesAsync();
        db.Add(new PipelineRun { LeadId = lead.Id, Kind = "enrich", StartedAt = Now.AddHours(-1), Status = RunStatus.Fail, Error = "fetch: timeout", RecordedAt = Now, ActorId = "a", ActorName = "Agent" });
        db.Add(new ApprovalRequest { Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "1", Title = "Deploy scheduler", RequestedAt = Now.AddDays(-2), RequestedById = "p", RequestedByName = "Partner" });
        db.Add(new AgentJob { CreatedAt = Now.AddHours(-3), TaskRequested = "Add CSV export", Result = AgentJobResult.Failure, RecordedById = "agent", RecordedByName = "Agent" });
        db.Add(new ClientSuccess
        {
            LeadId = client.Id, MetricName = "Invoices sent", TargetValue = 40, DueDate = Now.AddDays(20), TargetSetAt = Now.AddDays(-10),
            CreatedAt = Now.AddDays(-10), UpdatedAt = Now.AddDays(-10), UpdatedByName = "Operator",
        });
        db.Add(new AgentJob { CreatedAt = Now.AddHours(-30), TaskRequested = "Old job outside the window", Result = AgentJobResult.Success, RecordedById = "agent", RecordedByName = "Agent" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task StandupPage_WithData_RendersEveryPanelAndNoWriteControl()
    {
        await SeedAsync();

        var cut = _context.Render<StandupPage>();

        cut.WaitForAssertion(() =>
        {
            foreach (var panel in Panels)
            {
                cut.FindAll($"[data-testid={panel}]").Should().ContainSingle(panel);
            }

            cut.Find("[data-testid=standup-failures-total]").TextContent.Trim().Should().NotBe("0");
            cut.Find("[data-testid=standup-approvals-total]").TextContent.Trim().Should().Be("1");
            cut.Find("[data-testid=standup-agent-jobs-total]").TextContent.Trim().Should().Be("1");
        });
        cut.Find("[data-testid=standup-failures]").TextContent.Should().Contain("fetch: timeout");
        cut.Find("[data-testid=standup-approvals]").TextContent.Should().Contain("Deploy scheduler").And.Contain("2 d 0 h");
        cut.Find("[data-testid=standup-agent-jobs]").TextContent.Should().Contain("Add CSV export").And.NotContain("Old job outside the window");
        cut.Find("[data-testid=standup-results]").TextContent.Should().Contain("Northwind invoices").And.Contain("off track of 1 client");
        cut.Find("[data-testid=standup-won-value]").TextContent.Trim().Should().Be("0 USD");
        WriteControls(cut.Nodes).Should().BeEmpty();
    }

    [Fact]
    public void StandupPage_Empty_TeachesInEveryPanelAndHasNoWriteControl()
    {
        var cut = _context.Render<StandupPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=standup-failures-total]").TextContent.Trim().Should().Be("0"));
        cut.WaitForAssertion(() => cut.Find("[data-testid=standup-results]").TextContent.Should().Contain("No active clients"));
        cut.Find("[data-testid=standup-agent-jobs]").TextContent.Should().Contain("POST /api/agent-jobs");
        cut.Find("[data-testid=standup-approvals]").TextContent.Should().Contain("Nothing waits");
        WriteControls(cut.Nodes).Should().BeEmpty();
    }

    [Fact]
    public async Task StandupPage_NudgesAlone_AreNotCountedAsNeedingAPerson_AsOnTheBadge()
    {
        await using (var db = await _context.Services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync())
        {
            // A deal nobody touched for 9 days: a nudge, not breakage (a CRM import brings thousands of these).
            db.Add(new Lead { Title = "Quiet deal", Status = LeadStatus.Qualified, CreatedAt = Now.AddDays(-30), StatusChangedAt = Now.AddDays(-20), LastContactAt = Now.AddDays(-9) });
            await db.SaveChangesAsync();
        }

        var cut = _context.Render<StandupPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=standup-failures-nudges]").TextContent.Should().Be("and 1 nudge: worth a look, nothing is broken"));
        cut.Find("[data-testid=standup-failures-total]").TextContent.Trim().Should().Be("0");
        cut.Find("[data-testid=standup-failures-total]").ClassList.Should().Contain("mud-success-text");
        cut.Find("[data-testid=standup-bucket-StaleByTouch]").TextContent.Should().Contain("Quiet deal");
    }

    [Fact]
    public async Task StandupPage_WithBreakageAndNudges_CountsTheBreakage_AndListsItFirst()
    {
        await SeedAsync();

        var cut = _context.Render<StandupPage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=standup-failures-nudges]").TextContent.Should().MatchRegex("^and [0-9]+ nudges?: worth a look, nothing is broken$"));
        var buckets = cut.FindAll("[data-testid^=standup-bucket-]").Select(r => r.GetAttribute("data-testid")).ToList();
        buckets.Should().Equal("standup-bucket-FailedRuns", "standup-bucket-NeedsApproval", "standup-bucket-StaleByTouch", "standup-bucket-Interventions");
        // The big number is what the rows of broken and waiting buckets add up to (the failed run, the approval), not the nudge.
        var urgentRows = cut.FindAll("[data-testid^=standup-bucket-]")
            .Where(r => r.GetAttribute("data-testid") is "standup-bucket-FailedRuns" or "standup-bucket-BrokenIntegrations" or "standup-bucket-NeedsApproval")
            .Sum(r => int.Parse(r.QuerySelector("td")!.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture));
        urgentRows.Should().BeGreaterThanOrEqualTo(2);
        cut.Find("[data-testid=standup-failures-total]").TextContent.Trim().Should().Be(urgentRows.ToString(System.Globalization.CultureInfo.InvariantCulture));
        cut.Find("[data-testid=standup-failures-total]").ClassList.Should().Contain("mud-error-text");
    }

    [Fact]
    public async Task StandupPage_NewFailedRun_RaisesTheTotalLive()
    {
        var cut = _context.Render<StandupPage>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=standup-failures-total]").TextContent.Trim().Should().Be("0"));

        await using (var db = await _context.Services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync())
        {
            db.Add(new PipelineRun { Kind = "enrich", StartedAt = Now.AddMinutes(-5), Status = RunStatus.Fail, Error = "503", RecordedAt = Now, ActorId = "a", ActorName = "Agent" });
            await db.SaveChangesAsync();
        }

        cut.WaitForAssertion(() => cut.Find("[data-testid=standup-failures-total]").TextContent.Trim().Should().Be("1"), TimeSpan.FromSeconds(5));
    }

    private static IEnumerable<string> WriteControls(INodeList nodes) =>
        nodes.OfType<IElement>()
            .SelectMany(e => e.QuerySelectorAll("button, input, textarea, select, form, [role=button], [contenteditable=true]").Append(e))
            .Where(e => e.Matches("button, input, textarea, select, form, [role=button], [contenteditable=true]"))
            .Select(e => e.OuterHtml);

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pool: the temp folder is cleaned by the OS.
        }
    }
}
