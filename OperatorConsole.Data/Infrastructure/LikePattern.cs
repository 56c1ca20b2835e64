namespace OperatorConsole.Data.Infrastructure;

/// <summary>Builds LIKE patterns that treat the user's text literally (both providers honour ESCAPE).</summary>
public static class LikePattern
{
    public const string Escape = "\\";

    public static string Contains(string text) =>
        "%" + text.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[") + "%";
}
