using OperatorConsole.Domain.Constraint;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Tests.Domain.Constraint;

public sealed class ConstraintAnalyzerTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Previous period: proposals took 2 days; this period: 6 days, and two leads sit in Proposal for 10 days.
    /// Every other stage is quick.
    /// </summary>
    private static ConstraintInput SlowingProposalStage()
    {
        var changes = new List<StageChange>();
        var leads = new List<LeadNow>();
        var id = 0;

        void Visit(double enteredDaysAgo, double proposalDays, LeadStatus end)
        {
            id++;
            var created = Now.AddDays(-enteredDaysAgo - 2);
            changes.Add(new StageChange(id, null, LeadStatus.New, created));
            changes.Add(new StageChange(id, LeadStatus.New, LeadStatus.Qualified, created.AddDays(1)));
            var proposalAt = created.AddDays(2);
            changes.Add(new StageChange(id, LeadStatus.Qualified, LeadStatus.Proposal, proposalAt));
            changes.Add(new StageChange(id, LeadStatus.Proposal, end, proposalAt.AddDays(proposalDays)));
        }

        // Previous period (exits 14–28 days ago): 2.0 d in Proposal, 3 won 1 lost.
        Visit(25, 2, LeadStatus.Approved);
        Visit(24, 2, LeadStatus.Approved);
        Visit(22, 2, LeadStatus.Approved);
        Visit(20, 2, LeadStatus.Lost);
        // This period (exits within 14 days): 6.0 d in Proposal, 1 won 2 lost.
        Visit(12, 6, LeadStatus.Approved);
        Visit(10, 6, LeadStatus.Lost);
        Visit(9, 6, LeadStatus.Lost);

        // Two leads stuck in Proposal for 10 days.
        foreach (var stuckId in new[] { 100, 101 })
        {
            changes.Add(new StageChange(stuckId, null, LeadStatus.New, Now.AddDays(-12)));
            changes.Add(new StageChange(stuckId, LeadStatus.New, LeadStatus.Proposal, Now.AddDays(-10)));
            leads.Add(new LeadNow(stuckId, $"Stuck {stuckId}", LeadStatus.Proposal, Now.AddDays(-10)));
        }

        leads.Add(new LeadNow(200, "Fresh", LeadStatus.New, Now.AddDays(-1)));
        return new ConstraintInput(changes, leads, [Now.AddDays(-3), Now.AddDays(-1)], Now, PeriodDays: 14, StuckDays: 7);
    }

    [Fact]
    public void Analyze_ProposalStageSlowsDown_NamesProposalWithAveragesAndDeltas()
    {
        var snapshot = ConstraintAnalyzer.Analyze(SlowingProposalStage());

        snapshot.Bottleneck.Should().Be(LeadStatus.Proposal);
        var proposal = snapshot.Stages.Single(s => s.Stage == LeadStatus.Proposal);
        proposal.AvgDaysPreviousPeriod.Should().Be(2.0);
        proposal.AvgDaysThisPeriod.Should().Be(6.0);
        proposal.Stuck.Should().Be(2);
        proposal.StuckLeadIds.Should().BeEquivalentTo([100, 101]);

        var cycle = snapshot.Evidence.Single(e => e.Key == "avgDaysInProposal");
        cycle.Previous.Should().Be(2.0);
        cycle.Current.Should().Be(6.0);
        cycle.Text.Should().Contain("2.0 d → 6.0 d");
        cycle.Worse.Should().BeTrue();
        snapshot.Evidence.Single(e => e.Key == "leadsStuck").Current.Should().Be(2);
        snapshot.Evidence.Single(e => e.Key == "approvalsPending").Current.Should().Be(2);
        // Three left while five entered: flagged, and the line says why (more exits than last period is not enough).
        var outflow = snapshot.Evidence.Single(e => e.Key == "throughputOut");
        outflow.Worse.Should().BeTrue();
        outflow.Text.Should().Be("4 → 3 leads left Proposal, fewer than the 5 that entered");

        snapshot.WinRatePreviousPeriod.Should().BeApproximately(0.75, 1e-9);
        snapshot.WinRateThisPeriod.Should().BeApproximately(1.0 / 3, 1e-9);
        snapshot.Evidence.Single(e => e.Key == "winRate").Text.Should().Be("win rate 75% of 4 closed → 33% of 3 closed");
        snapshot.OldestApprovalDays.Should().Be(3.0);
        snapshot.RecommendedActions.Should().Contain(a => a.Contains("2 proposal-stage leads", StringComparison.Ordinal));
        snapshot.RecommendedActions.Should().Contain(a => a.Contains("2.0 d → 6.0 d", StringComparison.Ordinal));
        snapshot.Summary.Should().StartWith("Proposal is the bottleneck");
    }

    [Fact]
    public void Analyze_NoData_SaysNoBottleneckYet()
    {
        var snapshot = ConstraintAnalyzer.Analyze(new ConstraintInput([], [], [], Now, 14, 7));

        snapshot.Bottleneck.Should().BeNull();
        snapshot.Summary.Should().StartWith("No bottleneck yet");
        snapshot.Evidence.Should().BeEmpty();
        snapshot.WinRateThisPeriod.Should().BeNull();
    }

    [Fact]
    public void Analyze_HealthyFlow_SaysNoBottleneckYet()
    {
        var changes = new List<StageChange>
        {
            new(1, null, LeadStatus.New, Now.AddDays(-3)),
            new(1, LeadStatus.New, LeadStatus.Qualified, Now.AddDays(-2)),
        };
        var snapshot = ConstraintAnalyzer.Analyze(new ConstraintInput(changes, [new LeadNow(1, "A", LeadStatus.Qualified, Now.AddDays(-2))], [], Now, 14, 7));

        // New: 1 in, 1 out; Qualified: 1 in, 0 out → pressure 1 on Qualified. That is real piling up, so name it.
        snapshot.Bottleneck.Should().Be(LeadStatus.Qualified);

        var balanced = ConstraintAnalyzer.Analyze(new ConstraintInput([new(2, LeadStatus.New, LeadStatus.Qualified, Now.AddDays(-30))], [], [], Now, 14, 7));
        balanced.Bottleneck.Should().BeNull();
    }

    [Fact]
    public void StuckThreshold_IsStrictlyMoreThanTheDays()
    {
        var leads = new List<LeadNow>
        {
            new(1, "exactly 7 d", LeadStatus.Proposal, Now.AddDays(-7)),
            new(2, "7 d and a minute", LeadStatus.Proposal, Now.AddDays(-7).AddMinutes(-1)),
        };
        var snapshot = ConstraintAnalyzer.Analyze(new ConstraintInput([], leads, [], Now, 14, 7));

        snapshot.Stages.Single(s => s.Stage == LeadStatus.Proposal).StuckLeadIds.Should().Equal(2);
    }
}

