using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Web.Auth;

public static class AccountEndpoints
{
    /// <summary>
    /// Sign-out is a POST with an antiforgery token (a GET could be triggered by any page). It changes the
    /// person's security stamp before deleting the cookie, so a copy of the cookie (another tab, a stolen one)
    /// is refused on its next request too — signing out signs that person out everywhere.
    /// </summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", async (HttpContext http, [FromServices] SignInManager<ConsoleUser> signIn, [FromForm] string? returnUrl) =>
        {
            if (http.User.IsPerson() && await signIn.UserManager.GetUserAsync(http.User) is { } user)
            {
                await signIn.UserManager.UpdateSecurityStampAsync(user);
            }

            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/login");
        }).ExcludeFromDescription();
        return app;
    }
}
