using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;

namespace OperatorConsole.Web.Api;

/// <summary>
/// API.md: every /api path answers 401 without credentials. Real endpoints get that from their policies; this covers
/// the rest (an unknown path, a method the path does not support), so an anonymous caller cannot map the API by
/// telling 404 and 405 apart from 401. Signed-in callers still get the honest 404/405.
/// </summary>
internal sealed class ApiRequiresCredentials(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && context.User.Identity?.IsAuthenticated != true
            && !IsGuarded(context.GetEndpoint()))
        {
            // The smart scheme answers /api challenges with a 401 problem document, never a redirect.
            return context.ChallengeAsync();
        }

        return next(context);
    }

    /// <summary>An endpoint with its own authorization (or an explicit anonymous opt-in) decides for itself.</summary>
    private static bool IsGuarded(Endpoint? endpoint) =>
        endpoint is not null
        && (endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null);
}
