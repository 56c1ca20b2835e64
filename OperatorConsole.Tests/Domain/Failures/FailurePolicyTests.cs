using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Tests.Domain.Failures;

public sealed class StaleByTouchPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Thresholds Defaults = new();

    private static DealActivity D(LeadStatus stage, bool archived, DateTime createdAt, DateTime? lastContactAt) =>
        new(1, "Deal", stage, archived, createdAt, lastContactAt);

    [Fact]
    public void IsStale_ExactlyAtTheThreshold_IsNotStale() =>
        StaleByTouchPolicy.IsStale(D(LeadStatus.Qualified, false, Now.AddDays(-30), Now.AddDays(-7)), Now, Defaults).Should().BeFalse();

    [Fact]
    public void IsStale_JustPastTheThreshold_IsStale() =>
        StaleByTouchPolicy.IsStale(D(LeadStatus.Qualified, false, Now.AddDays(-30), Now.AddDays(-7).AddSeconds(-1)), Now, Defaults).Should().BeTrue();

    [Fact]
    public void IsStale_NeverTouched_CountsFromCreation()
    {
        StaleByTouchPolicy.IsStale(D(LeadStatus.New, false, Now.AddDays(-7), null), Now, Defaults).Should().BeFalse();
        StaleByTouchPolicy.IsStale(D(LeadStatus.New, false, Now.AddDays(-7).AddMinutes(-1), null), Now, Defaults).Should().BeTrue();

        var item = StaleByTouchPolicy.Item(new DealActivity(3, "Never called", LeadStatus.New, false, Now.AddDays(-9.5), null), Now, Defaults);
        item.NeverTouched.Should().BeTrue();
        item.DaysSinceTouch.Should().Be(9);
        item.CountedFrom.Should().Be(Now.AddDays(-9.5));
        item.Link.Should().Be("/leads/3");
        item.Key.Should().Be("lead:3");
    }

    [Fact]
    public void IsStale_OldTouchButRecentCreation_UsesTheTouch() =>
        StaleByTouchPolicy.IsStale(D(LeadStatus.New, false, Now.AddDays(-1), Now.AddDays(-20)), Now, Defaults).Should().BeTrue();

    [Fact]
    public void IsStale_LostLead_IsNeverStale() =>
        StaleByTouchPolicy.IsStale(D(LeadStatus.Lost, false, Now.AddDays(-300), Now.AddDays(-200)), Now, Defaults).Should().BeFalse();

    [Fact]
    public void IsStale_ArchivedLead_IsNeverStale() =>
        StaleByTouchPolicy.IsStale(D(LeadStatus.Qualified, true, Now.AddDays(-300), null), Now, Defaults).Should().BeFalse();

    [Fact]
    public void IsStale_PerStageOverride_ReplacesTheDefaultForThatStageOnly()
    {
        var thresholds = new Thresholds { StaleTouchDaysByStage = new() { [LeadStatus.Proposal] = 3, [LeadStatus.New] = 14 } };
        var touched = Now.AddDays(-4);

        StaleByTouchPolicy.IsStale(D(LeadStatus.Proposal, false, Now.AddDays(-30), touched), Now, thresholds).Should().BeTrue();
        StaleByTouchPolicy.IsStale(D(LeadStatus.Qualified, false, Now.AddDays(-30), touched), Now, thresholds).Should().BeFalse();
        StaleByTouchPolicy.IsStale(D(LeadStatus.New, false, Now.AddDays(-30), Now.AddDays(-10)), Now, thresholds).Should().BeFalse();
        StaleByTouchPolicy.Item(new DealActivity(1, "x", LeadStatus.Proposal, false, Now.AddDays(-30), touched), Now, thresholds).ThresholdDays.Should().Be(3);
    }

    [Fact]
    public void Cutoffs_CoverTheOpenDealStagesOnly()
    {
        var cutoffs = StaleByTouchPolicy.Cutoffs(Now, new Thresholds { StaleTouchDaysByStage = new() { [LeadStatus.Proposal] = 30 } });

        cutoffs.Keys.Should().BeEquivalentTo([LeadStatus.New, LeadStatus.Qualified, LeadStatus.Proposal]);
        cutoffs[LeadStatus.Proposal].Should().Be(Now.AddDays(-30));
        cutoffs[LeadStatus.New].Should().Be(Now.AddDays(-7));
    }

    [Theory]
    [InlineData(LeadStatus.Approved)]
    [InlineData(LeadStatus.Building)]
    [InlineData(LeadStatus.Shipped)]
    [InlineData(LeadStatus.Lost)]
    public void AClosedDeal_IsNeverStale(LeadStatus closed)
    {
        // Won (Approved and on) or lost, never touched for ten years and with an overdue next step: still not stale.
        var deal = new DealActivity(1, "Closed", closed, false, Now.AddYears(-10), null, "Call back", Now.AddYears(-9));

        StaleByTouchPolicy.IsStale(deal, Now, Defaults).Should().BeFalse();
        StaleByTouchPolicy.Signal(deal, Now, new Thresholds { StaleTouchDays = 1 }).Should().BeNull();
    }

    [Fact]
    public void AStageTurnedOff_IsNeverStale_OthersStillAre()
    {
        var off = new Thresholds { StaleTouchOffStages = [LeadStatus.New] };

        StaleByTouchPolicy.IsStale(D(LeadStatus.New, false, Now.AddDays(-300), null), Now, off).Should().BeFalse();
        StaleByTouchPolicy.IsStale(D(LeadStatus.Qualified, false, Now.AddDays(-300), null), Now, off).Should().BeTrue();
    }

    [Fact]
    public void AnOverdueNextStep_IsStale_EvenWithARecentTouch()
    {
        var deal = new DealActivity(7, "Acme", LeadStatus.Qualified, false, Now.AddDays(-30), Now.AddHours(-2), "Send pricing", Now.AddDays(-3).AddHours(-1));

        StaleByTouchPolicy.Signal(deal, Now, Defaults).Should().Be(StaleSignal.OverdueNextStep);
        var item = StaleByTouchPolicy.Item(deal, Now, Defaults);
        item.DaysOverdue.Should().Be(3);
        item.DaysSinceTouch.Should().Be(0, "the touch age stays visible next to the overdue step");
        item.Describe().Should().Be("Acme: next step \"Send pricing\" overdue by 3 d (Qualified, no touch for 0 d)");
    }

    [Fact]
    public void APlannedNextStep_KeepsAnUntouchedDealFromGoingStale_UntilItIsDue()
    {
        var planned = new DealActivity(7, "Acme", LeadStatus.New, false, Now.AddDays(-60), null, "Intro call", Now.AddDays(2));

        StaleByTouchPolicy.IsStale(planned, Now, Defaults).Should().BeFalse();
        StaleByTouchPolicy.IsStale(planned with { NextStepDueAt = Now.AddSeconds(-1) }, Now, Defaults).Should().BeTrue();
    }

    [Fact]
    public void NoNextStep_IsStaleAfterTheThreshold_CountingFromTheLastDoneStep()
    {
        var done = new DealActivity(7, "Acme", LeadStatus.Proposal, false, Now.AddDays(-60), Now.AddDays(-20), "Demo", Now.AddDays(-6), Now.AddDays(-5));

        StaleByTouchPolicy.IsStale(done, Now, Defaults).Should().BeFalse("the step was done 5 d ago, inside the 7 d threshold");
        var later = Now.AddDays(3);
        StaleByTouchPolicy.Signal(done, later, Defaults).Should().Be(StaleSignal.NoNextStep);
        StaleByTouchPolicy.Item(done, later, Defaults).Describe().Should().Be("Acme: no next step, no touch for 23 d (Proposal, threshold 7 d)");
    }

    [Fact]
    public void AnOverdueStep_GetsWorseByAFullThresholdOfDaysOverdue_AndReplanningIsANewOccurrence()
    {
        var deal = new DealActivity(7, "Acme", LeadStatus.Qualified, false, Now.AddDays(-30), null, "Call", Now.AddDays(-1));
        var snapshot = StaleByTouchPolicy.Item(deal, Now, Defaults).GetBadness();
        var ack = new FailureAcknowledgement
        {
            RecordKey = "lead:7", Reason = "r", Title = "t", Episode = snapshot.Episode, Level = snapshot.Level, Step = snapshot.Step,
            Kind = AcknowledgementKind.Snooze, Until = Now.AddDays(30), CreatedById = "u", CreatedByName = "U",
        };

        AcknowledgementPolicy.Covers(ack, StaleByTouchPolicy.Item(deal, Now.AddDays(6), Defaults).GetBadness(), Now.AddDays(6)).Should().BeTrue();
        AcknowledgementPolicy.Covers(ack, StaleByTouchPolicy.Item(deal, Now.AddDays(7), Defaults).GetBadness(), Now.AddDays(7)).Should().BeFalse("8 d overdue is a full threshold worse");
        var replanned = deal with { NextStepDueAt = Now.AddDays(-0.5) };
        AcknowledgementPolicy.Covers(ack, StaleByTouchPolicy.Item(replanned, Now, Defaults).GetBadness(), Now).Should().BeFalse();
    }
}

