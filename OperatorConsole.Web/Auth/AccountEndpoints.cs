using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Web.Auth;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token (a GET could be triggered by any page).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", async ([FromServices] SignInManager<ConsoleUser> signIn, [FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/login");
        }).ExcludeFromDescription();
        return app;
    }
}
