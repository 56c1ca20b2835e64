using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Constraint;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Constraint;
using OperatorConsole.Domain.Leads;
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
        api.MapGet("/constraint/stuck-leads", ListStuckLeads).WithName("ListStuckLeads")
            .WithSummary("Every lead stuck in a queue stage longer than the threshold, longest first (stage, asOf, periodDays, page, pageSize)");
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

    /// <summary>The leads behind the stages' stuck counts, paged: the report itself carries only the longest-stuck 200.</summary>
    public static async Task<Results<Ok<PagedList<StuckLead>>, ProblemHttpResult>> ListStuckLeads(
        ConstraintService constraint, ScreenClock clock, HttpContext http, CancellationToken ct, [FromQuery] string? stage = null,
        [FromQuery] DateTime? asOf = null, [FromQuery] int? periodDays = null, [FromQuery(Name = "clock")] string? clockMode = null,
        [FromQuery] int? page = null, [FromQuery] int? pageSize = null)
    {
        var errors = new QueryEnum.Errors();
        if (periodDays is < 1 or > 365)
        {
            errors.Add("periodDays", "'periodDays' must be between 1 and 365.");
        }

        var stageFilter = errors.Parse<LeadStatus>("stage", stage);
        if (stageFilter is { } s && !ConstraintAnalyzer.FlowStages.Contains(s))
        {
            // Lost and Shipped are ends, not queues: nothing is ever stuck there.
            errors.Add("stage", $"'{stage}' is not a stage a lead can be stuck in: {string.Join(", ", ConstraintAnalyzer.FlowStages.Select(QueryEnum.Spell))}.");
        }

        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var paging = PageRequest.From(page, pageSize);
        return asOf is { } moment
            ? TypedResults.Ok(await constraint.GetStuckLeadsAsync(moment, periodDays, stageFilter, paging, ct))
            : await ClockApi.WithClockAsync(clock, http, clockMode, async at => TypedResults.Ok(await constraint.GetStuckLeadsAsync(at, periodDays, stageFilter, paging, ct)), ct);
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
