using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Constraint;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Features.Clock;

namespace OperatorConsole.Web.Features.Constraint;

public static class ConstraintApi
{
    public static IEndpointRouteBuilder MapConstraintApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Constraint").RequireAuthorization(ConsolePolicies.People);
        api.MapGet("/constraint", GetConstraint).WithName("GetConstraint")
            .WithSummary("The bottleneck stage with its evidence (asOf and periodDays optional)");
        api.MapGet("/metrics/weekly", GetWeekly).WithName("GetWeeklyMetrics")
            .WithSummary("Weekly time in stage, flow in/out and win rate");
        return app;
    }

    public static async Task<Results<Ok<ConstraintReport>, ProblemHttpResult>> GetConstraint(
        ConstraintService constraint, ScreenClock clock, HttpContext http, CancellationToken ct, [FromQuery] DateTime? asOf = null, [FromQuery] int? periodDays = null,
        [FromQuery(Name = "clock")] string? clockMode = null)
    {
        if (periodDays is < 1 or > 365)
        {
            return ApiResults.BadRequest("Invalid query parameter.", new Dictionary<string, string[]> { ["periodDays"] = ["'periodDays' must be between 1 and 365."] });
        }

        // An explicit asOf is a question about that moment; otherwise the screen's clock (data as of, or now).
        return asOf is not null
            ? TypedResults.Ok(await constraint.GetAsync(asOf, periodDays, ct))
            : await ClockApi.WithClockAsync(clock, http, clockMode, async at => TypedResults.Ok(await constraint.GetAsync(at, periodDays, ct)), ct);
    }

    public static async Task<Results<Ok<MetricsSeries>, ProblemHttpResult>> GetWeekly(
        ConstraintService constraint, ScreenClock clock, HttpContext http, CancellationToken ct, [FromQuery] int? weeks = null, [FromQuery] DateTime? asOf = null,
        [FromQuery(Name = "clock")] string? clockMode = null)
    {
        if (weeks is < 1 or > 104)
        {
            return ApiResults.BadRequest("Invalid query parameter.", new Dictionary<string, string[]> { ["weeks"] = ["'weeks' must be between 1 and 104."] });
        }

        return asOf is not null
            ? TypedResults.Ok(await constraint.GetWeeklyAsync(weeks ?? 12, asOf, ct))
            : await ClockApi.WithClockAsync(clock, http, clockMode, async at => TypedResults.Ok(await constraint.GetWeeklyAsync(at, weeks ?? 12, ct)), ct);
    }
}
