namespace OperatorConsole.Domain.Common;

/// <summary>How free text from a form or a request body is stored.</summary>
public static class TextInput
{
    /// <summary>Trimmed, or null when blank: an empty field stores nothing.</summary>
    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
