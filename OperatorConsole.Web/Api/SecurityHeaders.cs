namespace OperatorConsole.Web.Api;

/// <summary>
/// Headers ASP.NET Core does not add by itself. The CSP allows scripts from this origin only — no inline script
/// at all (Blazor is started from blazor-start.js, and the page renders no import map), so an injected
/// &lt;script&gt; or event handler cannot run. Styles keep 'unsafe-inline': MudBlazor sets style attributes on
/// its components and Blazor's reconnect UI injects a style element; inline styles cannot run code (see
/// docs/security.md). connect-src 'self' covers the circuit's WebSocket to this host only (CSP Level 3: 'self'
/// matches ws:/wss: of the same host in Chromium and Firefox). Responses that did not set their own caching
/// (every API answer, every page — they carry people's data, API keys, audit entries) are no-store; static
/// assets keep the cache headers MapStaticAssets gave them.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    public const string Csp =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (!context.Request.Path.StartsWithSegments("/scalar"))
            {
                headers.ContentSecurityPolicy = Csp;
            }

            if (string.IsNullOrEmpty(headers.CacheControl))
            {
                headers.CacheControl = "no-store";
            }

            headers.Remove("Server");
            return Task.CompletedTask;
        });
        return next(context);
    }
}
