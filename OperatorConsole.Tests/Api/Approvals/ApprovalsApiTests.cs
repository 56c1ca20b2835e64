using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Tests.Infrastructure;
using static OperatorConsole.Tests.Api.Proposals.ProposalTestData;

namespace OperatorConsole.Tests.Api.Approvals;

/// <summary>Own factory: these tests switch on the second-operator rule, which is a global setting.</summary>
public sealed class ApprovalsApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private const string SecondOperatorEmail = "second.operator@test.local";

    [Fact]
    public async Task SecondOperatorRule_RequesterCannotDecideOwnRequest_AnotherOperatorCan()
    {
        var op = await factory.CreateOperatorClientAsync();
        var second = await SecondOperatorAsync();
        var lead = await CreateLeadAsync(op);
        var draft = await CreateDraftAsync(op, lead.Id);
        var requested = await RequestSendAsync(op, draft.Id);
        await SetSecondOperatorRuleAsync(true);
        try
        {
            var own = await op.PostJsonAsync($"/api/approvals/{requested.SendApproval!.Id}/decision", new { approve = true, reason = "Looks fine to me" });
            own.StatusCode.Should().Be(HttpStatusCode.Forbidden);
            (await own.ReadJsonAsync()).GetProperty("detail").GetString().Should().Contain("second operator");
            await using (var db = factory.CreateDbContext())
            {
                (await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == requested.SendApproval.Id)).State.Should().Be(ApprovalState.Pending);
            }

            var decided = await DecideAsync(second, requested.SendApproval.Id, approve: true, "Checked by a second pair of eyes");
            decided.State.Should().Be(ApprovalState.Approved);
            decided.DecidedByName.Should().NotBe(requested.SendApproval.RequestedByName);
        }
        finally
        {
            await SetSecondOperatorRuleAsync(false);
        }
    }

    [Fact]
    public async Task Decision_WithoutReason_Is422_AndTwiceIsConflict()
    {
        var op = await factory.CreateOperatorClientAsync();
        var lead = await CreateLeadAsync(op);
        var requested = await RequestSendAsync(op, (await CreateDraftAsync(op, lead.Id)).Id);
        var id = requested.SendApproval!.Id;

        var noReason = await op.PostJsonAsync($"/api/approvals/{id}/decision", new { approve = true, reason = "" });
        noReason.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await noReason.ReadJsonAsync()).GetProperty("errors").TryGetProperty("reason", out _).Should().BeTrue();

        await DecideAsync(op, id, approve: true);
        (await op.PostJsonAsync($"/api/approvals/{id}/decision", new { approve = false, reason = "changed my mind" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await op.PostJsonAsync("/api/approvals/999999/decision", new { approve = true, reason = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task List_PendingIsOldestFirst_FiltersBySubject_AndRejectsUnknownValues()
    {
        var op = await factory.CreateOperatorClientAsync();
        var viewer = await factory.CreateViewerClientAsync();
        var lead = await CreateLeadAsync(op);
        var first = await RequestSendAsync(op, (await CreateDraftAsync(op, lead.Id)).Id);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await RequestSendAsync(op, (await CreateDraftAsync(op, lead.Id)).Id);

        var list = await (await viewer.GetAsync("/api/approvals?state=pending&subject=proposal_send&pageSize=500")).ReadAsync<PagedList<ApprovalView>>();
        var ids = list.Items.Select(a => a.Id).ToList();
        ids.IndexOf(first.SendApproval!.Id).Should().BeLessThan(ids.IndexOf(second.SendApproval!.Id));
        list.Items.Should().OnlyContain(a => a.Subject == ApprovalSubject.ProposalSend && a.State == ApprovalState.Pending);
        list.Items.Single(a => a.Id == first.SendApproval.Id).Context.Should().Contain("Scope");

        (await viewer.GetAsync("/api/approvals?state=maybe")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await factory.CreateAgentClient().GetAsync("/api/approvals")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.CreateAnonymousClient().GetAsync("/api/approvals")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await viewer.GetAsync($"/api/approvals/{first.SendApproval.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Handler_IsCalledInTheSameUnitOfWork_ForOtherSubjectsTheDecisionIsOnlyRecorded()
    {
        var op = await factory.CreateOperatorClientAsync();
        int id;
        await using (var db = factory.CreateDbContext())
        {
            var request = ApprovalRequests.Open(db, ApprovalSubject.Deploy, "lead", 1, null, "Deploy X", "Release notes", Actor.System, factory.Clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
            id = request.Id;
        }

        var decided = await DecideAsync(op, id, approve: false, "Not on a Friday");

        decided.State.Should().Be(ApprovalState.Rejected);
        await using var check = factory.CreateDbContext();
        (await check.AuditEntries.CountAsync(e => e.RecordType == "approval_request" && e.RecordId == id.ToString() && e.Action == "approval.rejected")).Should().Be(1);
    }

    private async Task<HttpClient> SecondOperatorAsync()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>();
            if (await users.FindByEmailAsync(SecondOperatorEmail) is null)
            {
                var user = new ConsoleUser { UserName = SecondOperatorEmail, Email = SecondOperatorEmail, EmailConfirmed = true, DisplayName = "Second Operator", CreatedAt = factory.Clock.GetUtcNow().UtcDateTime };
                (await users.CreateAsync(user, ConsoleFactory.Password)).Succeeded.Should().BeTrue();
                await users.AddToRoleAsync(user, ConsoleRoles.Operator);
            }
        }

        return await factory.SignInAsync(SecondOperatorEmail, ConsoleFactory.Password);
    }

    private async Task SetSecondOperatorRuleAsync(bool on)
    {
        var settings = factory.Services.GetRequiredService<SettingsService>();
        var thresholds = await settings.GetThresholdsAsync();
        var admin = new Actor(ActorKind.User, "test-admin", "Test admin", IsOperator: true);
        (await settings.SaveThresholdsAsync(thresholds with { RequireSecondOperator = on }, admin)).Succeeded.Should().BeTrue();
    }
}
