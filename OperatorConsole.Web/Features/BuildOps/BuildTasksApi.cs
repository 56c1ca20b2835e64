using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.BuildOps;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.BuildOps;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.BuildOps;

/// <summary>
/// The Build Ops queue. The coding agent (jobs:write) may queue tasks, set the PR summary and hand work in for review;
/// every other move and edit is an operator's, enforced by the service (API key → 403).
/// </summary>
public static class BuildTasksApi
{
    public static IEndpointRouteBuilder MapBuildTasksApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/build-tasks").WithTags("Build Ops");
        api.MapGet("/", ListTasks).WithName("ListBuildTasks").WithSummary("Build tasks, newest first (filters status, impact, riskLevel, leadId, q)")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/{id:int}", GetTask).WithName("GetBuildTask").WithSummary("One build task").RequireAuthorization(ConsolePolicies.Read);
        api.MapPost("/", CreateTask).WithName("CreateBuildTask").WithSummary("Queue a build task")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.JobsWrite));
        api.MapPatch("/{id:int}", UpdateTask).WithName("UpdateBuildTask").WithSummary("Edit fields (an API key may set prSummary only)")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.JobsWrite));
        api.MapPost("/{id:int}/transition", TransitionTask).WithName("TransitionBuildTask")
            .WithSummary("Move a task {to, reason}; only in_progress → review is open to an API key; gated moves need a reason")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.JobsWrite))
            .HumanGateInService("build start / approve / done / reject");
        return app;
    }

    public static async Task<Results<Ok<PagedList<BuildTaskView>>, ProblemHttpResult>> ListTasks(
        BuildTaskService tasks,
        CancellationToken ct,
        [FromQuery] string? status = null,
        [FromQuery] string? impact = null,
        [FromQuery] string? riskLevel = null,
        [FromQuery] int? leadId = null,
        [FromQuery] string? q = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null)
    {
        var errors = new QueryEnum.Errors();
        var statusFilter = errors.Parse<BuildTaskStatus>("status", status);
        var impactFilter = errors.Parse<BusinessImpact>("impact", impact);
        var riskFilter = errors.Parse<RiskLevel>("riskLevel", riskLevel);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await tasks.ListAsync(new BuildTaskListQuery(statusFilter, impactFilter, riskFilter, leadId, q, page, pageSize), ct));
    }

    public static async Task<Results<Ok<BuildTaskView>, ProblemHttpResult>> GetTask(int id, BuildTaskService tasks, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await tasks.GetAsync(id, ct), $"Build task {id} does not exist.");

    public static async Task<Results<Created<BuildTaskView>, ProblemHttpResult>> CreateTask(
        CreateBuildTaskRequest request, BuildTaskService tasks, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await tasks.CreateAsync(request, http.User.ToActor(), ct), t => $"/api/build-tasks/{t.Id}");

    public static async Task<Results<Ok<BuildTaskView>, ProblemHttpResult>> UpdateTask(
        int id, UpdateBuildTaskRequest request, BuildTaskService tasks, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await tasks.UpdateAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Ok<BuildTaskView>, ProblemHttpResult>> TransitionTask(
        int id, TransitionBuildTaskRequest request, BuildTaskService tasks, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await tasks.TransitionAsync(id, request, http.User.ToActor(), ct));
}
