using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Features.Clock;

namespace OperatorConsole.Web.Features.Failures;

public static class FailuresApi
{
    public static IEndpointRouteBuilder MapFailuresApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/failures").WithTags("Failures");
        api.MapGet("/", GetReport).WithName("GetFailuresReport")
            .WithSummary("The Failures & Interventions report; include=acknowledged also lists acknowledged and snoozed items; clock=data|now sets the reference time of deal ages")
            .Produces<FailuresReport>(StatusCodes.Status200OK, "application/json")
            .RequireAuthorization(ConsolePolicies.People);
        api.MapGet("/buckets/{bucket}", GetBucketPage).WithName("GetFailuresBucketPage")
            .WithSummary("One bucket's items from offset (limit ≤ 500), narrowed by q; the report's first page plus this is every item")
            .Produces<FailureBucketPage>(StatusCodes.Status200OK, "application/json")
            .RequireAuthorization(ConsolePolicies.People);
        api.MapPost("/acknowledgements/bulk", AcknowledgeMany).WithName("AcknowledgeFailuresInBulk")
            .WithSummary("Acknowledge or snooze every open item of a bucket, a group or the search, with one reason: one audited decision (operator only)")
            .RequireAuthorization(ConsolePolicies.Operator);
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

    /// <summary>
    /// The shared report with each list cut to its first <paramref name="limit"/> rows (default 50, at most 500;
    /// counts stay whole): a 10,000-item report is never one multi-megabyte document. The rest of a bucket comes
    /// from <see cref="GetBucketPage"/>.
    /// </summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetReport(
        FailuresReportCache cache, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, HttpContext http, CancellationToken ct,
        [FromQuery] string? include = null, [FromQuery] int? limit = null, [FromQuery] string? clock = null)
    {
        var errors = new Dictionary<string, string[]>();
        var includeAcknowledged = ParseInclude(include, errors);
        var pageLimit = ParseLimit(limit, errors);
        var mode = ClockApi.ParseMode(http, clock, errors);
        if (errors.Count > 0)
        {
            return ApiResults.BadRequest("Invalid query parameter.", errors);
        }

        return TypedResults.Bytes(await cache.GetFirstPageJsonAsync(mode, includeAcknowledged, pageLimit, json.Value.SerializerOptions, ct), "application/json");
    }

    /// <summary>"Show more": one bucket's items from <paramref name="offset"/>, with the same search as the page (q).</summary>
    public static async Task<Results<Ok<FailureBucketPage>, ProblemHttpResult>> GetBucketPage(
        string bucket, FailuresReportCache cache, HttpContext http, CancellationToken ct,
        [FromQuery] int? offset = null, [FromQuery] int? limit = null, [FromQuery] string? q = null, [FromQuery] string? include = null,
        [FromQuery] string? clock = null)
    {
        if (FailureBucketExtensions.FromCode(bucket) is not { } which)
        {
            return ApiResults.NotFound($"There is no bucket '{bucket}': {string.Join(", ", Enum.GetValues<FailureBucket>().Select(b => b.Code()))}.");
        }

        var errors = new Dictionary<string, string[]>();
        var includeAcknowledged = ParseInclude(include, errors);
        var pageLimit = ParseLimit(limit, errors);
        var mode = ClockApi.ParseMode(http, clock, errors);
        if (offset is < 0)
        {
            errors["offset"] = ["'offset' must be 0 or more."];
        }

        if (q is { Length: > FailureFilter.QueryMax })
        {
            errors["q"] = [$"'q' is at most {FailureFilter.QueryMax} characters."];
        }

        if (errors.Count > 0)
        {
            return ApiResults.BadRequest("Invalid query parameter.", errors);
        }

        var report = (await cache.GetAsync(mode, ct)).View(includeAcknowledged);
        return TypedResults.Ok(FailurePaging.Page(report, which, new FailureFilter(which, null, q), offset ?? 0, pageLimit));
    }

    private static bool ParseInclude(string? include, Dictionary<string, string[]> errors)
    {
        var includeAcknowledged = false;
        foreach (var part in (include ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!string.Equals(part, "acknowledged", StringComparison.OrdinalIgnoreCase))
            {
                errors["include"] = [$"'{part}' is not one of: acknowledged."];
            }

            includeAcknowledged = true;
        }

        return includeAcknowledged;
    }

    private static int ParseLimit(int? limit, Dictionary<string, string[]> errors)
    {
        if (limit is < 1 or > FailurePaging.MaxLimit)
        {
            errors["limit"] = [$"'limit' must be between 1 and {FailurePaging.MaxLimit}."];
        }

        return limit ?? FailurePaging.DefaultLimit;
    }

    public static async Task<Results<Created<BulkAcknowledgementView>, ProblemHttpResult>> AcknowledgeMany(
        BulkAcknowledgeRequest request, FailureAcknowledgementService acks, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await acks.AcknowledgeManyAsync(request, http.User.ToActor(), ct), d => $"/api/failures/acknowledgements?decision={d.DecisionId}");

    public static async Task<Ok<PagedList<AcknowledgementRecordView>>> ListAcknowledgements(
        FailureAcknowledgementService acks, CancellationToken ct, [FromQuery] bool? active = null, [FromQuery] int? page = null, [FromQuery] int? pageSize = null,
        [FromQuery] string? decision = null) =>
        TypedResults.Ok(await acks.ListAsync(active ?? false, page, pageSize, decision, ct));

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
