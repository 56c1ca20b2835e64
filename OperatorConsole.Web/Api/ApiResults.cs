using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Web.Api;

/// <summary>Turns domain results into HTTP answers with RFC 9457 problem documents.</summary>
public static class ApiResults
{
    /// <summary>Field validation failures are 422 (the JSON was well formed, its content was not).</summary>
    public static ProblemHttpResult Validation(IReadOnlyDictionary<string, string[]> errors, string? title = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors.ToDictionary(e => e.Key, e => e.Value))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = title ?? "One or more fields are invalid.",
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.21",
        });

    /// <summary>A malformed request (bad query parameter, unreadable body): 400 with field errors where known.</summary>
    public static ProblemHttpResult BadRequest(string title, IReadOnlyDictionary<string, string[]>? errors = null) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors?.ToDictionary(e => e.Key, e => e.Value) ?? [])
        {
            Status = StatusCodes.Status400BadRequest,
            Title = title,
            Type = "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.1",
        });

    /// <summary>For a body read by hand: the same answer the global handler gives a bound body (400, or 422 naming the field).</summary>
    public static ProblemHttpResult FromJsonException(System.Text.Json.JsonException exception, HttpContext context) =>
        TypedResults.Problem(ApiExceptionHandler.JsonProblem(exception, context));

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    /// <summary>Maps a failed result; successful results are handled by the caller, which knows the shape.</summary>
    public static ProblemHttpResult Problem<T>(OperationResult<T> result) => result.Status switch
    {
        OperationStatus.NotFound => NotFound(result.Message ?? "Not found."),
        OperationStatus.Forbidden => Forbidden(result.Message ?? "Not allowed."),
        OperationStatus.Conflict => Conflict(result.Message ?? "Conflict."),
        _ => Validation(result.Errors, result.Message),
    };

    /// <summary>200 with the value, or the problem.</summary>
    public static Results<Ok<T>, ProblemHttpResult> OkOrProblem<T>(OperationResult<T> result) =>
        result.Succeeded ? TypedResults.Ok(result.Value!) : Problem(result);

    /// <summary>200 with what a read by id found, or 404 saying <paramref name="notFound"/> ("Lead 7 does not exist.").</summary>
    public static Results<Ok<T>, ProblemHttpResult> OkOrNotFound<T>(T? found, string notFound)
        where T : class =>
        found is not null ? TypedResults.Ok(found) : NotFound(notFound);

    /// <summary>201 with the value and its location, or the problem.</summary>
    public static Results<Created<T>, ProblemHttpResult> CreatedOrProblem<T>(OperationResult<T> result, Func<T, string> location) =>
        result.Succeeded ? TypedResults.Created(location(result.Value!), result.Value) : Problem(result);
}
