using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Proposals;

/// <summary>
/// Proposals: machines with proposals:draft may draft and edit drafts; requesting to send, marking sent
/// and recording the outcome are operator-only (an API key gets 403). Nothing here sends anything.
/// </summary>
public static class ProposalsApi
{
    public static IEndpointRouteBuilder MapProposalsApi(this IEndpointRouteBuilder app)
    {
        var lead = app.MapGroup("/api/leads/{leadId:int}/proposals").WithTags("Proposals");
        lead.MapGet("/", ListProposals).WithName("ListProposals").WithSummary("The lead's proposals, newest first")
            .RequireAuthorization(ConsolePolicies.Read);
        lead.MapPost("/", CreateDraft).WithName("CreateProposalDraft").WithSummary("Create a proposal draft (version 1); never sends")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.ProposalsDraft));
        lead.MapPost("/ai-draft", AiDraft).WithName("DraftProposalWithAzureOpenAI")
            .WithSummary("Draft a proposal with Azure OpenAI (503 when not configured); the result is a draft only")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.ProposalsDraft));
        lead.MapGet("/{id:int}", GetLeadProposal).WithName("GetLeadProposal").WithSummary("One proposal of the lead with versions and history")
            .RequireAuthorization(ConsolePolicies.Read);

        var proposals = app.MapGroup("/api/proposals").WithTags("Proposals");
        proposals.MapGet("/{id:int}", GetProposal).WithName("GetProposal").WithSummary("One proposal with versions and history")
            .RequireAuthorization(ConsolePolicies.Read);
        proposals.MapPatch("/{id:int}", UpdateDraft).WithName("UpdateProposalDraft").WithSummary("Save the draft as a new version")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.ProposalsDraft));
        proposals.MapPost("/{id:int}/request-send", RequestSend).WithName("RequestProposalSend")
            .WithSummary("Ask for the send approval (operator); opens an approval request").RequireAuthorization(ConsolePolicies.Operator);
        proposals.MapPost("/{id:int}/mark-sent", MarkSent).WithName("MarkProposalSent")
            .WithSummary("Record that the operator sent it (operator, only after approval)").RequireAuthorization(ConsolePolicies.Operator);
        proposals.MapPost("/{id:int}/outcome", RecordOutcome).WithName("RecordProposalOutcome")
            .WithSummary("Won (moves the lead to Approved), lost or no_response, with value and reason (operator)").RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    public static async Task<Results<Ok<PagedList<ProposalSummary>>, ProblemHttpResult>> ListProposals(
        int leadId, ProposalService proposals, CancellationToken ct, [FromQuery] int? page = null, [FromQuery] int? pageSize = null) =>
        ApiResults.OkOrNotFound(await proposals.ListForLeadAsync(leadId, page, pageSize, ct), $"Lead {leadId} does not exist.");

    public static async Task<Results<Created<ProposalDetail>, ProblemHttpResult>> CreateDraft(
        int leadId, CreateProposalRequest request, ProposalService proposals, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await proposals.CreateDraftAsync(leadId, request, http.User.ToActor(), ct), p => $"/api/proposals/{p.Id}");

    public sealed record AiDraftRequest(int? ProposalId = null, string? Instructions = null);

    public static async Task<Results<Created<ProposalDetail>, ProblemHttpResult>> AiDraft(
        int leadId, AiDraftRequest request, ProposalDrafter drafter, HttpContext http, CancellationToken ct)
    {
        if (!drafter.IsConfigured)
        {
            return TypedResults.Problem(ProposalDrafter.NotConfigured, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Azure OpenAI is not configured");
        }

        return ApiResults.CreatedOrProblem(await drafter.DraftAsync(leadId, request.ProposalId, request.Instructions, http.User.ToActor(), ct), p => $"/api/proposals/{p.Id}");
    }

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> GetLeadProposal(int leadId, int id, ProposalService proposals, CancellationToken ct) =>
        await proposals.GetAsync(id, ct) is { } p && p.LeadId == leadId ? TypedResults.Ok(p) : ApiResults.NotFound($"Proposal {id} does not exist for lead {leadId}.");

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> GetProposal(int id, ProposalService proposals, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await proposals.GetAsync(id, ct), $"Proposal {id} does not exist.");

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> UpdateDraft(
        int id, UpdateProposalRequest request, ProposalService proposals, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await proposals.UpdateDraftAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> RequestSend(
        int id, ProposalService proposals, HttpContext http, CancellationToken ct, [FromBody] RequestSendRequest? request = null) =>
        ApiResults.OkOrProblem(await proposals.RequestSendAsync(id, request ?? new RequestSendRequest(), http.User.ToActor(), ct));

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> MarkSent(
        int id, ProposalService proposals, HttpContext http, CancellationToken ct, [FromBody] MarkSentRequest? request = null) =>
        ApiResults.OkOrProblem(await proposals.MarkSentAsync(id, request ?? new MarkSentRequest(), http.User.ToActor(), ct));

    public static async Task<Results<Ok<ProposalDetail>, ProblemHttpResult>> RecordOutcome(
        int id, RecordOutcomeRequest request, ProposalService proposals, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await proposals.RecordOutcomeAsync(id, request, http.User.ToActor(), ct));
}
