using Microsoft.AspNetCore.Authorization;
using OperatorConsole.Domain.Access;

namespace OperatorConsole.Web.Auth;

/// <summary>
/// Who may call what. People are Operators or Viewers (cookie); machines hold scoped API keys (bearer).
/// No policy lets an API key pass an operator gate.
/// </summary>
public static class ConsolePolicies
{
    /// <summary>Signed-in operator, in person. The only way through a human approval gate.</summary>
    public const string Operator = "operator";

    /// <summary>Any signed-in person (operator or viewer): dashboards and reports.</summary>
    public const string People = "people";

    /// <summary>People, or an API key with the read scope: leads and runs.</summary>
    public const string Read = "read";

    /// <summary>Operator, or an API key with the named scope: recording facts.</summary>
    public static string Record(string scope) => "record:" + scope;

    public static void Add(AuthorizationOptions options)
    {
        // A bare [Authorize] (every page, through Features/_Imports.razor) means "a signed-in person": even if a
        // key ever reached a page, it would not pass.
        options.DefaultPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireAssertion(c => c.User.IsPerson()).Build();
        options.AddPolicy(Operator, p => p.RequireAssertion(c => c.User.IsPerson() && c.User.IsInRole(ConsoleRoles.Operator)));
        options.AddPolicy(People, p => p.RequireAssertion(c => c.User.IsPerson() && (c.User.IsInRole(ConsoleRoles.Operator) || c.User.IsInRole(ConsoleRoles.Viewer))));
        options.AddPolicy(Read, p => p.RequireAssertion(c =>
            (c.User.IsPerson() && (c.User.IsInRole(ConsoleRoles.Operator) || c.User.IsInRole(ConsoleRoles.Viewer))) || c.User.HasScope(ApiScopes.Read)));
        foreach (var scope in ApiScopes.All)
        {
            options.AddPolicy(Record(scope), p => p.RequireAssertion(c =>
                (c.User.IsPerson() && c.User.IsInRole(ConsoleRoles.Operator)) || c.User.HasScope(scope)));
        }
    }
}
