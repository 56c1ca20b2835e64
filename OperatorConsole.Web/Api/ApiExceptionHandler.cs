using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Web.Api.Contract;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Turns exceptions into problem documents: the client's mistakes into 400/422 with the field named,
/// an overloaded or full database into 503 with Retry-After, and anything else into a 500 without internals.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger, DatabaseHealthSignal databaseSignal) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Classify(exception, context);
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            context.Response.Headers.RetryAfter = "2";
            databaseSignal.ReportFailure(exception);
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    internal static Microsoft.AspNetCore.Mvc.ProblemDetails Classify(Exception exception, HttpContext? context = null)
    {
        switch (exception)
        {
            case BadHttpRequestException bad when FindJsonException(bad) is { } json:
                return JsonProblem(json, context);
            case BadHttpRequestException bad when BoundParameter().Match(bad.Message) is { Success: true } parameter:
                // "?page=abc": the framework names the parameter only in its message; docs/api.md promises it in errors,
                // under the name the request used (an [AsParameters] record's message names its property, "IncludeArchived").
                return new HttpValidationProblemDetails(new Dictionary<string, string[]>
                {
                    [AsSent(parameter.Groups["name"].Value, context)] = [$"'{parameter.Groups["value"].Value}' is not a valid {parameter.Groups["type"].Value.TrimEnd('?')}."],
                })
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "Invalid query parameter.",
                };
            case BadHttpRequestException bad:
                return new HttpValidationProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                    Detail = bad.Message,
                };
            case AuditLogIsAppendOnlyException audit:
                return new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status409Conflict, Title = "The audit log is append-only.", Detail = audit.Message };
        }

        if (IsDatabaseUnavailable(exception))
        {
            return new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is busy or unavailable; nothing was written. Retry shortly.",
            };
        }

        return new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." };
    }

    private static string AsSent(string name, HttpContext? context) =>
        context?.Request.Query.Keys.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    /// <summary>A value of the wrong type is a field error (422); JSON that does not parse is a 400.</summary>
    internal static Microsoft.AspNetCore.Mvc.ProblemDetails JsonProblem(JsonException json, HttpContext? context)
    {
        var field = FieldName(json.Path);
        if (json.Message.Contains("could not be mapped", StringComparison.Ordinal) && field is not null)
        {
            return UnknownFieldProblem(field, context);
        }

        if (json.Message.Contains("maximum configured depth", StringComparison.Ordinal) && field is not null)
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"'{field}' is nested deeper than 32 levels."] })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "One or more fields are invalid.",
            };
        }

        var isConversion = json.Message.Contains("could not be converted", StringComparison.Ordinal);
        if (isConversion && field is not null)
        {
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [$"'{field}' has a value of the wrong type or an unknown value."] })
            {
                Status = StatusCodes.Status422UnprocessableEntity,
                Title = "One or more fields are invalid.",
            };
        }

        return new HttpValidationProblemDetails(field is null ? [] : new Dictionary<string, string[]> { [field] = ["Malformed JSON near this field."] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body is not valid JSON.",
            Detail = json.LineNumber is { } line ? $"Parse error at line {line + 1}, byte {json.BytePositionInLine}." : null,
        };
    }

    /// <summary>An unknown field is refused by name, with the fields the client probably meant.</summary>
    private static HttpValidationProblemDetails UnknownFieldProblem(string field, HttpContext? context)
    {
        // The exception handler clears the endpoint before it runs; the feature keeps the one that failed.
        var endpoint = context?.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? context?.GetEndpoint();
        var requestType = endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType;
        var options = context?.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>()?.Value.SerializerOptions;
        var hints = options is null ? [] : UnknownFields.Suggest(requestType, options, field);
        var message = $"'{field}' is not a field of this request." + (hints.Count == 0 ? "" : $" Did you mean {string.Join(" or ", hints.Select(h => $"'{h}'"))}?");
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The request has fields this endpoint does not know; nothing was written.",
        };
    }

    /// <summary>The framework's binding failure: Failed to bind parameter "int? page" from "abc".</summary>
    [System.Text.RegularExpressions.GeneratedRegex("""^Failed to bind parameter "(?<type>[^ "]+) (?<name>[^ "]+)" from "(?<value>.*)"\.?$""", System.Text.RegularExpressions.RegexOptions.Singleline, 100)]
    private static partial System.Text.RegularExpressions.Regex BoundParameter();

    /// <summary>"$.steps[0].success" → "steps[0].success".</summary>
    private static string? FieldName(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    internal static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // 5 BUSY, 6 LOCKED, 10 IOERR, 13 FULL, 14 CANTOPEN.
            if (e is SqliteException { SqliteErrorCode: 5 or 6 or 10 or 13 or 14 })
            {
                return true;
            }

            if (e is Microsoft.Data.SqlClient.SqlException or TimeoutException or Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException)
            {
                return true;
            }
        }

        return false;
    }
}