public sealed class NoticeRuleTests
{
    [Fact]
    public void ARule_TurnsItsKindOff_OnlyForItsStageAndOfferType()
    {
        var t = new Thresholds { NoticesOff = [new NoticeRule(NoticeKinds.NoResultTarget, LeadStatus.Approved, null), new NoticeRule(NoticeKinds.MissingReusableAsset, null, OfferType.FastCashDfy)] };

        t.NoticeOff(NoticeKinds.NoResultTarget, LeadStatus.Approved, OfferType.Productized).Should().BeTrue();
        t.NoticeOff(NoticeKinds.NoResultTarget, LeadStatus.Building, null).Should().BeFalse();
        t.NoticeOff(NoticeKinds.MissingReusableAsset, LeadStatus.Shipped, OfferType.FastCashDfy).Should().BeTrue();
        t.NoticeOff(NoticeKinds.MissingReusableAsset, LeadStatus.Shipped, OfferType.Productized).Should().BeFalse();
        t.NoticeOff("result_off_track", LeadStatus.Approved, null).Should().BeFalse();
    }

    [Fact]
    public void Validate_RefusesAnUnknownNoticeAndAClosedStageTurnedOff()
    {
        var errors = new Thresholds { NoticesOff = [new NoticeRule("result_off_track")], StaleTouchOffStages = [LeadStatus.Shipped] }.Validate();

        errors.Keys.Should().BeEquivalentTo(["noticesOff[0].kind", "staleTouchOffStages"]);
    }
}

