using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Failures;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Data.Runs;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Tests.Api.Failures;

/// <summary>
/// A console with a constructed dataset where every bucket has items on and around its edges, and two feature
/// sources (plus one broken source) registered, as other features will register theirs.
/// </summary>
public sealed class FailuresDatasetFactory : ConsoleFactory, IAsyncLifetime
{
    public FailuresDatasetFactory()
    {
        ConfigureServices = services =>
        {
            services.AddSingleton<ILowConfidenceSource, TestLowConfidenceSource>();
            services.AddSingleton<IInterventionSource, TestInterventionSource>();
            services.AddSingleton<IInterventionSource, ThrowingInterventionSource>();
        };
    }

    public Dictionary<string, int> Leads { get; } = [];
    public Dictionary<string, int> Runs { get; } = [];
    public List<int> PendingApprovals { get; } = [];

    public async Task InitializeAsync()
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var operatorActor = new Actor(ActorKind.User, "arrange", "Arranging operator", IsOperator: true);
        await Services.GetRequiredService<SettingsService>().SaveThresholdsAsync(
            new Thresholds { StaleTouchDaysByStage = new() { [LeadStatus.Proposal] = 3, [LeadStatus.Shipped] = 30 } }, operatorActor);

        await using (var db = CreateDbContext())
        {
            var leads = new[]
            {
                FailuresTestData.Lead("Stale new lead", LeadStatus.New, now.AddDays(-20), now.AddDays(-8)),
                FailuresTestData.Lead("Touched exactly 7 days ago", LeadStatus.Qualified, now.AddDays(-20), now.AddDays(-7)),
                FailuresTestData.Lead("Never touched", LeadStatus.New, now.AddDays(-10), null),
                FailuresTestData.Lead("Lost long ago", LeadStatus.Lost, now.AddDays(-100), now.AddDays(-90)),
                FailuresTestData.Lead("Archived quiet", LeadStatus.Qualified, now.AddDays(-100), null, archived: true),
                FailuresTestData.Lead("Proposal stuck", LeadStatus.Proposal, now.AddDays(-30), now.AddDays(-1), now.AddDays(-6)),
                FailuresTestData.Lead("Proposal sent, no answer", LeadStatus.Proposal, now.AddDays(-30), now.AddDays(-1), now.AddDays(-10)),
                FailuresTestData.Lead("Proposal exactly 5 days", LeadStatus.Proposal, now.AddDays(-30), now.AddDays(-1), now.AddDays(-5)),
                FailuresTestData.Lead("Shipped, stage override 30 d", LeadStatus.Shipped, now.AddDays(-90), now.AddDays(-10), now.AddDays(-40)),
                FailuresTestData.Lead("Proposal quiet 4 days", LeadStatus.Proposal, now.AddDays(-30), now.AddDays(-4), now.AddDays(-2)),
            };
            db.AddRange(leads);
            await db.SaveChangesAsync();
            foreach (var lead in leads)
            {
                Leads[lead.Title] = lead.Id;
            }

            db.Add(new Proposal
            {
                LeadId = Leads["Proposal sent, no answer"], Title = "Sent proposal", Status = ProposalStatus.Sent, CreatedAt = now.AddDays(-9), UpdatedAt = now.AddDays(-8),
                SentAt = now.AddDays(-8), CreatedById = "u", CreatedByName = "U",
            });
            db.Add(new Proposal
            {
                LeadId = Leads["Proposal quiet 4 days"], Title = "Draft", Status = ProposalStatus.Draft, CreatedAt = now.AddDays(-1), UpdatedAt = now.AddDays(-1),
                CreatedById = "u", CreatedByName = "U",
            });
            db.Add(new IntegrationHealth { Name = "gmail-sync", CreatedAt = now.AddDays(-30), LastOkAt = now.AddMinutes(-10), LastReportAt = now.AddMinutes(-10), LastReportOk = true, ExpectedIntervalMinutes = 60 });
            db.Add(new IntegrationHealth { Name = "knowledge-ingest", CreatedAt = now.AddDays(-30), LastOkAt = now.AddHours(-2), LastReportAt = now.AddHours(-2), LastReportOk = true, ExpectedIntervalMinutes = 60 });
            db.Add(new IntegrationHealth { Name = "crm-webhook", CreatedAt = now.AddDays(-30), LastOkAt = now.AddHours(-1), LastReportAt = now.AddMinutes(-5), LastReportOk = false, LastErrorAt = now.AddMinutes(-5), LastError = "401 Unauthorized", ExpectedIntervalMinutes = 240 });
            var older = new ApprovalRequest { Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "1", Title = "Deploy older", RequestedAt = now.AddDays(-2), RequestedById = "p", RequestedByName = "Partner" };
            var newer = new ApprovalRequest { Subject = ApprovalSubject.ProposalSend, SubjectType = "proposal", SubjectId = "1", LeadId = Leads["Proposal sent, no answer"], Title = "Send newer", RequestedAt = now.AddDays(-1), RequestedById = "p", RequestedByName = "Partner" };
            var decided = new ApprovalRequest { Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "2", Title = "Decided", RequestedAt = now.AddDays(-3), State = ApprovalState.Approved, DecidedAt = now.AddDays(-2), RequestedById = "p", RequestedByName = "Partner" };
            db.AddRange(older, newer, decided);
            await db.SaveChangesAsync();
            PendingApprovals.AddRange([older.Id, newer.Id]);
        }

