using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Teams;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Teams;

/// <summary>
/// The deal owners and their teams (manager, regional office), as an import of a CRM's sales teams records them, with
/// what each owner's deals add up to. Teams come from a CRM import's teams file, or are set one person at a time.
/// </summary>
public static class TeamsApi
{
    public static IEndpointRouteBuilder MapTeamsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/team-members").WithTags("Teams");
        api.MapGet("/", ListTeamMembers).WithName("ListTeamMembers")
            .WithSummary("Every deal owner with their manager and regional office (null when no team records them) and their deals, won and lost deals, won value and win rate; filters office and manager (case ignored); paging")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapPut("/", SetTeamMember).WithName("SetTeamMember")
            .WithSummary("Put a person in a team (operator): {name, manager?, office?}, matched by name with case and spacing ignored, a new member when none has it; a field left out or empty is cleared; audited team_member.set")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapDelete("/{id:int}", RemoveTeamMember).WithName("RemoveTeamMember")
            .WithSummary("Take a person's record off the teams (operator): their deals keep their owner and show no team; 404 for an unknown id; audited team_member.removed; returns the record removed")
            .RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    public static async Task<Ok<PagedList<TeamMemberRow>>> ListTeamMembers(
        TeamService teams,
        CancellationToken ct,
        [FromQuery] string? office = null,
        [FromQuery] string? manager = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null) =>
        TypedResults.Ok(await teams.ListAsync(new TeamListQuery(office, manager, page, pageSize), ct));

    public static async Task<Results<Ok<TeamMemberView>, ProblemHttpResult>> SetTeamMember(
        SetTeamMemberRequest request, TeamService teams, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await teams.SetAsync(request, http.User.ToActor(), ct));

    public static async Task<Results<Ok<TeamMemberView>, ProblemHttpResult>> RemoveTeamMember(
        int id, TeamService teams, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await teams.RemoveAsync(id, http.User.ToActor(), ct));
}
