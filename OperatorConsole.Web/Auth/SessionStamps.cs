using System.Collections.Frozen;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Web.Live;

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
    public static Task<bool> IsCurrentAsync(UserManager<ConsoleUser> users, ClaimsPrincipal principal) =>
        IsCurrentAsync(principal, users.Options.ClaimsIdentity, async id =>
            await users.FindByIdAsync(id) is { } user ? (true, await users.GetSecurityStampAsync(user)) : (false, null));

    /// <summary>
    /// The rule itself, wherever the stored stamps come from: the principal claims a person and a stamp, and
    /// <paramref name="stored"/> finds that person with that very stamp.
    /// </summary>
    internal static async Task<bool> IsCurrentAsync(
        ClaimsPrincipal principal, ClaimsIdentityOptions claims, Func<string, Task<(bool Found, string? Stamp)>> stored)
    {
        var id = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (id is null || stamp is null)
        {
            return false;
        }

        var (found, current) = await stored(id);
        return found && string.Equals(current, stamp, StringComparison.Ordinal);
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
/// sign-in page instead of staying live. The stamps come from <see cref="CircuitSessionStamps"/>, read once for
/// every open circuit instead of once per circuit per check.
/// </summary>
internal sealed class SessionRevalidatingStateProvider(
    ILoggerFactory loggerFactory, LiveQueries live, CircuitSessionStamps stamps, IOptions<IdentityOptions> identity, IOptions<ConsoleSessionOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.RevalidationInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        if (authenticationState.User.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        return await SessionStamps.IsCurrentAsync(authenticationState.User, identity.Value.ClaimsIdentity, async id =>
            (await live.GetAsync(stamps.Query, cancellationToken)).Value.TryGetValue(id, out var stamp) ? (true, stamp) : (false, null));
    }

    /// <summary>For tests: the same check the timer runs.</summary>
    internal Task<bool> RevalidateNowAsync(AuthenticationState state) => ValidateAuthenticationStateAsync(state, CancellationToken.None);
}

/// <summary>
/// Every person's stored security stamp, as one live query shared by all open circuits. Each circuit re-checks its
/// person every few seconds; with 100 screens open that was a scope, a UserManager and a primary-key read every
/// 50 ms, a tenth of the console's CPU with nothing happening (issue 18). Anything that ends a session saves the
/// person's row, so the live change for <see cref="ConsoleUser"/> invalidates this answer before the save returns
/// (from another instance, as soon as the backplane delivers it); its max age is the revalidation interval, so a
/// stamp changed behind the console's back is seen no later than two checks. The per-request cookie check keeps its
/// own read (<see cref="SessionStamps.ValidatePrincipalAsync"/>, ADR 160): a request is never let through on a stamp
/// an instance has not heard about yet.
/// </summary>
public sealed class CircuitSessionStamps(IOptions<ConsoleSessionOptions> options)
{
    public LiveQuery<FrozenDictionary<string, string?>> Query { get; } = new(
        "auth.session-stamps", [nameof(ConsoleUser)], LoadAsync, options.Value.RevalidationInterval)
    {
        Same = (a, b) => a.Count == b.Count && a.All(s => b.TryGetValue(s.Key, out var stamp) && string.Equals(stamp, s.Value, StringComparison.Ordinal)),
    };

    private static async Task<FrozenDictionary<string, string?>> LoadAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContextAsync(ct);
        var people = await db.Users.AsNoTracking().Select(u => new { u.Id, u.SecurityStamp }).ToListAsync(ct);
        return people.ToFrozenDictionary(u => u.Id, u => u.SecurityStamp, StringComparer.Ordinal);
    }
}

/// <summary>Section "Sessions".</summary>
public sealed class ConsoleSessionOptions
{
    public const string Section = "Sessions";

    /// <summary>How often an open Blazor circuit re-checks that its person's session is still valid.</summary>
    public int CircuitRevalidationSeconds { get; set; } = 5;

    internal TimeSpan RevalidationInterval => TimeSpan.FromSeconds(Math.Max(1, CircuitRevalidationSeconds));
}