        var agent = CreateAgentClient();
        async Task<int> Run(string name, int? leadId, string kind, DateTime startedAt, params RecordRunStep[] steps)
        {
            var response = await agent.PostJsonAsync("/api/pipeline-runs", new RecordRunRequest(leadId, kind, startedAt, startedAt.AddMinutes(2), steps));
            response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            var id = (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
            Runs[name] = id;
            return id;
        }

        await Run("old fail", Leads["Stale new lead"], "enrich", now.AddDays(-8), new RecordRunStep("fetch", false, "timeout"));
        await Run("fail", Leads["Stale new lead"], "enrich", now.AddHours(-1), new RecordRunStep("fetch", false, "DNS lookup failed"), new RecordRunStep("parse", false, "no input"));
        await Run("partial", Leads["Touched exactly 7 days ago"], "score", now.AddHours(-2), new RecordRunStep("fetch", true), new RecordRunStep("score", false, "model quota exceeded"));
        await Run("no steps", null, "draft", now.AddHours(-3));
        await Run("success", Leads["Never touched"], "score", now.AddHours(-4), new RecordRunStep("fetch", true));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
}

public sealed class FailuresReportApiTests(FailuresDatasetFactory factory) : IClassFixture<FailuresDatasetFactory>
{
    private async Task<JsonElement> GetReportAsync(string query = "")
    {
        var viewer = await factory.CreateViewerClientAsync();
        var response = await viewer.GetAsync("/api/failures" + query);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static IEnumerable<string> Names(JsonElement element) => element.EnumerateObject().Select(p => p.Name);

    [Fact]
    public async Task GetFailures_Shape_HasTheContractsExactPropertyNames()
    {
        var report = await GetReportAsync();

        Names(report).Should().StartWith(
        [
            "generatedAt", "counts", "failedRuns", "lastRunStatusByLead", "staleByTouch", "staleProposals", "stuckProposals",
            "brokenIntegrations", "lowConfidence", "needsApproval", "interventions",
        ]);
        Names(report.GetProperty("counts")).Should().Equal(
            "failedRuns", "staleByTouch", "staleProposals", "stuckProposals", "brokenIntegrations", "lowConfidence", "needsApproval", "interventions", "total");
        report.GetProperty("generatedAt").GetString().Should().EndWith("Z");

        var run = report.GetProperty("failedRuns")[0];
        Names(run).Should().Contain(["runId", "leadId", "leadTitle", "kind", "status", "error", "finishedAt", "link"]);
        run.GetProperty("status").GetString().Should().Be("fail");
        Names(report.GetProperty("lastRunStatusByLead")[0]).Should().Contain(["leadId", "leadTitle", "status", "runId", "finishedAt"]);
        Names(report.GetProperty("staleByTouch")[0]).Should().Contain(["leadId", "leadTitle", "daysSinceTouch", "link"]);
        Names(report.GetProperty("brokenIntegrations")[0]).Should().Contain(["name", "lastOkAt", "message", "link"]);
        Names(report.GetProperty("needsApproval")[0]).Should().Contain(["approvalId", "title", "requestedAt", "link"]);
        Names(report.GetProperty("lowConfidence")[0]).Should().Contain(["title", "confidence", "link"]);
        Names(report.GetProperty("interventions")[0]).Should().Contain(["kind", "title", "link", "severity"]);
    }

    [Fact]
    public async Task GetFailures_ConstructedDataset_CountsEveryBucketOnItsEdges()
    {
        var report = await GetReportAsync();
        var counts = report.GetProperty("counts");

        counts.GetProperty("failedRuns").GetInt32().Should().Be(3, "fail + partial + no-steps runs in the last 7 days; the 8-day-old fail is outside the window");
        counts.GetProperty("staleByTouch").GetInt32().Should().Be(3, "8 d, never touched (from creation), Proposal with its 3-day override; not exactly-7, Lost, archived or Shipped (30 d)");
        counts.GetProperty("staleProposals").GetInt32().Should().Be(1);
        counts.GetProperty("stuckProposals").GetInt32().Should().Be(1, "6 d unsent counts; exactly 5 d and sent ones do not");
        counts.GetProperty("brokenIntegrations").GetInt32().Should().Be(3, "the silent one, the erroring one and the broken feature source");
        counts.GetProperty("lowConfidence").GetInt32().Should().Be(1);
        counts.GetProperty("needsApproval").GetInt32().Should().Be(2);
        // The test's own source, plus what the merged features see in this dataset's Shipped lead:
        // no reusable-asset entry (assets) and no result target (results).
        counts.GetProperty("interventions").GetInt32().Should().Be(3);
        report.GetProperty("interventions").EnumerateArray().Select(i => i.GetProperty("kind").GetString())
            .Should().Contain("missing_reusable_asset");
        counts.GetProperty("total").GetInt32().Should().Be(17);

        var stale = report.GetProperty("staleByTouch").EnumerateArray().Select(s => s.GetProperty("leadId").GetInt32()).ToList();
        stale.Should().BeEquivalentTo([factory.Leads["Stale new lead"], factory.Leads["Never touched"], factory.Leads["Proposal quiet 4 days"]]);
        report.GetProperty("stuckProposals")[0].GetProperty("leadId").GetInt32().Should().Be(factory.Leads["Proposal stuck"]);
        report.GetProperty("staleProposals")[0].GetProperty("link").GetString().Should().Be($"/leads/{factory.Leads["Proposal sent, no answer"]}");
        report.GetProperty("needsApproval").EnumerateArray().Select(a => a.GetProperty("approvalId").GetInt32()).Should().Equal(factory.PendingApprovals);
    }

    [Fact]
    public async Task GetFailures_FailedRuns_CarryTheFailingStepsErrorAndLinkToTheRun()
    {
        var report = await GetReportAsync();
        var runs = report.GetProperty("failedRuns").EnumerateArray().ToDictionary(r => r.GetProperty("runId").GetInt32());

        runs.Keys.Should().BeEquivalentTo([factory.Runs["fail"], factory.Runs["partial"], factory.Runs["no steps"]]);
        runs[factory.Runs["fail"]].GetProperty("error").GetString().Should().Be("fetch: DNS lookup failed");
        runs[factory.Runs["partial"]].GetProperty("status").GetString().Should().Be("partial");
        runs[factory.Runs["no steps"]].GetProperty("error").GetString().Should().Be(OperatorConsole.Domain.Runs.RunStatusPolicy.NoStepsError);
        runs[factory.Runs["fail"]].GetProperty("link").GetString().Should().Be($"/runs/{factory.Runs["fail"]}");
    }

    [Fact]
    public async Task GetFailures_LastRunStatusByLead_IsTheNewestRunOfEachLead()
    {
        var report = await GetReportAsync();
        var byLead = report.GetProperty("lastRunStatusByLead").EnumerateArray().ToDictionary(r => r.GetProperty("leadId").GetInt32());

        byLead[factory.Leads["Stale new lead"]].GetProperty("status").GetString().Should().Be("fail");
        byLead[factory.Leads["Stale new lead"]].GetProperty("runId").GetInt32().Should().Be(factory.Runs["fail"]);
        // The query shapes each item itself: the title and the link come with it.
        byLead[factory.Leads["Stale new lead"]].GetProperty("leadTitle").GetString().Should().Be("Stale new lead");
        byLead[factory.Leads["Stale new lead"]].GetProperty("link").GetString().Should().Be($"/leads/{factory.Leads["Stale new lead"]}");
        byLead[factory.Leads["Touched exactly 7 days ago"]].GetProperty("status").GetString().Should().Be("partial");
        byLead[factory.Leads["Never touched"]].GetProperty("status").GetString().Should().Be("success");
    }

    [Fact]
    public async Task GetFailures_BrokenIntegrations_ShowSilenceErrorsAndTheBrokenSource()
    {
        var report = await GetReportAsync();
        var names = report.GetProperty("brokenIntegrations").EnumerateArray().Select(i => i.GetProperty("name").GetString()).ToList();

        names.Should().Contain(["knowledge-ingest", "crm-webhook", "failures-source:ThrowingInterventionSource"]);
        names.Should().NotContain("gmail-sync");
        report.GetProperty("brokenIntegrations").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "crm-webhook")
            .GetProperty("message").GetString().Should().Contain("401");
    }

    [Fact]
    public async Task GetFailures_Access_PeopleOnly()
    {
        (await factory.CreateAnonymousClient().GetAsync("/api/failures")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await factory.CreateAgentClient().GetAsync("/api/failures")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await factory.CreateOperatorClientAsync()).GetAsync("/api/failures")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApi_DescribesTheFailuresEndpointsAndReportShape()
    {
        var document = await factory.CreateAnonymousClient().GetStringAsync("/openapi/v1.json");

        document.Should().Contain("/api/failures").And.Contain("/api/failures/acknowledgements").And.Contain("FailuresReport");
    }

    [Fact]
    public async Task GetFailures_UnknownInclude_Is400()
    {
        var viewer = await factory.CreateViewerClientAsync();
        var response = await viewer.GetAsync("/api/failures?include=everything");

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("include", out _).Should().BeTrue();
    }
}