public sealed class FailureFilterTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Filter_SelectsByGroupBucketAndSearch_AndPagingCountsWhatItSelects()
    {
        var stale = Enumerable.Range(1, 30).Select(i => StaleByTouchPolicy.Item(
            new DealActivity(i, i % 2 == 0 ? $"Even {i}" : $"Odd {i}", LeadStatus.New, false, Now.AddDays(-20 - i), null), Now, new Thresholds())).ToList();
        var report = FailuresReportBuilder.Build(Now, Now.AddDays(-7),
            [FailedRunPolicy.Item(1, null, null, "research", RunStatus.Fail, "boom", Now.AddHours(-1), null)], [], stale, [], [], [], [], [], [], []);

        new FailureFilter(Group: FailureGroup.Nudges).OpenItems(report).Should().HaveCount(30);
        new FailureFilter(Group: FailureGroup.Broken).OpenItems(report).Should().ContainSingle();
        new FailureFilter(FailureBucket.StaleByTouch, Query: "even").OpenItems(report).Should().HaveCount(15);
        report.Counts.Broken.Should().Be(1);
        report.Counts.Nudges.Should().Be(30);
        report.Counts.Urgent.Should().Be(1, "the badge counts Broken + Needs a decision, never nudges");

        var page = FailurePaging.Page(report, FailureBucket.StaleByTouch, new FailureFilter(Query: "even"), 10, 10);
        page.Total.Should().Be(15);
        page.Items.Should().HaveCount(5);
        page.NextOffset.Should().BeNull();
        FailurePaging.FirstPage(report, 10).StaleByTouch.Should().HaveCount(10);
        FailurePaging.FirstPage(report, 10).Counts.StaleByTouch.Should().Be(30);
    }
}

