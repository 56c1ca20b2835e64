using System.Security.Cryptography;
using OperatorConsole.Data.Idempotency;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Idempotency-Key on POST /api/*: the first response is stored; a repeat with the same key and the same
/// body gets that response again and writes nothing; the same key with another body is 422.
/// Keys are per caller, so two agents cannot collide. Only successful responses are stored: a rejected
/// request wrote nothing, so repeating it is already safe.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    public async Task InvokeAsync(HttpContext context, IdempotencyStore store, IProblemDetailsService problems)
    {
        if (!HttpMethods.IsPost(context.Request.Method)
            || !context.Request.Path.StartsWithSegments("/api")
            || !context.Request.Headers.TryGetValue(Header, out var keyValues)
            || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = keyValues.ToString().Trim();
        if (key.Length is 0 or > MaxKeyLength)
        {
            await WriteProblemAsync(context, problems, StatusCodes.Status400BadRequest, $"The {Header} header must be 1–{MaxKeyLength} characters.");
            return;
        }

        context.Request.EnableBuffering();
        var hash = await HashBodyAsync(context);
        var caller = context.User.CallerId();
        var existing = await store.FindAsync(caller, key, context.RequestAborted);
        if (existing is not null)
        {
            await ReplayOrRefuseAsync(context, problems, existing, hash);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
        }

        if (context.Response.StatusCode is >= 200 and < 300)
        {
            var record = new IdempotencyRecord
            {
                CallerId = caller,
                Key = key,
                Method = context.Request.Method,
                Path = context.Request.Path.Value ?? "",
                RequestHash = hash,
                StatusCode = context.Response.StatusCode,
                ContentType = context.Response.ContentType,
                Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null,
                ResponseBody = buffer.ToArray(),
            };
            if (!await store.TrySaveAsync(record, context.RequestAborted))
            {
                // A concurrent twin stored its response first; ours has already been written, so say so.
                context.Response.Headers["Idempotency-Conflict"] = "concurrent";
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayOrRefuseAsync(HttpContext context, IProblemDetailsService problems, IdempotencyRecord existing, string hash)
    {
        var samePath = string.Equals(existing.Path, context.Request.Path.Value, StringComparison.Ordinal);
        if (!samePath || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(existing.RequestHash), Convert.FromHexString(hash)))
        {
            await WriteProblemAsync(context, problems, StatusCodes.Status422UnprocessableEntity,
                $"This {Header} was already used with a different request. Use a new key for a new request.");
            return;
        }

        context.Response.StatusCode = existing.StatusCode;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (existing.ContentType is not null)
        {
            context.Response.ContentType = existing.ContentType;
        }

        if (existing.Location is not null)
        {
            context.Response.Headers.Location = existing.Location;
        }

        await context.Response.Body.WriteAsync(existing.ResponseBody, context.RequestAborted);
    }

    private static async Task<string> HashBodyAsync(HttpContext context)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes(context.Request.Method + " " + context.Request.Path + context.Request.QueryString + "\n"));
        var buffer = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        context.Request.Body.Position = 0;
        return Convert.ToHexString(sha.GetHashAndReset()).ToLowerInvariant();
    }

    private static async Task WriteProblemAsync(HttpContext context, IProblemDetailsService problems, int status, string title)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [Header] = [title] }) { Status = status, Title = title },
        });
    }
}
