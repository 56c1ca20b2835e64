namespace OperatorConsole.Domain.Common;

/// <summary>Who did something: a signed-in person, a machine holding an API key, or the console itself.</summary>
public enum ActorKind
{
    User,
    ApiKey,
    System,
}

/// <summary>
/// The author of a write. Every command takes one explicitly so the audit log never has to guess
/// who acted (an HTTP context is not available inside a Blazor circuit).
/// </summary>
public sealed record Actor(ActorKind Kind, string Id, string DisplayName, bool IsOperator = false)
{
    public static readonly Actor System = new(ActorKind.System, "system", "Operator Console");

    public bool IsHuman => Kind == ActorKind.User;

    /// <summary>Only a signed-in operator may pass a human approval gate (axiom 3).</summary>
    public bool CanDecide => Kind == ActorKind.User && IsOperator;

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()}:{DisplayName}";
}
