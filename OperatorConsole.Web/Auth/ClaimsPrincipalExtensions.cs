using System.Security.Claims;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Web.Auth;

public static class ClaimsPrincipalExtensions
{
    public const string ScopeClaim = "scope";
    public const string ApiKeyIdClaim = "api_key_id";
    public const string DisplayNameClaim = "display_name";

    public static bool IsApiKey(this ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: ApiKeyAuthenticationHandler.SchemeName };

    public static bool IsPerson(this ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true && !user.IsApiKey();

    public static bool HasScope(this ClaimsPrincipal user, string scope) => user.IsApiKey() && user.HasClaim(ScopeClaim, scope);

    /// <summary>Stable id of the caller for idempotency keys and rate-limit partitions.</summary>
    public static string CallerId(this ClaimsPrincipal user) => user.IsApiKey()
        ? "key:" + user.FindFirstValue(ApiKeyIdClaim)
        : "user:" + user.FindFirstValue(ClaimTypes.NameIdentifier);

    /// <summary>The actor recorded in history and the audit log.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        if (user.IsApiKey())
        {
            return new Actor(ActorKind.ApiKey, "key:" + user.FindFirstValue(ApiKeyIdClaim), user.Identity!.Name ?? "API key");
        }

        if (user.Identity?.IsAuthenticated != true)
        {
            return new Actor(ActorKind.System, "anonymous", "anonymous");
        }

        var name = user.FindFirstValue(DisplayNameClaim) is { Length: > 0 } display ? display : user.Identity.Name ?? "operator";
        return new Actor(ActorKind.User, user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", name, user.IsInRole(ConsoleRoles.Operator));
    }
}
