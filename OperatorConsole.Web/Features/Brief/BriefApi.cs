using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Data.Brief;
using OperatorConsole.Data.Scorecard;
using OperatorConsole.Domain.Scorecard;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Features.Clock;

namespace OperatorConsole.Web.Features.Brief;

/// <summary>Today's brief and the money scorecard: the Command Center's numbers, and sources the ops chat cites.</summary>
public static class BriefApi
{
    public static IEndpointRouteBuilder MapBriefAndScorecardApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/brief", GetBrief).WithTags("Command Center").WithName("TodaysBrief")
            .WithSummary("What changed in the last 24 hours (keys brief.*), each count with the records behind it").RequireAuthorization(ConsolePolicies.People);
        app.MapGet("/api/scorecard", GetScorecard).WithTags("Command Center").WithName("MoneyScorecard")
            .WithSummary("Won value, open pipeline, win rate, deal size and cycle time (keys scorecard.*) with the records behind each").RequireAuthorization(ConsolePolicies.People);
        return app;
    }

    /// <summary>The 24 hours before the reference time (<c>clock</c> in the answer: data as of, or now).</summary>
    public static async Task<Results<Ok<TodaysBriefReport>, ProblemHttpResult>> GetBrief(
        BriefService brief, ScreenClock clock, HttpContext http, CancellationToken ct, [FromQuery(Name = "clock")] string? clockMode = null) =>
        await ClockApi.WithClockAsync(clock, http, clockMode, async at => TypedResults.Ok(await brief.GetAsync(at, ct)), ct);

    /// <summary>Periods ending at the reference time (<c>clock</c> in the answer); for historic data, the data's week, month and year.</summary>
    public static async Task<Results<Ok<MoneyScorecardReport>, ProblemHttpResult>> GetScorecard(
        ScorecardService scorecard, ScreenClock clock, HttpContext http, CancellationToken ct, [FromQuery(Name = "clock")] string? clockMode = null) =>
        await ClockApi.WithClockAsync(clock, http, clockMode, async at => TypedResults.Ok(await scorecard.GetAsync(at, ct)), ct);
}
