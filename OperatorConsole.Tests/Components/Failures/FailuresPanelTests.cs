using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Tests.Api.Failures;
using OperatorConsole.Web.Features.Failures;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Tests.Components.Failures;

/// <summary>
/// The panel over the real report: a SQLite file of its own, the real service, cache and live stream, and the
/// two kinds of feature source registered as other features will.
/// </summary>
public sealed class FailuresPanelTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "oc-bunit-failures", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly BunitContext _context = new();

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Registers everything and creates the database; the service provider is built here, so sources go first.</summary>
    private async Task StartAsync(bool withSources = true)
    {
        Directory.CreateDirectory(_folder);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:OperatorConsole"] = $"Data Source={Path.Combine(_folder, "panel.db")}" })
            .Build();
        var services = _context.Services;
        services.AddLogging();
        services.AddData(configuration);
        services.AddLiveConsole(configuration);
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton<FailuresReportCache>();
        if (withSources)
        {
            services.AddSingleton<ILowConfidenceSource, TestLowConfidenceSource>();
            services.AddSingleton<IInterventionSource, TestInterventionSource>();
        }

        services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
    }

    private async Task SeedEveryBucketAsync()
    {
        await using var db = await _context.Services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync();
        var stale = new Lead { Title = "Harbor Realty scoring", Status = LeadStatus.Qualified, CreatedAt = Now.AddDays(-30), StatusChangedAt = Now.AddDays(-20), LastContactAt = Now.AddDays(-9) };
        var stuck = new Lead { Title = "TalentBridge automation", Status = LeadStatus.Proposal, CreatedAt = Now.AddDays(-30), StatusChangedAt = Now.AddDays(-6), LastContactAt = Now.AddDays(-1) };
        var sent = new Lead { Title = "Northwind invoices", Status = LeadStatus.Proposal, CreatedAt = Now.AddDays(-30), StatusChangedAt = Now.AddDays(-12), LastContactAt = Now.AddDays(-1) };
        db.AddRange(stale, stuck, sent);
        await db.SaveChangesAsync();
        db.Add(new Proposal { LeadId = sent.Id, Title = "Invoices", Status = ProposalStatus.Sent, SentAt = Now.AddDays(-9), CreatedAt = Now.AddDays(-10), CreatedById = "u", CreatedByName = "U" });
        db.Add(new PipelineRun { LeadId = stale.Id, Kind = "enrich", StartedAt = Now.AddHours(-1), Status = RunStatus.Fail, Error = "fetch: timeout", RecordedAt = Now, ActorId = "a", ActorName = "Agent" });
        db.Add(new IntegrationHealth { Name = "crm-webhook", CreatedAt = Now.AddDays(-3), LastReportOk = false, LastReportAt = Now.AddMinutes(-5), LastErrorAt = Now.AddMinutes(-5), LastError = "401 token expired" });
        db.Add(new ApprovalRequest { Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "1", Title = "Deploy scheduler", RequestedAt = Now.AddDays(-1), RequestedById = "p", RequestedByName = "Partner" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task FailuresPanel_WithEveryBucket_RendersCountsAndLinksToEachRecord()
    {
        await StartAsync();
        await SeedEveryBucketAsync();

        var cut = _context.Render<FailuresPanel>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=failures-item]").Should().NotBeEmpty(), TimeSpan.FromSeconds(5));
        foreach (var bucket in new[] { "failed_runs", "stale_by_touch", "stale_proposals", "stuck_proposals", "broken_integrations", "low_confidence", "needs_approval", "interventions" })
        {
            cut.Find($"[data-testid=failures-count-{bucket}]").GetAttribute("href").Should().Be($"/failures?bucket={bucket}");
            cut.Find($"[data-testid=failures-count-{bucket}] [data-testid=failures-count-value]").TextContent.Should().Be("1", bucket);
        }

        cut.Find("[data-testid=failures-panel-total]").TextContent.Trim().Should().Be("8");
        var links = cut.FindAll("[data-testid=failures-item]").Select(a => a.GetAttribute("href")).ToList();
        links.Should().Contain(l => l!.StartsWith("/runs/", StringComparison.Ordinal));
        links.Should().Contain(l => l!.StartsWith("/leads/", StringComparison.Ordinal));
        links.Should().Contain("/integrations");
        links.Should().Contain("/learning");
        cut.FindAll("[data-testid=failures-item]").Select(a => a.GetAttribute("data-bucket")).Distinct().Should().HaveCount(7, "every bucket but approvals, which have their own block");
        cut.Find("[data-testid=failures-approval-item]").GetAttribute("href").Should().Be("/approvals");
        cut.Find("[data-testid=failures-approvals]").TextContent.Should().Contain("1 approval waiting");
    }

    [Fact]
    public async Task FailuresPanel_NothingWrong_TeachesWhatWouldAppear()
    {
        await StartAsync(withSources: false);
        var cut = _context.Render<FailuresPanel>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-state]").TextContent.Should().Contain("Nothing needs you"), TimeSpan.FromSeconds(5));
        cut.Find("[data-testid=failures-panel-total]").TextContent.Trim().Should().Be("0");
        cut.FindAll("[data-testid=failures-item]").Should().BeEmpty();
    }

    [Fact]
    public async Task FailuresPanel_ARunFailsAfterRendering_UpdatesWithoutReload()
    {
        await StartAsync();
        var cut = _context.Render<FailuresPanel>();
        cut.WaitForAssertion(() => cut.Find("[data-testid=failures-count-failed_runs] [data-testid=failures-count-value]").TextContent.Should().Be("0"), TimeSpan.FromSeconds(5));

        await using (var db = await _context.Services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync())
        {
            db.Add(new PipelineRun { Kind = "research", StartedAt = Now.AddMinutes(-1), Status = RunStatus.Fail, Error = RunStatusPolicy.NoStepsError, RecordedAt = Now, ActorId = "a", ActorName = "Agent" });
            await db.SaveChangesAsync();
        }

        cut.WaitForAssertion(() => cut.Find("[data-testid=failures-count-failed_runs] [data-testid=failures-count-value]").TextContent.Should().Be("1"), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task FailuresBadge_CountsBrokenAndDecisionsOnly_NeverNudges()
    {
        await StartAsync();
        await SeedEveryBucketAsync();

        var cut = _context.Render<FailuresBadge>();

        // Eight items in eight buckets: a failed run and a broken integration (Broken) and an approval (Needs a decision).
        cut.WaitForAssertion(() => cut.Find("[data-testid=failures-total]").TextContent.Trim().Should().Be("3"), TimeSpan.FromSeconds(5));
        cut.Find("[data-testid=failures-badge]").GetAttribute("aria-label").Should().Be("Failures 3: 2 broken, 1 waiting for a decision");
    }

    [Fact]
    public async Task BucketSection_ShowsTheFirstRows_AndShowMoreAddsAPage()
    {
        var auth = _context.AddAuthorization();
        auth.SetAuthorized("op");
        auth.SetRoles("Operator");
        await StartAsync(withSources: false);
        var items = Enumerable.Range(1, 30).Select(i => (OperatorConsole.Domain.Failures.IFailureItem)OperatorConsole.Domain.Failures.StaleByTouchPolicy.Item(
            new OperatorConsole.Domain.Failures.DealActivity(i, $"Deal {i}", LeadStatus.New, false, Now.AddDays(-40), null), Now, new OperatorConsole.Domain.Settings.Thresholds())).ToList();

        var cut = _context.Render<FailuresBucketSection>(p => p
            .Add(c => c.Bucket, OperatorConsole.Domain.Failures.FailureBucket.StaleByTouch).Add(c => c.Items, items).Add(c => c.Count, 30).Add(c => c.Now, Now));

        cut.FindAll("[data-testid=failures-row]").Should().HaveCount(FailuresBucketSection.PageSize);
        cut.Find("[data-testid=failures-bucket-ack-all]").TextContent.Should().Contain("all 30");
        cut.Find("[data-testid=failures-show-more]").Click();
        cut.FindAll("[data-testid=failures-row]").Should().HaveCount(30);
        cut.FindAll("[data-testid=failures-show-more]").Should().BeEmpty();
    }

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
            // A file still held by the OS is harmless in a temp folder.
        }
    }
}
