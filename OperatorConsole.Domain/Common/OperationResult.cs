namespace OperatorConsole.Domain.Common;

/// <summary>Outcome kinds a command can end in; the web layer maps each to one HTTP status.</summary>
public enum OperationStatus
{
    Ok,
    Created,
    NotFound,
    Invalid,
    Forbidden,
    Conflict,
}

/// <summary>
/// The result of a domain command. Validation failures carry field errors (field → messages) so that the
/// API can answer with an RFC 9457 problem document and the UI can show them next to the inputs.
/// </summary>
public sealed record OperationResult<T>
{
    public OperationStatus Status { get; private init; }
    public T? Value { get; private init; }
    public IReadOnlyDictionary<string, string[]> Errors { get; private init; } = EmptyErrors;
    public string? Message { get; private init; }

    private static readonly IReadOnlyDictionary<string, string[]> EmptyErrors = new Dictionary<string, string[]>();

    public bool Succeeded => Status is OperationStatus.Ok or OperationStatus.Created;

    public static OperationResult<T> Ok(T value) => new() { Status = OperationStatus.Ok, Value = value };
    public static OperationResult<T> Created(T value) => new() { Status = OperationStatus.Created, Value = value };
    public static OperationResult<T> NotFound(string message) => new() { Status = OperationStatus.NotFound, Message = message };
    public static OperationResult<T> Forbidden(string message) => new() { Status = OperationStatus.Forbidden, Message = message };
    public static OperationResult<T> Conflict(string message) => new() { Status = OperationStatus.Conflict, Message = message };

    public static OperationResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors, string? message = null) =>
        new() { Status = OperationStatus.Invalid, Errors = errors, Message = message ?? "One or more fields are invalid." };

    public static OperationResult<T> Invalid(string field, string error) =>
        Invalid(new Dictionary<string, string[]> { [field] = [error] });

    /// <summary>Carries a failure over to a result of another type.</summary>
    public OperationResult<TOther> As<TOther>() => new()
    {
        Status = Status,
        Errors = Errors,
        Message = Message,
    };
}
