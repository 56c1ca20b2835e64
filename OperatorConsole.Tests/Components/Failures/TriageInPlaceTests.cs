using Bunit;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Runs;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Features.Failures;
using OperatorConsole.Web.Features.Runs;

namespace OperatorConsole.Tests.Components.Failures;

/// <summary>
/// Triage where the item is (issue 22): a row's decision form opens under that row, an approval row is approved or
/// refused in place, and a failed run's page acknowledges or snoozes its own Failures item — all through the existing
/// FailureAcknowledgementService / ApprovalService, so the same reason rules and audit entries apply.
/// </summary>
public sealed class TriageInPlaceTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private DateTime Now => _ctx.Clock.GetUtcNow().UtcDateTime;

    private async Task<RunView> FailedRunAsync(string error = "fetch: HTTP 401 token expired")
    {
        var result = await _ctx.Service<PipelineRunService>().RecordAsync(
            new RecordRunRequest(null, "enrich", Now.AddMinutes(-10), Now.AddMinutes(-9), [new RecordRunStep("fetch", false, error)]),
            ComponentTestContext.TestOperator);
        return result.Value!;
    }

    private async Task<int> PendingApprovalAsync(string title = "Deploy the scheduler")
    {
        await using var db = _ctx.CreateDbContext();
        var request = new ApprovalRequest
        {
            Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "1", Title = title,
            RequestedAt = Now.AddHours(-5), RequestedById = "partner", RequestedByName = "Partner",
        };
        db.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    [Fact]
    public async Task FailuresPage_AcknowledgeOnARow_OpensTheFormUnderThatRowAndRecordsTheReason()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        await FailedRunAsync("fetch: first failure");
        var second = await FailedRunAsync("fetch: second failure");

        var cut = _ctx.RenderWithMud<FailuresPage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=failures-bucket-failed_runs] [data-testid=failures-row]").Should().HaveCount(2));

        var row = cut.Find($"[data-testid=failures-row][data-key='run:{second.Id}']");
        row.QuerySelector("[data-testid=failures-ack]")!.Click();

        // The form is the next row of the same table, not a panel at the top of the page.
        cut.WaitForAssertion(() => cut.Find($"[data-testid=failures-row][data-key='run:{second.Id}'] + [data-testid=failures-row-form] [data-testid=failures-ack-form]"));
        cut.FindAll("[data-testid=failures-ack-form]").Should().HaveCount(1);
        cut.Find("[data-testid=failures-ack-subject]").TextContent.Should().Contain("second failure");

        cut.Find("[data-testid=failures-ack-confirm]").Click();
        cut.WaitForAssertion(() => cut.Find("input[data-testid=failures-ack-reason]").Closest(".mud-input-control")!.TextContent.Should().Contain("reason", "a decision without a reason is refused"));

        cut.Find("input[data-testid=failures-ack-reason]").Input("Provider rotated the key; fixed in the vault");
        cut.Find("[data-testid=failures-ack-confirm]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=failures-ack-form]").Should().BeEmpty());
        await using var db = _ctx.CreateDbContext();
        var ack = await db.Set<FailureAcknowledgement>().SingleAsync();
        ack.RecordKey.Should().Be($"run:{second.Id}");
        ack.Kind.Should().Be(AcknowledgementKind.Ack);
        ack.Reason.Should().Be("Provider rotated the key; fixed in the vault");
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=failures-bucket-failed_runs] [data-testid=failures-row]").Should().HaveCount(1));
    }

    [Fact]
    public async Task FailuresPage_SnoozeOnARow_RecordsASnoozeWithItsEnd()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var run = await FailedRunAsync();

        var cut = _ctx.RenderWithMud<FailuresPage>();
        cut.WaitForElement($"[data-testid=failures-row][data-key='run:{run.Id}'] [data-testid=failures-snooze]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=failures-row-form] [data-testid=failures-snooze-for]"));
        cut.Find("input[data-testid=failures-ack-reason]").Input("Waiting for the provider's status page");
        cut.Find("[data-testid=failures-ack-confirm]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=failures-ack-form]").Should().BeEmpty());
        await using var db = _ctx.CreateDbContext();
        var ack = await db.Set<FailureAcknowledgement>().SingleAsync();
        ack.Kind.Should().Be(AcknowledgementKind.Snooze);
        ack.Until.Should().Be(Now.AddHours(24), "one day is the default snooze");
    }

    [Fact]
    public async Task FailuresPage_ApprovalRow_OffersApproveOrRefuseInPlace_AndRefusingNeedsAReason()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var id = await PendingApprovalAsync();

        var cut = _ctx.RenderWithMud<FailuresPage>();
        var row = cut.WaitForElement($"[data-testid=failures-row][data-key='approval:{id}']");
        row.QuerySelector("[data-testid=failures-ack]").Should().BeNull("an approval is decided, not acknowledged");
        row.TextContent.Should().Contain("waiting 5 h 0 min");
        row.QuerySelector("[data-testid=failures-approval-decide]")!.Click();

        cut.WaitForElement($"[data-testid=failures-row-form] [data-testid=approval-reject-{id}]").Click();
        cut.WaitForAssertion(() => cut.Find($"input[data-testid=approval-reason-{id}]").Closest(".mud-input-control")!.TextContent.Should().Contain("reason"));
        await using (var db = _ctx.CreateDbContext())
        {
            (await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == id)).State.Should().Be(ApprovalState.Pending);
        }

        cut.Find($"input[data-testid=approval-reason-{id}]").Input("Not before the client's freeze ends");
        cut.Find($"[data-testid=approval-reject-{id}]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=failures-row-form]").Should().BeEmpty());
        await using (var db = _ctx.CreateDbContext())
        {
            var decided = await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == id);
            decided.State.Should().Be(ApprovalState.Rejected);
            decided.DecisionNote.Should().Be("Not before the client's freeze ends");
        }
    }

    [Fact]
    public async Task RunDetailPage_FailedRun_AcknowledgedFromItsPage()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var run = await FailedRunAsync();

        var cut = _ctx.RenderWithMud<RunDetailPage>(p => p.Add(c => c.Id, run.Id));
        cut.WaitForElement("[data-testid=failure-triage-ack]").Click();
        cut.WaitForAssertion(() => cut.Find("[data-testid=failure-triage] [data-testid=failures-ack-form]"));
        cut.Find("input[data-testid=failures-ack-reason]").Input("Key renewed");
        cut.Find("[data-testid=failures-ack-confirm]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=failure-triage-acknowledged]").TextContent.Should().Contain("Acknowledged").And.Contain("Key renewed"));
        await using var db = _ctx.CreateDbContext();
        (await db.Set<FailureAcknowledgement>().SingleAsync()).RecordKey.Should().Be($"run:{run.Id}");
    }

    [Fact]
    public async Task RunDetailPage_FailedRun_SnoozedFromItsPage()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var run = await FailedRunAsync();

        var cut = _ctx.RenderWithMud<RunDetailPage>(p => p.Add(c => c.Id, run.Id));
        cut.WaitForElement("[data-testid=failure-triage-snooze]").Click();
        cut.WaitForElement("input[data-testid=failures-ack-reason]").Input("Provider outage, status page says 2 h");
        cut.Find("[data-testid=failures-ack-confirm]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=failure-triage-acknowledged]").TextContent.Should().Contain("Snoozed until"));
        await using var db = _ctx.CreateDbContext();
        (await db.Set<FailureAcknowledgement>().SingleAsync()).Kind.Should().Be(AcknowledgementKind.Snooze);
    }

    [Fact]
    public async Task RunDetailPage_Viewer_SeesTheItemButCannotDecide()
    {
        _ctx.SignInAs(ConsoleRoles.Viewer);
        var run = await FailedRunAsync();

        var cut = _ctx.RenderWithMud<RunDetailPage>(p => p.Add(c => c.Id, run.Id));

        cut.WaitForAssertion(() => cut.Find("[data-testid=failure-triage]").TextContent.Should().Contain("an operator acknowledges"));
        cut.FindAll("[data-testid=failure-triage-ack]").Should().BeEmpty();
    }
}
