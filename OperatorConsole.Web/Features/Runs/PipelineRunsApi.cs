using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Runs;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Runs;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Runs;

public static class PipelineRunsApi
{
    public static IEndpointRouteBuilder MapPipelineRunsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/pipeline-runs").WithTags("Pipeline runs");
        api.MapPost("/", RecordRun).WithName("RecordPipelineRun").WithSummary("Record a run with its steps; the status is computed")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.RunsWrite)).StoresCreatedWithTheWrite<RunView>(Location);
        api.MapGet("/", ListRuns).WithName("ListPipelineRuns").WithSummary("Runs, newest start first (filters leadId, status, kind)")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/{id:int}", GetRun).WithName("GetPipelineRun").WithSummary("One run with its steps").RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    public static async Task<Results<Created<RunView>, ProblemHttpResult>> RecordRun(
        RecordRunRequest request, PipelineRunService runs, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await runs.RecordAsync(request, http.User.ToActor(), ct), Location);

    private static string Location(RunView run) => $"/api/pipeline-runs/{run.Id}";

    public static async Task<Results<Ok<PagedList<RunView>>, ProblemHttpResult>> ListRuns(
        PipelineRunService runs,
        CancellationToken ct,
        [FromQuery] int? leadId = null,
        [FromQuery] string? status = null,
        [FromQuery] string? kind = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null)
    {
        var errors = new QueryEnum.Errors();
        var statusFilter = errors.Parse<RunStatus>("status", status);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await runs.ListAsync(new RunListQuery(leadId, statusFilter, kind, page, pageSize), ct));
    }

    public static async Task<Results<Ok<RunView>, ProblemHttpResult>> GetRun(int id, PipelineRunService runs, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await runs.GetAsync(id, ct), $"Pipeline run {id} does not exist.");
}