public sealed class ProposalPoliciesTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Thresholds Defaults = new();

    [Fact]
    public void StaleProposal_SentExactlySevenDaysAgo_IsNotStale() =>
        StaleProposalPolicy.IsStale(Now.AddDays(-7), null, LeadStatus.Proposal, false, Now, Defaults).Should().BeFalse();

    [Fact]
    public void StaleProposal_SentJustOverSevenDaysAgo_IsStale() =>
        StaleProposalPolicy.IsStale(Now.AddDays(-7).AddSeconds(-1), null, LeadStatus.Proposal, false, Now, Defaults).Should().BeTrue();

    [Fact]
    public void StaleProposal_WithAnOutcome_IsNotStale() =>
        StaleProposalPolicy.IsStale(Now.AddDays(-30), ProposalOutcome.NoResponse, LeadStatus.Proposal, false, Now, Defaults).Should().BeFalse();

    [Fact]
    public void StaleProposal_NeverSent_IsNotStale() =>
        StaleProposalPolicy.IsStale(null, null, LeadStatus.Proposal, false, Now, Defaults).Should().BeFalse();

    [Fact]
    public void StaleProposal_ForLostLead_IsNotStale() =>
        StaleProposalPolicy.IsStale(Now.AddDays(-30), null, LeadStatus.Lost, false, Now, Defaults).Should().BeFalse();

    [Fact]
    public void StuckProposal_ExactlyFiveDaysInProposal_IsNotStuck() =>
        StuckProposalPolicy.IsStuck(LeadStatus.Proposal, false, Now.AddDays(-5), false, Now, Defaults).Should().BeFalse();

    [Fact]
    public void StuckProposal_JustOverFiveDaysUnsent_IsStuck() =>
        StuckProposalPolicy.IsStuck(LeadStatus.Proposal, false, Now.AddDays(-5).AddSeconds(-1), false, Now, Defaults).Should().BeTrue();

    [Fact]
    public void StuckProposal_WithASentProposalAwaitingOutcome_IsNotStuck() =>
        StuckProposalPolicy.IsStuck(LeadStatus.Proposal, false, Now.AddDays(-20), true, Now, Defaults).Should().BeFalse();

    [Fact]
    public void StuckProposal_OtherStagesOrArchived_AreNotStuck()
    {
        StuckProposalPolicy.IsStuck(LeadStatus.Qualified, false, Now.AddDays(-20), false, Now, Defaults).Should().BeFalse();
        StuckProposalPolicy.IsStuck(LeadStatus.Proposal, true, Now.AddDays(-20), false, Now, Defaults).Should().BeFalse();
    }

    [Fact]
    public void StuckProposal_Item_DescribesAMissingDraft()
    {
        var item = StuckProposalPolicy.Item(4, "Acme", Now.AddDays(-6.2), null, null, Now, Defaults);
        item.DaysInProposal.Should().Be(6);
        item.Describe().Should().Contain("no proposal drafted");
        item.Link.Should().Be("/leads/4");
    }
}

public sealed class FailedRunPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Thresholds Defaults = new();

    [Fact]
    public void Counts_FailAndPartialInsideTheWindow_SuccessNever()
    {
        FailedRunPolicy.Counts(RunStatus.Fail, Now.AddDays(-1), Now, Defaults).Should().BeTrue();
        FailedRunPolicy.Counts(RunStatus.Partial, Now.AddDays(-1), Now, Defaults).Should().BeTrue();
        FailedRunPolicy.Counts(RunStatus.Success, Now.AddDays(-1), Now, Defaults).Should().BeFalse();
    }

    [Fact]
    public void Counts_ExactlyAtTheWindowStart_CountsAndJustBeforeDoesNot()
    {
        FailedRunPolicy.Counts(RunStatus.Fail, Now.AddDays(-7), Now, Defaults).Should().BeTrue();
        FailedRunPolicy.Counts(RunStatus.Fail, Now.AddDays(-7).AddSeconds(-1), Now, Defaults).Should().BeFalse();
    }

    [Fact]
    public void RunWithNoSteps_IsAFailedRunWithAnExplainingError()
    {
        var status = RunStatusPolicy.Compute([]);
        var error = RunStatusPolicy.FirstError([]);

        status.Should().Be(RunStatus.Fail);
        FailedRunPolicy.Counts(status, Now, Now, Defaults).Should().BeTrue();
        var item = FailedRunPolicy.Item(9, null, null, "research", status, error, Now, null);
        item.Error.Should().Be(RunStatusPolicy.NoStepsError);
        item.Link.Should().Be("/runs/9");
    }

    [Fact]
    public void Item_WithoutRecordedError_StillSaysSomething() =>
        FailedRunPolicy.Item(1, 2, "Lead", "enrich", RunStatus.Partial, null, Now, Now).Error.Should().NotBeNullOrWhiteSpace();
}

