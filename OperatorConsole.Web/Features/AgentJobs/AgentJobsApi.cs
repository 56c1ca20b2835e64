using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.AgentJobs;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.AgentJobs;

/// <summary>The coding-agent job ledger (API.md "Agent job"): the agent records, people read, only an operator decides.</summary>
public static class AgentJobsApi
{
    public static IEndpointRouteBuilder MapAgentJobsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/agent-jobs").WithTags("Agent jobs");
        api.MapPost("/", RecordJob).WithName("RecordAgentJob")
            .WithSummary("Record a coding-agent job; the risk is classified from filesTouched (Idempotency-Key supported)")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.JobsWrite));
        api.MapGet("/", ListJobs).WithName("ListAgentJobs").WithSummary("Agent jobs, newest first (filters status = needs_review|ready|approved|refused|deployed, result, riskLevel, approved, buildTaskId)")
            .RequireAuthorization(ConsolePolicies.People);
        api.MapGet("/{id:int}", GetJob).WithName("GetAgentJob").WithSummary("One agent job").RequireAuthorization(ConsolePolicies.People);
        api.MapPatch("/{id:int}", DecideJob).WithName("DecideAgentJob")
            .WithSummary("Operator only: approve or refuse ({humanApproved}) and/or mark deployed ({deployedAt}), with a reason; " +
                "failed checks need overrideReason; an API key gets 403")
            .HumanGate("agent job approve / refuse / deploy");
        api.MapPost("/{id:int}/risk", OverrideRisk).WithName("OverrideAgentJobRisk")
            .WithSummary("Operator only: set this job's riskClass and riskLevel, with a reason (audited; the rules' verdict is kept)")
            .HumanGate("agent job risk override");
        return app.MapAgentJobsExport();
    }

    public static async Task<Results<Created<AgentJobView>, ProblemHttpResult>> RecordJob(
        RecordAgentJobRequest request, AgentJobService jobs, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await jobs.RecordAsync(request, http.User.ToActor(), ct), j => $"/api/agent-jobs/{j.Id}");

    public static async Task<Results<Ok<PagedList<AgentJobView>>, ProblemHttpResult>> ListJobs(
        AgentJobService jobs,
        CancellationToken ct,
        [FromQuery] string? result = null,
        [FromQuery] string? riskLevel = null,
        [FromQuery] string? approved = null,
        [FromQuery] int? buildTaskId = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null,
        [FromQuery] string? status = null)
    {
        if (ParseFilter(result, riskLevel, approved, buildTaskId, out var filter) is { } problem)
        {
            return problem;
        }

        var errors = new QueryEnum.Errors();
        var statusFilter = errors.Parse<AgentJobStatus>("status", status);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await jobs.ListAsync(filter with { Page = page, PageSize = pageSize, Status = statusFilter }, ct));
    }

    /// <summary>
    /// The list's filter query parameters, read once for the list and the CSV export (GET /api/exports/agent-jobs.csv):
    /// an unknown result or risk level, or an approval that is not true/false, is a 400 problem naming the parameter.
    /// </summary>
    public static ProblemHttpResult? ParseFilter(string? result, string? riskLevel, string? approved, int? buildTaskId, out AgentJobListQuery filter)
    {
        var errors = new QueryEnum.Errors();
        var resultFilter = errors.Parse<AgentJobResult>("result", result);
        var riskFilter = errors.Parse<RiskLevel>("riskLevel", riskLevel);
        bool? approvedFilter = null;
        if (!string.IsNullOrWhiteSpace(approved))
        {
            if (bool.TryParse(approved.Trim(), out var value))
            {
                approvedFilter = value;
            }
            else
            {
                errors.Add("approved", "'approved' is true or false.");
            }
        }

        filter = new AgentJobListQuery(resultFilter, riskFilter, approvedFilter, buildTaskId);
        return errors.Any ? errors.ToProblem() : null;
    }

    public static async Task<Results<Ok<AgentJobView>, ProblemHttpResult>> GetJob(int id, AgentJobService jobs, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await jobs.GetAsync(id, ct), $"Agent job {id} does not exist.");

    public static async Task<Results<Ok<AgentJobView>, ProblemHttpResult>> DecideJob(
        int id, DecideAgentJobRequest request, AgentJobService jobs, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await jobs.DecideAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Ok<AgentJobView>, ProblemHttpResult>> OverrideRisk(
        int id, OverrideAgentJobRiskRequest request, AgentJobService jobs, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await jobs.OverrideRiskAsync(id, request, http.User.ToActor(), ct));
}
