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

    private async Task<int> PendingAsync(string title)
    {
        await using var db = _ctx.CreateDbContext();
        var request = new ApprovalRequest
        {
            Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "1", Title = title,
            RequestedAt = _ctx.Clock.GetUtcNow().UtcDateTime.AddDays(-1), RequestedById = "partner", RequestedByName = "Partner",
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
}
