namespace OperatorConsole.Domain.Access;

/// <summary>People's roles. Operators decide; viewers watch (the stand-up wall screen).</summary>
public static class ConsoleRoles
{
    public const string Operator = "Operator";
    public const string Viewer = "Viewer";

    public static readonly IReadOnlyList<string> All = [Operator, Viewer];
}
