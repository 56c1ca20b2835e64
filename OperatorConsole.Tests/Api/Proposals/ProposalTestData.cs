using System.Net;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Proposals;

/// <summary>Shortcuts for the proposal tests: a lead, a draft, a pending send request.</summary>
internal static class ProposalTestData
{
    public static async Task<LeadView> CreateLeadAsync(HttpClient client, string title = "Proposal path lead", decimal value = 12_000)
    {
        var response = await client.PostJsonAsync("/api/leads", new { title, company = "Acme " + Guid.NewGuid().ToString("N")[..6], estimatedValue = value, status = "qualified" });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await response.ReadAsync<LeadView>();
    }

    public static async Task<ProposalDetail> CreateDraftAsync(HttpClient client, int leadId, string body = "Scope: automate intake. Price: 12,000 USD.")
    {
        var response = await client.PostJsonAsync($"/api/leads/{leadId}/proposals", new { title = "Intake automation", body, amount = 12_000 });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<ProposalDetail>();
    }

    public static async Task<ProposalDetail> RequestSendAsync(HttpClient operatorClient, int proposalId)
    {
        var response = await operatorClient.PostJsonAsync($"/api/proposals/{proposalId}/request-send", new { note = "Ready" });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<ProposalDetail>();
    }

    public static async Task<ApprovalView> DecideAsync(HttpClient operatorClient, int approvalId, bool approve, string reason = "Scope and price are right")
    {
        var response = await operatorClient.PostJsonAsync($"/api/approvals/{approvalId}/decision", new { approve, reason });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadAsync<ApprovalView>();
    }
}
