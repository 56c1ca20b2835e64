using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Data.Brief;
using OperatorConsole.Data.Scorecard;
using OperatorConsole.Domain.Scorecard;
using OperatorConsole.Web.Auth;

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

    public static async Task<Ok<TodaysBriefReport>> GetBrief(BriefService brief, CancellationToken ct) => TypedResults.Ok(await brief.GetAsync(ct));

    public static async Task<Ok<MoneyScorecardReport>> GetScorecard(ScorecardService scorecard, CancellationToken ct) => TypedResults.Ok(await scorecard.GetAsync(ct));
}
