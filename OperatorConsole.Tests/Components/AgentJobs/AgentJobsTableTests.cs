using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Risk;
using OperatorConsole.Web.Features.AgentJobs;

namespace OperatorConsole.Tests.Components.AgentJobs;

public sealed class AgentJobsTableTests : IAsyncLifetime
{
    // MudBlazor registers services that only dispose asynchronously, so the context is disposed that way.
    private readonly BunitContext _context = new();

    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    public AgentJobsTableTests()
    {
        _context.Services.AddMudServices();
        _context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(Now)));
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private IRenderedComponent<AgentJobsTable> Render(Action<ComponentParameterCollectionBuilder<AgentJobsTable>> parameters) =>
        _context.Render(parameters);

    private static AgentJobView Job(int id, RiskLevel level = RiskLevel.High, bool approved = false, DateTime? deployed = null, int? taskId = 7) => new(
        id, Now.AddMinutes(-5), taskId, taskId is null ? null : "Invoice matching", "Add tolerance rules", ["src/Billing/Matcher.cs", "tests/MatcherTests.cs"],
        "agent/invoice", AgentJobResult.Failure, 38, 2, RiskClass.MoneySensitive, level, "*billing*", "src/Billing/Matcher.cs",
        level == RiskLevel.High, approved, approved ? Now : null, approved ? "Ada" : null, null, deployed, deployed is null ? null : "Ada", null,
        "Coding agent", null);

    [Fact]
    public void Row_ShowsTaskFilesBranchResultTestsRiskWithRuleApprovalAndDeployment()
    {
        var cut = Render(p => p.Add(t => t.Jobs, [Job(1)]));

        var row = cut.Find("[data-testid=agent-job-row]");
        row.GetAttribute("data-job-id").Should().Be("1");
        cut.Find("[data-testid=job-task]").TextContent.Should().Be("Add tolerance rules");
        cut.Find("[data-testid=job-files]").TextContent.Should().Contain("src/Billing/Matcher.cs").And.Contain("+1 more");
        row.TextContent.Should().Contain("agent/invoice");
        cut.Find("[data-testid=job-result]").TextContent.Should().Contain("failure");
        cut.Find("[data-testid=job-tests]").TextContent.Should().MatchRegex(@"38\s*/\s*2");
        cut.Find("[data-testid=risk-chip]").TextContent.Should().Contain("Money-sensitive").And.Contain("high");
        cut.Find("[data-testid=job-matched-rule]").TextContent.Should().Be("*billing* matched src/Billing/Matcher.cs");
        cut.Find("[data-testid=job-approval]").TextContent.Should().Contain("needs review");
        cut.Find("[data-testid=job-deployed]").TextContent.Should().Contain("not deployed");
        cut.Find("[data-testid=job-build-task-link]").GetAttribute("href").Should().Be("/build-ops?task=7");
    }

    [Fact]
    public void Row_ForAViewer_HasNoDecisionButtons()
    {
        var cut = Render(p => p.Add(t => t.Jobs, [Job(1)]).Add(t => t.CanDecide, false));

        cut.FindAll("[data-testid=job-approve]").Should().BeEmpty();
        cut.FindAll("[data-testid=job-deploy]").Should().BeEmpty();
    }

    [Fact]
    public void Row_ForAnOperator_HighRiskUnapproved_CanApproveButNotDeploy()
    {
        JobDecisionStart? started = null;
        var cut = Render(p => p.Add(t => t.Jobs, [Job(3)]).Add(t => t.CanDecide, true)
            .Add(t => t.OnDecide, (JobDecisionStart d) => started = d));

        cut.Find("[data-testid=job-deploy]").HasAttribute("disabled").Should().BeTrue();
        cut.Find("[data-testid=job-approve]").Click();

        started!.Job.Id.Should().Be(3);
        started.Action.Should().Be(JobAction.Approve);
    }

    [Fact]
    public void Row_ApprovedAndDeployed_ShowsWhoAndHidesTheButtons()
    {
        var cut = Render(p => p.Add(t => t.Jobs, [Job(4, approved: true, deployed: Now.AddHours(-2))]).Add(t => t.CanDecide, true));

        cut.Find("[data-testid=job-approval]").TextContent.Should().Contain("approved").And.Contain("Ada");
        cut.Find("[data-testid=job-deployed]").TextContent.Should().Contain("2 h ago");
        cut.FindAll("[data-testid=job-approve]").Should().BeEmpty();
        cut.FindAll("[data-testid=job-deploy]").Should().BeEmpty();
    }

    [Fact]
    public void Row_DefaultRisk_ExplainsThatNoRuleMatched()
    {
        var job = Job(5, RiskLevel.Medium, taskId: null) with { RiskClass = RiskClass.FeatureLogic, MatchedRule = null, MatchedFile = "README.md" };

        var cut = Render(p => p.Add(t => t.Jobs, [job]));

        cut.Find("[data-testid=job-matched-rule]").TextContent.Should().Be("default: no rule matches README.md");
        cut.Find("[data-testid=job-approval]").TextContent.Should().Contain("needs review").And.Contain("approve before deploying");
        cut.FindAll("[data-testid=job-build-task-link]").Should().BeEmpty();
    }

    [Fact]
    public void Row_ForAnOperator_UndecidedJob_OffersRefuseNextToApprove()
    {
        JobDecisionStart? started = null;
        var cut = Render(p => p.Add(t => t.Jobs, [Job(6)]).Add(t => t.CanDecide, true)
            .Add(t => t.OnDecide, (JobDecisionStart d) => started = d));

        cut.Find("[data-testid=job-refuse]").Click();

        started!.Job.Id.Should().Be(6);
        started.Action.Should().Be(JobAction.Refuse);
    }

    [Fact]
    public void Row_RefusedJob_ShowsRefusedWithWhoAndWhyAndOffersNoApprove()
    {
        var refused = Job(7) with { RefusedAt = Now.AddMinutes(-1), RefusedBy = "Grace", RefusalReason = "Touches the ledger without tests" };

        var cut = Render(p => p.Add(t => t.Jobs, [refused]).Add(t => t.CanDecide, true));

        var approval = cut.Find("[data-testid=job-approval]");
        approval.TextContent.Should().Contain("refused").And.NotContain("needs review");
        approval.GetAttribute("data-status").Should().Be("refused");
        cut.Find("[data-testid=job-refusal]").TextContent.Should().Contain("Grace").And.Contain("Touches the ledger without tests");
        cut.FindAll("[data-testid=job-approve]").Should().BeEmpty();
        cut.FindAll("[data-testid=job-refuse]").Should().BeEmpty();
        cut.FindAll("[data-testid=job-deploy]").Should().BeEmpty();
    }

    [Fact]
    public void Row_MediumUnapproved_NeedsReviewAndCannotBeDeployedYet()
    {
        var medium = Job(8, RiskLevel.Medium) with { RiskClass = RiskClass.FeatureLogic };

        var cut = Render(p => p.Add(t => t.Jobs, [medium]).Add(t => t.CanDecide, true));

        cut.Find("[data-testid=job-approval]").TextContent.Should().Contain("needs review").And.Contain("approve before deploying");
        cut.Find("[data-testid=job-deploy]").HasAttribute("disabled").Should().BeTrue();
    }

    [Fact]
    public void Row_OverriddenChecksAndRisk_AreShownOnTheJob()
    {
        var job = Job(9, approved: true) with
        {
            OverrideAt = Now, OverrideBy = "Ada", OverrideReason = "Flaky e2e test, verified by hand",
            RiskOverriddenAt = Now, RiskOverriddenBy = "Ada", RiskOverrideReason = "Only renames", ClassifiedRiskClass = RiskClass.AuthSecurity,
            ClassifiedRiskLevel = RiskLevel.High,
        };

        var cut = Render(p => p.Add(t => t.Jobs, [job]));

        cut.Find("[data-testid=job-override]").TextContent.Should().Contain("Ada").And.Contain("Flaky e2e test, verified by hand");
        cut.Find("[data-testid=job-risk-overridden]").TextContent.Should().Contain("overridden");
        cut.Find("[data-testid=job-matched-rule]").TextContent.Should().Contain("Only renames").And.Contain("rules said auth_security/high");
    }

    [Fact]
    public void Row_LinksToTheJobWithTheJobQueryParameter()
    {
        var cut = Render(p => p.Add(t => t.Jobs, [Job(11)]));

        cut.Find("[data-testid=job-link]").GetAttribute("href").Should().Be("/agent-jobs?job=11");
    }
}
