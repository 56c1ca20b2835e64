using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Refuses oversized API bodies before anything reads them: 400 with a problem document (API.md asks for
/// 400/422 for bad input), and Kestrel's own limit lowered so a body without Content-Length is cut too.
/// </summary>
internal sealed class RequestBodyLimit(RequestDelegate next, IOptions<ApiOptions> options)
{
    public async Task InvokeAsync(HttpContext context, IProblemDetailsService problems)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var limit = context.Request.HasFormContentType ? options.Value.MaxUploadBytes : options.Value.MaxJsonBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new HttpValidationProblemDetails
                    {
                        Status = StatusCodes.Status400BadRequest,
                        Title = "The request body is too large.",
                        Detail = $"At most {limit} bytes are accepted here.",
                    },
                });
                return;
            }

            var feature = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (feature is { IsReadOnly: false })
            {
                feature.MaxRequestBodySize = limit;
            }
        }

        await next(context);
    }
}
