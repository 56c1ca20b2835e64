using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Domain.Settings;

namespace OperatorConsole.Tests.Domain.Failures;

/// <summary>
/// When a recomputed failures report counts as the same one (and no screen re-renders): the same items and counts,
/// whatever moment it was computed at.
/// </summary>
public sealed class FailuresReportSamenessTests
{
    private static readonly DateTime Data = new(2017, 12, 31, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void TheSameDataComputedAMinuteLater_IsTheSameReport()
    {
        var first = Report(Now, [Run(1)]);
        var later = Report(Now.AddMinutes(1), [Run(1)]);

        later.GeneratedAt.Should().NotBe(first.GeneratedAt);
        later.FailedRunsSince.Should().NotBe(first.FailedRunsSince);
        later.BrokenIntegrations[0].SilenceReference.Should().NotBe(first.BrokenIntegrations[0].SilenceReference);
        FailuresReport.SameContent(first, later).Should().BeTrue("only the moment of computing moved");
    }

    [Fact]
    public void ANewFailedRun_ADifferentMessage_AnAcknowledgement_OrAnotherDataDate_IsADifferentReport()
    {
        var first = Report(Now, [Run(1)]);

        FailuresReport.SameContent(first, Report(Now, [Run(2), Run(1)])).Should().BeFalse("a run failed");
        FailuresReport.SameContent(first, Report(Now, [Run(1)], integrationMessage: "500 from the CRM")).Should().BeFalse();
        FailuresReport.SameContent(first, Report(Now, [Run(1)], dataDate: Data.AddDays(1))).Should().BeFalse("deal ages count to another date");

        var acknowledged = Report(Now, [Run(1)]);
        acknowledged = acknowledged with { FailedRuns = [(FailedRunItem)acknowledged.FailedRuns[0].Acknowledged(new AcknowledgementView(1, AcknowledgementKind.Snooze, Now.AddDays(1), "known", "Op", Now))] };
        FailuresReport.SameContent(first, acknowledged).Should().BeFalse();
    }

    [Fact]
    public void AChangedLastRun_IsADifferentReport()
    {
        var first = Report(Now, [Run(1)]);
        var other = first with { LastRunStatusByLead = [new LastRunStatusItem(1, "A", RunStatus.Fail, 9, Now, null, "/leads/1")] };

        FailuresReport.SameContent(first, other).Should().BeFalse();
    }

    private static FailedRunItem Run(int id) => FailedRunPolicy.Item(id, null, null, "research", RunStatus.Fail, "boom " + id, Now.AddHours(-id), null);

    private static FailuresReport Report(DateTime now, FailedRunItem[] runs, string integrationMessage = "401 token expired", DateTime? dataDate = null)
    {
        var integration = new BrokenIntegrationItem("crm", null, integrationMessage, BrokenIntegrationProblem.Silent, Now.AddDays(-2), 60, Now.AddDays(-2),
            FailureKeys.Integration("crm"), "/integrations") { SilenceReference = now };
        var approval = new NeedsApprovalItem(10, ApprovalSubject.Deploy, "Deploy 10", null, null, Now.AddDays(-1), "Partner", 1, FailureKeys.Approval(10), "/approvals");
        var stale = StaleByTouchPolicy.Item(new DealActivity(5, "Quiet deal", LeadStatus.New, false, Data.AddDays(-40), null), Data, new Thresholds());
        return FailuresReportBuilder.Build(
            now, FailedRunPolicy.Since(now, new Thresholds()), runs, [new LastRunStatusItem(1, "A", RunStatus.Success, 3, Now, Now, "/leads/1")],
            [stale], [], [], [integration], [], [approval], [], [])
            with { Clock = new ReferenceTime(dataDate ?? Data, ClockMode.Data, IsDataAsOf: true, now, dataDate ?? Data) };
    }
}
