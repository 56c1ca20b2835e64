using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Api;

/// <summary>
/// CSRF defence for the HTTP API when a browser sends the person's cookie (OWASP "verify origin with standard
/// headers"). An unsafe request (POST, PUT, PATCH, DELETE) to /api without an API key must come from this
/// origin: <c>Sec-Fetch-Site</c>, when the browser sends it, must be <c>same-origin</c> (or <c>none</c>, typed
/// by the user), and <c>Origin</c>, when sent, must name this host. Anything else — another site, another port
/// of the same host ("same-site"), a sandboxed <c>null</c> origin — is a 403 problem before the endpoint runs,
/// which covers the multipart endpoints that cannot carry an antiforgery token from a script-less form.
/// Requests with neither header are not from a browser form (browsers send Origin on every cross-origin POST);
/// API-key requests are untouched — a key is never sent by a browser on its own.
/// </summary>
internal sealed class SameOriginWrites(RequestDelegate next, IProblemDetailsService problems, ILogger<SameOriginWrites> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || HttpMethods.IsOptions(request.Method) || ConsoleAuth.UsesApiKey(request) || IsSameOrigin(request))
        {
            await next(context);
            return;
        }

        logger.LogWarning("Refused a cross-origin {Method} {Path} (Origin {Origin}, Sec-Fetch-Site {Site})",
            request.Method, request.Path, request.Headers.Origin.ToString(), request.Headers["Sec-Fetch-Site"].ToString());
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new()
            {
                Status = StatusCodes.Status403Forbidden,
                Title = "Cross-origin request refused",
                Detail = "Writes with the sign-in cookie must come from the console's own pages. Machines send an API key.",
            },
        });
    }

    internal static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none"))
        {
            return false;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return true;
        }

        // Authority without the default port ("https://console.example" ↔ Host "console.example").
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.IsDefaultPort ? uri.Host : uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
