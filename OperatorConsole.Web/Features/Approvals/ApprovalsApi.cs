using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Approvals;

/// <summary>The approvals inbox. People read it; only a signed-in operator decides (an API key gets 403).</summary>
public static class ApprovalsApi
{
    public static IEndpointRouteBuilder MapApprovalsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/approvals").WithTags("Approvals");
        api.MapGet("/", ListApprovals).WithName("ListApprovals")
            .WithSummary("Approval requests (filters state, subject); pending oldest first, decided newest first").RequireAuthorization(ConsolePolicies.People);
        api.MapGet("/{id:int}", GetApproval).WithName("GetApproval").WithSummary("One approval request with its context").RequireAuthorization(ConsolePolicies.People);
        api.MapPost("/{id:int}/decision", Decide).WithName("DecideApproval")
            .WithSummary("Approve or reject with a reason (operator only); recorded in the audit log").HumanGate("approval request decision (every subject)");
        return app;
    }

    public static async Task<Results<Ok<PagedList<ApprovalView>>, ProblemHttpResult>> ListApprovals(
        ApprovalService approvals,
        CancellationToken ct,
        [FromQuery] string? state = null,
        [FromQuery] string? subject = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null)
    {
        var errors = new QueryEnum.Errors();
        var stateFilter = errors.Parse<ApprovalState>("state", state);
        var subjectFilter = errors.Parse<ApprovalSubject>("subject", subject);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await approvals.ListAsync(new ApprovalListQuery(stateFilter, subjectFilter, page, pageSize), ct));
    }

    public static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> GetApproval(int id, ApprovalService approvals, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await approvals.GetAsync(id, ct), $"Approval request {id} does not exist.");

    public static async Task<Results<Ok<ApprovalView>, ProblemHttpResult>> Decide(
        int id, DecideApprovalRequest request, ApprovalService approvals, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await approvals.DecideAsync(id, request, http.User.ToActor(), ct));
}
