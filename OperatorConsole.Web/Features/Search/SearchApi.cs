using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Search;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Search;

public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/search").WithTags("Search")
            .MapGet("/", Search).WithName("Search")
            .WithSummary("Global search across leads, clients, pages and actions (and every feature's own source)")
            .RequireAuthorization(ConsolePolicies.People);
        return app;
    }

    public static async Task<Ok<SearchResults>> Search(SearchService search, CancellationToken ct, [FromQuery] string? q = null, [FromQuery] int? take = null) =>
        TypedResults.Ok(await search.SearchAsync(q, take ?? 12, ct));
}
