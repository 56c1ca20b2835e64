using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Web.Auth;

/// <summary>
/// A person's session is valid while the security stamp in their cookie is the stamp stored for them now.
/// Logout, a role change, a password reset, disabling and "sign out everywhere" all change the stored stamp,
/// so every copy of every cookie of that person stops working on its next request — checked on every request
/// (one primary-key read), not every 30 minutes as Identity's default validator does
/// (see docs/decisions/160-sessions-end-on-the-next-request.md).
/// </summary>
public static class SessionStamps
{
    /// <summary>True when the principal is a person whose stamp still matches the stored one.</summary>
    public static async Task<bool> IsCurrentAsync(UserManager<ConsoleUser> users, ClaimsPrincipal principal)
    {
        var id = users.GetUserId(principal);
        var stamp = principal.FindFirstValue(users.Options.ClaimsIdentity.SecurityStampClaimType);
        if (id is null || stamp is null)
        {
            return false;
        }

        var user = await users.FindByIdAsync(id);
        return user is not null && string.Equals(await users.GetSecurityStampAsync(user), stamp, StringComparison.Ordinal);
    }

    /// <summary>The cookie handler's per-request check; a stale cookie is rejected and deleted.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<ConsoleUser>>();
        if (context.Principal is { } principal && await IsCurrentAsync(users, principal))
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionStamps))
            .LogInformation("Refused a session cookie whose security stamp is no longer current (signed out, role or password changed, disabled)");
    }
}

/// <summary>
/// A Blazor circuit keeps the user it started with for hours; this re-checks the stamp every few seconds
/// (<c>Sessions:CircuitRevalidationSeconds</c>, default 5) so a revoked person's open screens fall back to the
/// sign-in page instead of staying live.
/// </summary>
internal sealed class SessionRevalidatingStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<ConsoleSessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, options.Value.CircuitRevalidationSeconds));

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        await using var scope = scopes.CreateAsyncScope();
        return await SessionStamps.IsCurrentAsync(scope.ServiceProvider.GetRequiredService<UserManager<ConsoleUser>>(), authenticationState.User);
    }

    /// <summary>For tests: the same check the timer runs.</summary>
    internal Task<bool> RevalidateNowAsync(AuthenticationState state) => ValidateAuthenticationStateAsync(state, CancellationToken.None);
}

/// <summary>Section "Sessions".</summary>
public sealed class ConsoleSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>How often an open Blazor circuit re-checks that its person's session is still valid.</summary>
    public int CircuitRevalidationSeconds { get; set; } = 5;
}