public sealed class ConstraintAnalyzerSalesOnlyTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Analyze_ThousandsOfStuckLeads_WritesCountsAsTheScreensDo()
    {
        var leads = Enumerable.Range(1, 1589).Select(i => new LeadNow(i, $"Deal {i}", LeadStatus.Qualified, Now.AddDays(-30))).ToList();
        var changes = leads.Select(l => new StageChange(l.LeadId, null, LeadStatus.Qualified, Now.AddDays(-30))).ToList();

        var snapshot = ConstraintAnalyzer.Analyze(new ConstraintInput(changes, leads, [], Now, 14, 7));

        snapshot.Summary.Should().Be("Qualified is the bottleneck: 1,589 leads stuck > 7 d.");
        snapshot.Evidence.Single(e => e.Key == "leadsStuck").Text.Should().Be("1,589 of 1,589 leads in Qualified have been there more than 7 d");
        snapshot.RecommendedActions[0].Should().StartWith("Book next steps for the 1,589 qualified leads");
    }

    [Fact]
    public void Analyze_PipelineThatNeverLeavesApproved_TreatsApprovedAsTheEnd_NotTheBottleneck()
    {
        var changes = new List<StageChange>();
        var leads = new List<LeadNow>();
        for (var i = 1; i <= 20; i++)
        {
            changes.Add(new StageChange(i, null, LeadStatus.Qualified, Now.AddDays(-60)));
            changes.Add(new StageChange(i, LeadStatus.Qualified, LeadStatus.Approved, Now.AddDays(-30)));
            leads.Add(new LeadNow(i, $"Won {i}", LeadStatus.Approved, Now.AddDays(-30)));
        }

        for (var i = 100; i < 105; i++)
        {
            changes.Add(new StageChange(i, null, LeadStatus.Qualified, Now.AddDays(-20)));
            leads.Add(new LeadNow(i, $"Open {i}", LeadStatus.Qualified, Now.AddDays(-20)));
        }

        var snapshot = ConstraintAnalyzer.Analyze(new ConstraintInput(changes, leads, [], Now, 14, 7));

        snapshot.Bottleneck.Should().Be(LeadStatus.Qualified);
        snapshot.Stages.Single(s => s.Stage == LeadStatus.Approved).Pressure.Should().Be(0);
        // Won deals are done, not stuck: on the Maven data 4,093 of them were listed as "stuck more than 7 d".
        snapshot.Stages.Single(s => s.Stage == LeadStatus.Approved).Should().Match<StageStats>(s => s.Stuck == 0 && s.StuckLeadIds.Count == 0);
        snapshot.Stages.Single(s => s.Stage == LeadStatus.Qualified).Stuck.Should().Be(5);
        ConstraintAnalyzer.QueueStages(changes).Should().BeEquivalentTo([LeadStatus.New, LeadStatus.Qualified, LeadStatus.Proposal]);

        // Once the business moves leads on from Approved, approved-but-not-started work is a queue again.
        changes.Add(new StageChange(1, LeadStatus.Approved, LeadStatus.Building, Now.AddDays(-1)));
        var moving = ConstraintAnalyzer.Analyze(new ConstraintInput(changes, leads, [], Now, 14, 7));
        moving.Bottleneck.Should().Be(LeadStatus.Approved);
        moving.Stages.Single(s => s.Stage == LeadStatus.Approved).Stuck.Should().Be(20);
    }
}
