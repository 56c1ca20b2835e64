namespace OperatorConsole.Domain.Common;

/// <summary>Collects field errors with the JSON field names the client sent (camelCase).</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
        return this;
    }

    public ValidationErrors Required(string field, string? value, int maxLength = 0)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return Add(field, $"'{field}' is required.");
        }

        return maxLength > 0 ? MaxLength(field, value, maxLength) : this;
    }

    public ValidationErrors MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"'{field}' must be at most {maxLength} characters.");
        }

        return this;
    }

    public ValidationErrors Range(string field, decimal? value, decimal min, decimal max)
    {
        if (value is { } v && (v < min || v > max))
        {
            Add(field, $"'{field}' must be between {min} and {max}.");
        }

        return this;
    }

    public ValidationErrors Email(string field, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value) && (!value.Contains('@') || value.Length > 320 || value.Trim() != value))
        {
            Add(field, $"'{field}' must be an e-mail address.");
        }

        return this;
    }

    public ValidationErrors Defined<TEnum>(string field, TEnum? value)
        where TEnum : struct, Enum
    {
        if (value is { } v && !Enum.IsDefined(v))
        {
            Add(field, $"'{field}' has an unknown value.");
        }

        return this;
    }

    /// <summary>Adds another set's errors (rules checked in separate steps answer as one problem).</summary>
    public ValidationErrors Merge(ValidationErrors other)
    {
        foreach (var (field, messages) in other._errors)
        {
            messages.ForEach(m => Add(field, m));
        }

        return this;
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public OperationResult<T> ToResult<T>() => OperationResult<T>.Invalid(ToDictionary());
}
