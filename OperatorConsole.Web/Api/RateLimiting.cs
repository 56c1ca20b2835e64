using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Api;

public sealed class RateLimitingOptions
{
    public const string Section = "RateLimiting";

    /// <summary>Sustained API requests per second per caller (API key, person, or IP when anonymous).</summary>
    public int ApiPermitsPerSecond { get; set; } = 500;
    public int ApiBurst { get; set; } = 1000;

    /// <summary>Sign-in attempts per minute per IP address, on top of Identity's per-account lockout.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;
}

internal static class RateLimiting
{
    public static IServiceCollection AddConsoleRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RateLimitingOptions.Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
                context.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new() { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests.", Detail = $"Retry after {retryAfter} s." },
                });
            };
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var path = context.Request.Path;
                if (path.StartsWithSegments("/login") && HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetFixedWindowLimiter("signin:" + ClientAddress(context), _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.SignInAttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
                }

                if (path.StartsWithSegments("/api"))
                {
                    var caller = context.User.Identity?.IsAuthenticated == true ? context.User.CallerId() : "ip:" + ClientAddress(context);
                    return RateLimitPartition.GetTokenBucketLimiter("api:" + caller, _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.ApiBurst,
                        TokensPerPeriod = options.ApiPermitsPerSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    });
                }

                return RateLimitPartition.GetNoLimiter("none");
            });
        });
        return services;
    }

    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