public sealed class IntegrationSilenceTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Assess_QuietExactlyOneInterval_IsHealthyAndJustPastIsSilent()
    {
        var integration = new IntegrationHealth { Name = "research", CreatedAt = Now.AddDays(-10), LastOkAt = Now.AddMinutes(-60), LastReportOk = true, ExpectedIntervalMinutes = 60 };
        IntegrationHealthPolicy.Assess(integration, Now).Should().Be(IntegrationProblem.None);
        IntegrationHealthPolicy.Assess(integration, Now.AddSeconds(1)).Should().Be(IntegrationProblem.Silent);
    }

    [Fact]
    public void Assess_LastReportAnError_IsBrokenEvenIfRecent()
    {
        var integration = new IntegrationHealth { Name = "crm", CreatedAt = Now.AddDays(-1), LastOkAt = Now.AddMinutes(-5), LastReportOk = false, LastError = "401", ExpectedIntervalMinutes = 60 };
        IntegrationHealthPolicy.Assess(integration, Now).Should().Be(IntegrationProblem.LastReportFailed);
    }
}

public sealed class AcknowledgementPolicyTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private static FailureAcknowledgement Ack(string episode, double level, double? step, DateTime? until = null) => new()
    {
        Bucket = FailureBucket.StaleByTouch,
        RecordKey = "lead:1",
        Kind = until is null ? AcknowledgementKind.Ack : AcknowledgementKind.Snooze,
        Until = until,
        Reason = "on holiday",
        Title = "t",
        Episode = episode,
        Level = level,
        Step = step,
        CreatedAt = Now,
        CreatedById = "u",
        CreatedByName = "U",
    };

    [Fact]
    public void Covers_SameEpisodeNotWorse_Hides() =>
        AcknowledgementPolicy.Covers(Ack("e1", 8, 7, Now.AddDays(1)), new Badness("e1", 14.9, 7), Now).Should().BeTrue();

    [Fact]
    public void Covers_SnoozeEndsExactlyAtUntil() =>
        AcknowledgementPolicy.Covers(Ack("e1", 8, 7, Now.AddDays(1)), new Badness("e1", 8, 7), Now.AddDays(1)).Should().BeFalse();

    [Fact]
    public void Covers_WorseByAFullStep_ComesBack() =>
        AcknowledgementPolicy.Covers(Ack("e1", 8, 7, Now.AddDays(30)), new Badness("e1", 15, 7), Now).Should().BeFalse();

    [Fact]
    public void Covers_NewEpisode_ComesBack() =>
        AcknowledgementPolicy.Covers(Ack("e1", 8, 7), new Badness("e2", 8, 7), Now).Should().BeFalse();

    [Fact]
    public void Covers_NoStep_NeverWorseByLevel() =>
        AcknowledgementPolicy.Covers(Ack("run:1", 0, null), new Badness("run:1", 1000, null), Now.AddYears(1)).Should().BeTrue();

    [Fact]
    public void Covers_Reopened_DoesNotHide()
    {
        var ack = Ack("e1", 8, 7);
        ack.ReopenedAt = Now;
        AcknowledgementPolicy.Covers(ack, new Badness("e1", 8, 7), Now).Should().BeFalse();
    }

    [Fact]
    public void BrokenIntegration_NewErrorMessage_IsANewEpisode()
    {
        var before = new BrokenIntegrationItem("crm", null, "401 token expired", BrokenIntegrationProblem.LastReportFailed, Now, 60, Now, "integration:crm", "/integrations");
        var after = before with { Message = "500 server error" };
        var ack = Ack(before.GetBadness().Episode, before.GetBadness().Level, before.GetBadness().Step);

        AcknowledgementPolicy.Covers(ack, before.GetBadness(), Now).Should().BeTrue();
        AcknowledgementPolicy.Covers(ack, after.GetBadness(), Now).Should().BeFalse();
    }

    [Fact]
    public void Validate_SnoozeNeedsAFutureUntilAndAReason()
    {
        AcknowledgementPolicy.Validate(FailureBucket.StaleByTouch, "lead:1", AcknowledgementKind.Snooze, null, "r", Now).ToDictionary().Should().ContainKey("until");
        AcknowledgementPolicy.Validate(FailureBucket.StaleByTouch, "lead:1", AcknowledgementKind.Snooze, Now, "r", Now).ToDictionary().Should().ContainKey("until");
        AcknowledgementPolicy.Validate(FailureBucket.StaleByTouch, "lead:1", AcknowledgementKind.Ack, null, " ", Now).ToDictionary().Should().ContainKey("reason");
        AcknowledgementPolicy.Validate(FailureBucket.StaleByTouch, "lead:1", AcknowledgementKind.Snooze, Now.AddDays(1), "r", Now).IsEmpty.Should().BeTrue();
    }
}

