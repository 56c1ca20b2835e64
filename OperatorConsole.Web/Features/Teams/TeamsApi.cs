using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Teams;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Teams;

/// <summary>
/// The deal owners and their teams (manager, regional office), as an import of a CRM's sales teams records them, with
/// what each owner's deals add up to. Read-only: teams come from the import.
/// </summary>
public static class TeamsApi
{
    public static IEndpointRouteBuilder MapTeamsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/team-members").WithTags("Teams")
            .MapGet("/", ListTeamMembers).WithName("ListTeamMembers")
            .WithSummary("Every deal owner with their manager and regional office (null when no team records them) and their deals, won and lost deals, won value and win rate; filters office and manager (case ignored); paging")
            .RequireAuthorization(ConsolePolicies.Read);
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
}
