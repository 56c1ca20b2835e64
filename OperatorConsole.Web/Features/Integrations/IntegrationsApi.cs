using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Data.Integrations;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Integrations;

public static class IntegrationsApi
{
    public static IEndpointRouteBuilder MapIntegrationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/integrations").WithTags("Integrations");
        api.MapPost("/{name}/heartbeat", Heartbeat).WithName("IntegrationHeartbeat").WithSummary("Report that an integration ran (ok or not)")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.Heartbeats)).StoresNoContentWithTheWrite();
        api.MapGet("/", ListIntegrations).WithName("ListIntegrations").WithSummary("Every integration with its health")
            .RequireAuthorization(ConsolePolicies.People);
        api.MapPatch("/{name}", UpdateIntegration).WithName("UpdateIntegration").WithSummary("Change the expected interval (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Heartbeat(
        string name, HeartbeatRequest request, IntegrationService integrations, CancellationToken ct)
    {
        var result = await integrations.HeartbeatAsync(name, request, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(result);
    }

    public static async Task<Ok<IReadOnlyList<IntegrationView>>> ListIntegrations(IntegrationService integrations, CancellationToken ct) =>
        TypedResults.Ok(await integrations.ListAsync(ct));

    public static async Task<Results<Ok<IntegrationView>, ProblemHttpResult>> UpdateIntegration(
        string name, UpdateIntegrationRequest request, IntegrationService integrations, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await integrations.UpdateAsync(name, request, http.User.ToActor(), ct));
}