public sealed class FailuresReportBuilderTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);
    private static readonly Thresholds Defaults = new();

    private static NeedsApprovalItem Approval(int id, double daysAgo) =>
        new(id, ApprovalSubject.Deploy, $"Deploy {id}", null, null, Now.AddDays(-daysAgo), "Partner", daysAgo, FailureKeys.Approval(id), "/approvals");

    private static FailuresReport Build(IReadOnlyCollection<FailureAcknowledgement>? acks = null) => FailuresReportBuilder.Build(
        Now, Now.AddDays(-7),
        [FailedRunPolicy.Item(1, 1, "A", "research", RunStatus.Partial, "x", Now.AddHours(-1), null), FailedRunPolicy.Item(2, 1, "A", "score", RunStatus.Fail, "y", Now.AddHours(-3), null)],
        [new LastRunStatusItem(1, "A", RunStatus.Success, 3, Now, Now, "/leads/1"), new LastRunStatusItem(2, "B", RunStatus.Fail, 4, Now.AddDays(-1), null, "/leads/2")],
        [StaleByTouchPolicy.Item(new DealActivity(1, "A", LeadStatus.New, false, Now.AddDays(-20), Now.AddDays(-8)), Now, Defaults), StaleByTouchPolicy.Item(new DealActivity(2, "B", LeadStatus.New, false, Now.AddDays(-30), null), Now, Defaults)],
        [], [], [], [], [Approval(10, 1), Approval(11, 5)],
        [InterventionItem.From(new Intervention("missing_reusable_asset", "Helio shipped, no asset", "/leads/5", "lead", "5", Now.AddDays(-2)))],
        acks ?? []);

    [Fact]
    public void Build_TotalIsTheSumOfEveryBucket()
    {
        var report = Build();

        report.Counts.Should().Be(new FailureCounts(2, 2, 0, 0, 0, 0, 2, 1));
        report.Counts.Total.Should().Be(7);
    }

    [Fact]
    public void Build_OrdersWorstFirst_AndApprovalsOldestFirst()
    {
        var report = Build();

        report.FailedRuns.Select(r => r.RunId).Should().Equal(2, 1);
        report.StaleByTouch.Select(s => s.LeadId).Should().Equal(2, 1);
        report.NeedsApproval.Select(a => a.ApprovalId).Should().Equal(11, 10);
        report.LastRunStatusByLead.Select(l => l.Status).Should().Equal(RunStatus.Fail, RunStatus.Success);
    }

    [Fact]
    public void Build_AcknowledgedItem_LeavesTheCountsButStaysListedUnderTheFilter()
    {
        var item = Build().StaleByTouch.Single(s => s.LeadId == 1);
        var badness = item.GetBadness();
        var ack = new FailureAcknowledgement
        {
            Id = 5, Bucket = FailureBucket.StaleByTouch, RecordKey = item.Key, Kind = AcknowledgementKind.Ack, Reason = "mine", Title = "t",
            Episode = badness.Episode, Level = badness.Level, Step = badness.Step, CreatedAt = Now, CreatedById = "u", CreatedByName = "Olga",
        };

        var report = Build([ack]);

        report.Counts.StaleByTouch.Should().Be(1);
        report.AcknowledgedCounts.StaleByTouch.Should().Be(1);
        report.View(includeAcknowledged: false).StaleByTouch.Should().ContainSingle(s => s.LeadId == 2);
        report.View(includeAcknowledged: true).StaleByTouch.Single(s => s.LeadId == 1).Acknowledgement!.By.Should().Be("Olga");
    }

    [Fact]
    public void Worst_TakesFromEveryBucketBeforeSecondItems()
    {
        var worst = FailureOrdering.Worst(Build(), 4);

        worst.Select(i => i.GetBucket()).Should().Equal(
            FailureBucket.NeedsApproval, FailureBucket.FailedRuns, FailureBucket.Interventions, FailureBucket.StaleByTouch);
    }
}

public sealed class FailuresServiceStagesTests
{
    [Fact]
    public void StaleQuery_CoversEveryOpenStage() =>
        OperatorConsole.Data.Failures.FailuresService.StaleQueryStages.Should().BeEquivalentTo(
            Enum.GetValues<LeadStatus>().Where(s => s.IsOpenDeal()), "a new open-deal stage must be added to the stale-by-touch query");
}
