using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Data.Leads;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.CommandCenter;

/// <summary>The Command Center's pipeline card for scripts and reports: the same shared answer the card shows (ADR 248).</summary>
public static class CommandCenterApi
{
    public static IEndpointRouteBuilder MapCommandCenterApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/pipeline-by-stage", GetPipelineByStage).WithTags("Command Center").WithName("PipelineByStage")
            .WithSummary("Leads and estimated value per stage, each open stage's win rate measured from the closed deals that were in it, and the weighted open pipeline")
            .RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    /// <summary>Not clocked: the counts are today's and the rates are over every closed deal so far.</summary>
    public static async Task<Ok<PipelineByStage>> GetPipelineByStage(LiveQueries queries, CancellationToken ct) =>
        TypedResults.Ok((await queries.GetAsync(PipelineByStageCard.Query, ct)).Value);
}
