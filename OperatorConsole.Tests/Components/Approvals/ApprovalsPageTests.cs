using Bunit;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Web.Features.Approvals;

namespace OperatorConsole.Tests.Components.Approvals;

/// <summary>An approval is approved or refused from its own row on /approvals, with a reason, through ApprovalService.</summary>
public sealed class ApprovalsPageTests : IDisposable
{
    private readonly ComponentTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private async Task<int> PendingAsync(string title, int daysAgo = 1)
    {
        await using var db = _ctx.CreateDbContext();
        var request = new ApprovalRequest
        {
            Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "1", Title = title,
            RequestedAt = _ctx.Clock.GetUtcNow().UtcDateTime.AddDays(-daysAgo), RequestedById = "partner", RequestedByName = "Partner",
        };
        db.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    [Fact]
    public async Task ApprovalsPage_RefuseFromTheRow_NeedsAReason_ThenRecordsIt()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var id = await PendingAsync("Deploy the scheduler");

        var cut = _ctx.RenderWithMud<ApprovalsPage>();
        cut.WaitForAssertion(() => cut.Find($"[data-approval-id='{id}'] [data-testid=approval-reject-{id}]").TextContent.Trim().Should().Be("Refuse"));
        cut.Find($"[data-testid=approval-reject-{id}]").GetAttribute("aria-label").Should().Be("Refuse: Deploy the scheduler");

        cut.Find($"[data-testid=approval-reject-{id}]").Click();
        cut.WaitForAssertion(() => cut.Find($"input[data-testid=approval-reason-{id}]").Closest(".mud-input-control")!.TextContent.Should().Contain("reason"));

        cut.Find($"input[data-testid=approval-reason-{id}]").Input("The client asked to wait a week");
        cut.Find($"[data-testid=approval-reject-{id}]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=approvals-pending-count]").GetAttribute("data-count").Should().Be("0"));
        await using var db = _ctx.CreateDbContext();
        var decided = await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == id);
        decided.State.Should().Be(ApprovalState.Rejected);
        decided.DecisionNote.Should().Be("The client asked to wait a week");
    }

    [Fact]
    public async Task ApprovalsPage_ApproveFromTheRow_RecordsTheDecision()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var id = await PendingAsync("Deploy the invoices bot");

        var cut = _ctx.RenderWithMud<ApprovalsPage>();
        cut.WaitForElement($"input[data-testid=approval-reason-{id}]").Input("Tested on staging with the client");
        cut.Find($"[data-testid=approval-approve-{id}]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=approvals-pending-count]").GetAttribute("data-count").Should().Be("0"));
        await using var db = _ctx.CreateDbContext();
        (await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == id)).State.Should().Be(ApprovalState.Approved);
    }

    /// <summary>
    /// A reason typed for one approval stays with that approval when the list moves under it (another row decided and
    /// gone): the rows are keyed by approval, so the form's state is never handed to the approval that slid into its
    /// place, where Approve would decide the wrong gate with a reason written for another.
    /// </summary>
    [Fact]
    public async Task ApprovalsPage_ARowAboveIsDecided_AReasonBeingTypedStaysWithItsOwnApproval()
    {
        _ctx.SignInAs(ConsoleRoles.Operator);
        var first = await PendingAsync("Deploy the scheduler", daysAgo: 3);
        var second = await PendingAsync("Deploy the invoices bot", daysAgo: 2);
        var third = await PendingAsync("Deploy the reports job", daysAgo: 1);

        var cut = _ctx.RenderWithMud<ApprovalsPage>();
        cut.WaitForElement($"input[data-testid=approval-reason-{second}]").Input("Tested on staging with the client");
        cut.Find($"input[data-testid=approval-reason-{first}]").Input("Checked the scheduler's dry run");
        cut.Find($"[data-testid=approval-approve-{first}]").Click();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=approval-item]").Should().HaveCount(2));

        cut.Find($"input[data-testid=approval-reason-{second}]").GetAttribute("value").Should().Be("Tested on staging with the client");
        cut.Find($"input[data-testid=approval-reason-{third}]").GetAttribute("value").Should().BeNullOrEmpty();
        cut.Find($"[data-testid=approval-approve-{second}]").Click();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=approval-item]").Should().HaveCount(1));
        await using var db = _ctx.CreateDbContext();
        var states = await db.Set<ApprovalRequest>().ToDictionaryAsync(a => a.Id);
        states[second].State.Should().Be(ApprovalState.Approved);
        states[second].DecisionNote.Should().Be("Tested on staging with the client");
        states[third].State.Should().Be(ApprovalState.Pending, "nothing was decided for it");
    }
}
