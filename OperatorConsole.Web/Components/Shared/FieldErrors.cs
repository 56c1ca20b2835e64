namespace OperatorConsole.Web.Components.Shared;

/// <summary>
/// A service's field errors (the same map the API returns as a problem document's "errors"), read for one form field:
/// its messages as the text under the field, or null when it has none.
/// </summary>
public static class FieldErrors
{
    public static string? MessageFor(this IReadOnlyDictionary<string, string[]> errors, string field) =>
        errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;
}
