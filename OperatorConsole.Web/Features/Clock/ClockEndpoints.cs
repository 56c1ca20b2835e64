using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Domain.Clock;

namespace OperatorConsole.Web.Features.Clock;

public static class ClockEndpoints
{
    /// <summary>
    /// The banner's "switch to now" / "switch to data as of": a form POST (antiforgery, like sign-out) that remembers
    /// the choice in this browser for a year and reloads the page, so every card of the screen starts on the new
    /// clock together. A view preference, not a business fact: nothing is written to the database or the audit log.
    /// </summary>
    public static IEndpointRouteBuilder MapClockEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/clock", (HttpContext http, TimeProvider time, [FromForm] string? mode, [FromForm] string? returnUrl) =>
        {
            if (ScreenClock.ModeOf(null, mode) == ClockMode.Now)
            {
                http.Response.Cookies.Append(ScreenClock.Cookie, "now", new CookieOptions
                {
                    HttpOnly = true,
                    SameSite = SameSiteMode.Lax,
                    Secure = http.Request.IsHttps,
                    Expires = time.GetUtcNow().AddYears(1),
                    IsEssential = true,
                });
            }
            else
            {
                http.Response.Cookies.Delete(ScreenClock.Cookie);
            }

            return TypedResults.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).ExcludeFromDescription();
        return app;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));
}
