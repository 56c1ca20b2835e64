using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Tests.Infrastructure;
using static OperatorConsole.Tests.Api.Proposals.ProposalTestData;

namespace OperatorConsole.Tests.Api.Proposals;

public sealed class ProposalPathTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task FullPath_DraftRequestApproveSendWon_KeepsHistoryAndMovesLeadToApproved()
    {
        var op = await factory.CreateOperatorClientAsync();
        var lead = await CreateLeadAsync(op);

        var draft = await CreateDraftAsync(op, lead.Id);
        draft.Status.Should().Be(ProposalStatus.Draft);
        draft.Versions.Should().ContainSingle().Which.Origin.Should().Be("manual");

        var patch = await op.PatchAsync($"/api/proposals/{draft.Id}", JsonContent(new { body = "Scope: automate intake and reminders. Price: 14,000 USD.", amount = 14_000 }));
        patch.StatusCode.Should().Be(HttpStatusCode.OK);
        (await patch.ReadAsync<ProposalDetail>()).Versions.Select(v => v.Number).Should().Equal(2, 1);

        var requested = await RequestSendAsync(op, draft.Id);
        requested.Status.Should().Be(ProposalStatus.SendRequested);
        requested.SendApproval!.State.Should().Be(ApprovalState.Pending);

        // Not approved yet: marking sent is refused and nothing changes.
        (await op.PostJsonAsync($"/api/proposals/{draft.Id}/mark-sent", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var decision = await DecideAsync(op, requested.SendApproval.Id, approve: true, "Price matches the discovery call");
        decision.State.Should().Be(ApprovalState.Approved);
        decision.DecisionNote.Should().Be("Price matches the discovery call");

        var sent = await op.PostJsonAsync($"/api/proposals/{draft.Id}/mark-sent", new { via = "email" });
        sent.StatusCode.Should().Be(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        (await sent.ReadAsync<ProposalDetail>()).Status.Should().Be(ProposalStatus.Sent);

        var won = await op.PostJsonAsync($"/api/proposals/{draft.Id}/outcome", new { outcome = "won", value = 14_000, reason = "Signed" });
        won.StatusCode.Should().Be(HttpStatusCode.OK, await won.Content.ReadAsStringAsync());
        var closed = await won.ReadAsync<ProposalDetail>();
        closed.Status.Should().Be(ProposalStatus.Closed);
        closed.Outcome.Should().Be(ProposalOutcome.Won);
        closed.OutcomeValue.Should().Be(14_000);
        closed.History.Select(h => h.Step).Reverse().Should().Equal("drafted", "edited", "send_requested", "send_approved", "sent", "outcome_won");

        var leadNow = await (await op.GetAsync($"/api/leads/{lead.Id}")).ReadAsync<LeadView>();
        leadNow.Status.Should().Be(LeadStatus.Approved);
        var history = await (await op.GetAsync($"/api/leads/{lead.Id}/status-history")).ReadAsync<List<StatusChangeView>>();
        history.Select(h => h.ToStatus).Should().ContainInOrder(LeadStatus.Approved, LeadStatus.Proposal, LeadStatus.Qualified);
        history.First().Reason.Should().Contain("won");

        var timeline = await (await op.GetAsync($"/api/leads/{lead.Id}/timeline")).ReadAsync<List<TimelineItem>>();
        timeline.Where(t => t.Kind == "proposal").Select(t => t.Title).Should().Contain(t => t.Contains("send approved"))
            .And.Contain(t => t.Contains("won"));

        await using var db = factory.CreateDbContext();
        var actions = await db.AuditEntries.Where(e => e.RecordType == "proposal" && e.RecordId == draft.Id.ToString()).Select(e => e.Action).ToListAsync();
        actions.Should().Contain(["proposal.drafted", "proposal.edited", "proposal.send_requested", "proposal.sent", "proposal.outcome_recorded"]);
        var approvalAudit = await db.AuditEntries.SingleAsync(e => e.RecordType == "approval_request" && e.RecordId == requested.SendApproval.Id.ToString());
        approvalAudit.Action.Should().Be("approval.approved");
        approvalAudit.Reason.Should().Be("Price matches the discovery call");
        approvalAudit.Before.Should().Contain("pending");
        approvalAudit.After.Should().Contain("approved");
        (await db.Set<Touch>().CountAsync(t => t.LeadId == lead.Id && t.Summary!.StartsWith("Proposal sent"))).Should().Be(1);
    }

    [Fact]
    public async Task RejectedApproval_LeavesTheProposalUnsent_AndItCanBeRedraftedAndRequestedAgain()
    {
        var op = await factory.CreateOperatorClientAsync();
        var lead = await CreateLeadAsync(op);
        var draft = await CreateDraftAsync(op, lead.Id);
        var requested = await RequestSendAsync(op, draft.Id);

        await DecideAsync(op, requested.SendApproval!.Id, approve: false, "Price is too low for this scope");

        var rejected = await (await op.GetAsync($"/api/proposals/{draft.Id}")).ReadAsync<ProposalDetail>();
        rejected.Status.Should().Be(ProposalStatus.SendRejected);
        rejected.SentAt.Should().BeNull();
        (await op.PostJsonAsync($"/api/proposals/{draft.Id}/mark-sent", new { })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await (await op.GetAsync($"/api/proposals/{draft.Id}")).ReadAsync<ProposalDetail>()).SentAt.Should().BeNull();

        var redrafted = await op.PatchAsync($"/api/proposals/{draft.Id}", JsonContent(new { amount = 18_000 }));
        (await redrafted.ReadAsync<ProposalDetail>()).Status.Should().Be(ProposalStatus.Draft);
        var again = await RequestSendAsync(op, draft.Id);
        again.Status.Should().Be(ProposalStatus.SendRequested);
        again.SendApproval!.Id.Should().NotBe(requested.SendApproval.Id);
    }

    [Fact]
    public async Task ApiKeyWithDraftScope_MayDraftAndEdit_ButEveryGateRefusesItAndAViewer_AndNothingIsWritten()
    {
        var op = await factory.CreateOperatorClientAsync();
        var viewer = await factory.CreateViewerClientAsync();
        var key = factory.CreateAgentClient(await factory.CreateKeyAsync(ApiScopes.ProposalsDraft));
        var allScopes = factory.CreateAgentClient();
        var lead = await CreateLeadAsync(op);

        var draft = await CreateDraftAsync(key, lead.Id);
        draft.Versions.Single().Origin.Should().Be("api_key");
        (await key.PatchAsync($"/api/proposals/{draft.Id}", JsonContent(new { body = "Better text" }))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await viewer.PostJsonAsync($"/api/leads/{lead.Id}/proposals", new { title = "x", body = "y" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var requested = await RequestSendAsync(op, draft.Id);
        var approvalId = requested.SendApproval!.Id;
        await using (var before = factory.CreateDbContext())
        {
            var auditCount = await before.AuditEntries.CountAsync(a => a.Action != "gate.refused");
            foreach (var client in new[] { key, allScopes, viewer })
            {
                (await client.PostJsonAsync($"/api/approvals/{approvalId}/decision", new { approve = true, reason = "machine says yes" }))
                    .StatusCode.Should().Be(HttpStatusCode.Forbidden);
                (await client.PostJsonAsync($"/api/proposals/{draft.Id}/request-send", new { }))
                    .StatusCode.Should().Be(HttpStatusCode.Forbidden);
                (await client.PostJsonAsync($"/api/proposals/{draft.Id}/mark-sent", new { }))
                    .StatusCode.Should().Be(HttpStatusCode.Forbidden);
                (await client.PostJsonAsync($"/api/proposals/{draft.Id}/outcome", new { outcome = "won", value = 1 }))
                    .StatusCode.Should().Be(HttpStatusCode.Forbidden);
            }

            await using var after = factory.CreateDbContext();
            (await after.AuditEntries.CountAsync(a => a.Action != "gate.refused")).Should().Be(auditCount);
            (await after.Set<ApprovalRequest>().SingleAsync(a => a.Id == approvalId)).State.Should().Be(ApprovalState.Pending);
            (await after.Set<Proposal>().SingleAsync(p => p.Id == draft.Id)).Status.Should().Be(ProposalStatus.SendRequested);
        }

        // After approval, the machine still cannot mark it sent.
        await DecideAsync(op, approvalId, true);
        (await key.PostJsonAsync($"/api/proposals/{draft.Id}/mark-sent", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await allScopes.PostJsonAsync($"/api/proposals/{draft.Id}/mark-sent", new { })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = factory.CreateDbContext();
        (await db.Set<Proposal>().SingleAsync(p => p.Id == draft.Id)).SentAt.Should().BeNull();
    }

    [Fact]
    public async Task Service_RefusesNonOperatorActors_EvenWithoutTheHttpPolicy()
    {
        var op = await factory.CreateOperatorClientAsync();
        var lead = await CreateLeadAsync(op);
        var draft = await CreateDraftAsync(op, lead.Id);
        var service = factory.Services.GetRequiredService<ProposalService>();
        var machine = new OperatorConsole.Domain.Common.Actor(OperatorConsole.Domain.Common.ActorKind.ApiKey, "key:1", "agent");

        (await service.RequestSendAsync(draft.Id, new RequestSendRequest(), machine)).Status.Should().Be(OperatorConsole.Domain.Common.OperationStatus.Forbidden);
        (await service.MarkSentAsync(draft.Id, new MarkSentRequest(), machine)).Status.Should().Be(OperatorConsole.Domain.Common.OperationStatus.Forbidden);
    }

    [Fact]
    public async Task Validation_BadDraftAndOutcome_Are422_UnknownIds404()
    {
        var op = await factory.CreateOperatorClientAsync();
        var lead = await CreateLeadAsync(op);

        var bad = await op.PostJsonAsync($"/api/leads/{lead.Id}/proposals", new { title = "x", body = "" });
        bad.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await bad.ReadJsonAsync()).GetProperty("errors").TryGetProperty("body", out _).Should().BeTrue();
        (await op.PostJsonAsync($"/api/leads/{lead.Id}/proposals", new { title = "x", body = "y", servicePackageId = 999 }))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await op.PostJsonAsync("/api/leads/999999/proposals", new { title = "x", body = "y" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await op.GetAsync("/api/proposals/999999")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        var draft = await CreateDraftAsync(op, lead.Id);
        (await op.PostJsonAsync($"/api/proposals/{draft.Id}/outcome", new { outcome = "won", value = 1 })).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await op.PostJsonAsync($"/api/proposals/{draft.Id}/outcome", new { outcome = "maybe" })).StatusCode.Should().BeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.UnprocessableEntity);

        // The body of request-send is optional.
        (await op.PostAsync($"/api/proposals/{draft.Id}/request-send", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await op.PostAsync($"/api/proposals/{draft.Id}/request-send", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task AiDraft_WithoutAzureOpenAI_Is503AndWritesNothing()
    {
        var op = await factory.CreateOperatorClientAsync();
        var lead = await CreateLeadAsync(op);

        var response = await op.PostJsonAsync($"/api/leads/{lead.Id}/proposals/ai-draft", new { });

        response.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        await using var db = factory.CreateDbContext();
        (await db.Set<Proposal>().CountAsync(p => p.LeadId == lead.Id)).Should().Be(0);
    }

    private static StringContent JsonContent(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body, ApiJson.Options), System.Text.Encoding.UTF8, "application/json");
}
