using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OperatorConsole.Data.Idempotency;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Idempotency-Key on POST /api/* (Stripe / IETF draft semantics): the key is taken before the work starts;
/// a repeat with the same key and body gets the first response again and writes nothing; a repeat while the
/// first is still running gets 409 "in progress" with Retry-After; the same key with another body is 422,
/// also while the first is running. Keys are per caller, so two agents cannot collide. Only successful
/// responses are kept: a rejected request wrote nothing, so its key is freed and a corrected repeat runs.
/// <para>How the key is taken depends on the endpoint. Ingest endpoints (<see cref="IdempotentWrite"/>) hand it
/// to the group-commit writer, which stores the response in the same transaction as the record: both survive a
/// crash or neither does. Other endpoints reserve the key in its own row first and store the response after.
/// A response that carries a secret (<see cref="SecretResponse"/>) is never stored: a repeat gets 409 and the
/// created resource's Location, not the secret again.</para>
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, ILogger<IdempotencyMiddleware> logger)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    /// <summary>Seconds a client should wait before repeating a request whose twin is still running.</summary>
    public const int RetryAfterSeconds = 1;

    // Keys being served by this instance, with their body hash: the atomic "taken" step for concurrent twins.
    private readonly ConcurrentDictionary<(string Caller, string Key), string> _inFlight = new();

    public async Task InvokeAsync(HttpContext context, IdempotencyStore store, IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
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
        var request = new IdempotencyRequest(context.User.CallerId(), key, context.Request.Method, context.Request.Path.Value ?? "", await HashBodyAsync(context));
        var slot = (request.CallerId, request.Key);
        while (!_inFlight.TryAdd(slot, request.RequestHash))
        {
            // The twin may finish between the two calls: then its key is no longer in flight, and this request must be
            // answered from what it stored (a replay, or 422 for another body), not told "in progress" with its own hash.
            if (_inFlight.TryGetValue(slot, out var runningHash))
            {
                await RefuseTwinAsync(context, problems, runningHash, request);
                return;
            }
        }

        try
        {
            if (await store.FindAsync(request.CallerId, request.Key, context.RequestAborted) is { } existing)
            {
                await AnswerExistingAsync(context, problems, existing, request);
                return;
            }

            var metadata = context.GetEndpoint()?.Metadata;
            if (metadata?.GetMetadata<SecretResponse>() is null && metadata?.GetMetadata<IdempotentWrite>() is { } write)
            {
                await RunWithTheWriteAsync(context, store, problems, request, write, json.Value.SerializerOptions);
            }
            else
            {
                await RunReservedAsync(context, store, problems, request, secret: metadata?.GetMetadata<SecretResponse>() is not null);
            }
        }
        finally
        {
            _inFlight.TryRemove(slot, out _);
        }
    }

    /// <summary>The writer stores the response with the record, in one transaction.</summary>
    private async Task RunWithTheWriteAsync(
        HttpContext context, IdempotencyStore store, IProblemDetailsService problems, IdempotencyRequest request, IdempotentWrite write, System.Text.Json.JsonSerializerOptions json)
    {
        var scope = new IdempotencyScope(request, value => write.Render(value, json));
        using (IdempotencyScope.Enter(scope))
        {
            try
            {
                await next(context);
            }
            catch (IdempotencyKeyTakenException) when (!context.Response.HasStarted)
            {
                // Another instance stored this key first (its write committed, ours rolled back): answer as it did.
                var winner = await store.FindAsync(request.CallerId, request.Key, CancellationToken.None);
                await AnswerExistingAsync(context, problems, winner!, request);
                return;
            }
        }

        if (context.Response.StatusCode is >= 200 and < 300 && !scope.Stored)
        {
            logger.LogWarning("{Path} is marked as storing its idempotent response with the write, but its write did not", request.Path);
        }
    }

    /// <summary>Takes the key in its own row, runs the request, then stores its answer (or frees the key).</summary>
    private async Task RunReservedAsync(HttpContext context, IdempotencyStore store, IProblemDetailsService problems, IdempotencyRequest request, bool secret)
    {
        if (await store.TryReserveAsync(request, context.RequestAborted) is not { } reservation)
        {
            var taken = await store.FindAsync(request.CallerId, request.Key, context.RequestAborted);
            await AnswerExistingAsync(context, problems, taken ?? request.ToInProgress(), request);
            return;
        }

        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(context);
            if (context.Response.StatusCode is >= 200 and < 300)
            {
                var location = context.Response.Headers.Location.ToString() is { Length: > 0 } l ? l : null;
                var response = secret
                    ? new StoredResponse(context.Response.StatusCode, null, location, [])
                    : new StoredResponse(context.Response.StatusCode, context.Response.ContentType, location, buffer.ToArray());
                await store.CompleteAsync(reservation.Id, response, CancellationToken.None);
                completed = true;
            }
        }
        finally
        {
            context.Response.Body = original;
            if (!completed)
            {
                await store.ReleaseAsync(reservation.Id, CancellationToken.None);
            }
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static Task RefuseTwinAsync(HttpContext context, IProblemDetailsService problems, string runningHash, IdempotencyRequest request) =>
        SameRequest(runningHash, request.RequestHash)
            ? InProgressAsync(context, problems)
            : DifferentRequestAsync(context, problems);

    private static async Task AnswerExistingAsync(HttpContext context, IProblemDetailsService problems, IdempotencyRecord existing, IdempotencyRequest request)
    {
        if (!string.Equals(existing.Path, request.Path, StringComparison.Ordinal) || !SameRequest(existing.RequestHash, request.RequestHash))
        {
            await DifferentRequestAsync(context, problems);
        }
        else if (existing.StatusCode == IdempotencyStore.InProgress)
        {
            await InProgressAsync(context, problems);
        }
        else if (context.GetEndpoint()?.Metadata.GetMetadata<SecretResponse>() is not null)
        {
            if (existing.Location is not null)
            {
                context.Response.Headers.Location = existing.Location;
            }

            await WriteProblemAsync(context, problems, StatusCodes.Status409Conflict,
                $"This {Header} already completed. Its response held a secret, which is shown only once and was not kept; see Location for what was created.");
        }
        else
        {
            await ReplayAsync(context, existing);
        }
    }

    private static async Task ReplayAsync(HttpContext context, IdempotencyRecord existing)
    {
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

    private static Task InProgressAsync(HttpContext context, IProblemDetailsService problems)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteProblemAsync(context, problems, StatusCodes.Status409Conflict,
            $"A request with this {Header} is still in progress. Repeat it after {RetryAfterSeconds} s to get its response.");
    }

    private static Task DifferentRequestAsync(HttpContext context, IProblemDetailsService problems) =>
        WriteProblemAsync(context, problems, StatusCodes.Status422UnprocessableEntity,
            $"This {Header} was already used with a different request. Use a new key for a new request.");

    private static bool SameRequest(string storedHash, string hash) =>
        CryptographicOperations.FixedTimeEquals(Convert.FromHexString(storedHash), Convert.FromHexString(hash));

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
