using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Domain.Settings;
using OperatorConsole.Web.Features.Alerts;

namespace OperatorConsole.Tests.Components.Alerts;

/// <summary>What a page's desktop notifications announce after a change: the report's new open urgent items, compared with the report it saw before.</summary>
public sealed class UrgentItemsTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Of_HoldsTheOpenBrokenAndNeedsADecisionItems_NotStaleDealsNorAcknowledgedOnes()
    {
        var acknowledged = Run(2);
        var badness = acknowledged.GetBadness();
        var ack = new FailureAcknowledgement
        {
            Bucket = FailureBucket.FailedRuns, RecordKey = acknowledged.Key, Reason = "known", Title = "t", Episode = badness.Episode,
            Level = badness.Level, Step = badness.Step, Kind = AcknowledgementKind.Snooze, Until = Now.AddDays(1), CreatedById = "u", CreatedByName = "U",
        };

        var urgent = UrgentItems.Of(Report([Run(1), acknowledged], [Integration("crm")], [Approval(10)], [ack]));

        urgent.Entries.Select(e => e.Tag).Should().BeEquivalentTo(
            [$"{FailureBucket.FailedRuns.Code()}|{Run(1).Key}", $"{FailureBucket.BrokenIntegrations.Code()}|integration:crm", $"{FailureBucket.NeedsApproval.Code()}|{FailureKeys.Approval(10)}"]);
    }

    [Fact]
    public void NewSince_IsWhatTheEarlierReportDidNotHold_AndNothingForTheSameReport()
    {
        var before = UrgentItems.Of(Report([Run(1)], [], [Approval(10)]));
        var after = UrgentItems.Of(Report([Run(1), Run(3)], [Integration("crm")], [Approval(10)]));

        after.NewSince(before).Select(e => e.Item.Key).Should().BeEquivalentTo([Run(3).Key, "integration:crm"]);
        after.NewSince(after).Should().BeEmpty();
        before.NewSince(after).Should().BeEmpty("an item that went away is not announced");
    }

    [Fact]
    public void AnIntegrationThatBreaksAgainAfterRecovering_IsAnnouncedAgain()
    {
        var broken = UrgentItems.Of(Report([], [Integration("crm")], []));
        var recovered = UrgentItems.Of(Report([], [], []));
        var brokenAgain = UrgentItems.Of(Report([], [Integration("crm")], []));

        brokenAgain.NewSince(recovered).Select(e => e.Item.Key).Should().Equal("integration:crm");
        brokenAgain.NewSince(broken).Should().BeEmpty();
    }

    private static FailedRunItem Run(int id) => FailedRunPolicy.Item(id, null, null, "research", RunStatus.Fail, "boom " + id, Now.AddHours(-id), null);

    private static BrokenIntegrationItem Integration(string name) =>
        new(name, null, "401 token expired", BrokenIntegrationProblem.LastReportFailed, Now, 60, Now, FailureKeys.Integration(name), "/integrations");

    private static NeedsApprovalItem Approval(int id) =>
        new(id, ApprovalSubject.Deploy, $"Deploy {id}", null, null, Now.AddDays(-1), "Partner", 1, FailureKeys.Approval(id), "/approvals");

    private static FailuresReport Report(
        FailedRunItem[] runs, BrokenIntegrationItem[] integrations, NeedsApprovalItem[] approvals, FailureAcknowledgement[]? acks = null) =>
        FailuresReportBuilder.Build(
            Now, Now.AddDays(-7), runs, [],
            [StaleByTouchPolicy.Item(new DealActivity(5, "Quiet deal", LeadStatus.New, false, Now.AddDays(-40), null), Now, new Thresholds())],
            [], [], integrations, [], approvals, [], acks ?? []);
}
