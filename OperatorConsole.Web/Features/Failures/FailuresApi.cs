using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Failures;

public static class FailuresApi
{
    public static IEndpointRouteBuilder MapFailuresApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/failures").WithTags("Failures");
        api.MapGet("/", GetReport).WithName("GetFailuresReport")
            .WithSummary("The Failures & Interventions report; include=acknowledged also lists acknowledged and snoozed items")
            .Produces<FailuresReport>(StatusCodes.Status200OK, "application/json")
            .RequireAuthorization(ConsolePolicies.People);
        api.MapGet("/acknowledgements", ListAcknowledgements).WithName("ListFailureAcknowledgements")
            .WithSummary("Acknowledgements and snoozes, newest first (active=true: only those hiding an item now)")
            .RequireAuthorization(ConsolePolicies.People);
        api.MapPost("/acknowledgements", Acknowledge).WithName("AcknowledgeFailure")
            .WithSummary("Acknowledge or snooze one item with a reason (operator only; audited)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapPost("/acknowledgements/{id:int}/reopen", Reopen).WithName("ReopenFailure")
            .WithSummary("End an acknowledgement or snooze: the item is counted again (operator only; audited)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapDelete("/acknowledgements/{id:int}", ReopenByDelete).WithName("DeleteFailureAcknowledgement")
            .WithSummary("Same as reopen; the acknowledgement stays in the history")
            .RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    /// <summary>Served from the shared report's cached JSON (the shape is <see cref="FailuresReport"/>).</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetReport(
        FailuresReportCache cache, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct, [FromQuery] string? include = null)
    {
        var includeAcknowledged = false;
        foreach (var part in (include ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!string.Equals(part, "acknowledged", StringComparison.OrdinalIgnoreCase))
            {
                return ApiResults.BadRequest("Invalid query parameter.", new Dictionary<string, string[]> { ["include"] = [$"'{part}' is not one of: acknowledged."] });
            }

            includeAcknowledged = true;
        }

        return TypedResults.Bytes(await cache.GetJsonAsync(includeAcknowledged, json.Value.SerializerOptions, ct), "application/json");
    }

    public static async Task<Ok<PagedList<AcknowledgementRecordView>>> ListAcknowledgements(
        FailureAcknowledgementService acks, CancellationToken ct, [FromQuery] bool? active = null, [FromQuery] int? page = null, [FromQuery] int? pageSize = null) =>
        TypedResults.Ok(await acks.ListAsync(active ?? false, page, pageSize, ct));

    public static async Task<Results<Created<AcknowledgementRecordView>, ProblemHttpResult>> Acknowledge(
        AcknowledgeFailureRequest request, FailureAcknowledgementService acks, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await acks.AcknowledgeAsync(request, http.User.ToActor(), ct), a => $"/api/failures/acknowledgements/{a.Id}");

    public static async Task<Results<Ok<AcknowledgementRecordView>, ProblemHttpResult>> Reopen(
        int id, [FromBody] ReopenAcknowledgementRequest? request, FailureAcknowledgementService acks, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await acks.ReopenAsync(id, request ?? new ReopenAcknowledgementRequest(), http.User.ToActor(), ct));

    public static async Task<Results<Ok<AcknowledgementRecordView>, ProblemHttpResult>> ReopenByDelete(
        int id, FailureAcknowledgementService acks, HttpContext http, CancellationToken ct, [FromQuery] string? reason = null) =>
        ApiResults.OkOrProblem(await acks.ReopenAsync(id, new ReopenAcknowledgementRequest(reason), http.User.ToActor(), ct));
}

public static class FailuresFeatureRegistration
{
    /// <summary>The shared report cache, and the database's in-memory health as a failure signal.</summary>
    public static IServiceCollection AddFailuresFeature(this IServiceCollection services)
    {
        services.AddSingleton<FailuresReportCache>();
        services.AddSingleton<OperatorConsole.Data.Failures.IRuntimeHealthSignals>(sp => sp.GetRequiredService<DatabaseHealthSignal>());
        services.AddSingleton<OperatorConsole.Data.Failures.IRuntimeHealthSignals, OperatorConsole.Web.Live.LiveBackplaneHealthSignal>();
        return services;
    }
}
