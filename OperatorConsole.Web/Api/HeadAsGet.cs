namespace OperatorConsole.Web.Api;

/// <summary>
/// Razor component pages answer GET and POST only, so <c>curl -I /login</c> or an uptime probe sending HEAD got 404.
/// Outside /api a HEAD is routed as a GET; Kestrel still knows the request was HEAD and sends the headers without the body.
/// </summary>
internal sealed class HeadAsGet(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsHead(context.Request.Method) && !context.Request.Path.StartsWithSegments("/api"))
        {
            context.Request.Method = HttpMethods.Get;
        }

        return next(context);
    }
}
