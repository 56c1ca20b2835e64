using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Tests.Infrastructure;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Tests.Security;

/// <summary>One API endpoint as the app has it mapped, with the policy that guards it.</summary>
public sealed record ApiEndpoint(string Method, string Route, string? Policy, bool AllowsAnonymous, bool AcceptsForm = false, bool HasBody = false)
{
    /// <summary>The route with every parameter filled with an id that does not exist, so no call changes real data.</summary>
    public string SamplePath(string id = "999999") =>
        System.Text.RegularExpressions.Regex.Replace(Route, @"\{(\w+)(:[^}]*)?\}", m => m.Groups[1].Value == "name" ? "research" : id);

    public override string ToString() => $"{Method} {Route} [{Policy ?? (AllowsAnonymous ? "anonymous" : "authenticated")}]";
}

/// <summary>Reads every /api endpoint from the running app's endpoint table (the same table the OpenAPI document comes from).</summary>
public static class EndpointCatalog
{
    /// <summary>The one scope the "key without the scope" caller holds: the narrowest one there is.</summary>
    public const string KeyWithoutScopeScope = "proposals:draft";

    public static IReadOnlyList<ApiEndpoint> Read(ConsoleFactory factory)
    {
        _ = factory.Server;
        var sources = factory.Services.GetServices<EndpointDataSource>();
        var result = new List<ApiEndpoint>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var route = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (!route.StartsWith("/api/", StringComparison.Ordinal) && route != "/api")
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var accepts = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.ContentTypes ?? [];
            var formOnly = accepts.Count > 0 && accepts.All(c => c.StartsWith("multipart/", StringComparison.Ordinal) || c.StartsWith("application/x-www-form", StringComparison.Ordinal));
            foreach (var method in methods)
            {
                result.Add(new ApiEndpoint(method, route.TrimEnd('/'), policies.LastOrDefault(), anonymous, formOnly, accepts.Count > 0));
            }
        }

        return result.DistinctBy(e => (e.Method, e.Route)).OrderBy(e => e.Route).ThenBy(e => e.Method).ToList();
    }

    /// <summary>What each kind of caller must get, from the policy: "allowed" means the guard let it through.</summary>
    public static bool IsAllowed(string? policy, Caller caller) => (policy, caller) switch
    {
        (_, Caller.Anonymous or Caller.RevokedKey) => false,
        (ConsolePolicies.Operator, _) => caller == Caller.Operator,
        (ConsolePolicies.People, _) => caller is Caller.Operator or Caller.Viewer,
        (ConsolePolicies.Read, _) => caller is Caller.Operator or Caller.Viewer or Caller.AgentKey,
        ({ } p, _) when p.StartsWith("record:", StringComparison.Ordinal) =>
            caller is Caller.Operator or Caller.AgentKey || (caller == Caller.KeyWithoutScope && p == "record:" + KeyWithoutScopeScope),
        _ => false,
    };
}

public enum Caller
{
    Anonymous,
    RevokedKey,
    KeyWithoutScope,
    AgentKey,
    Viewer,
    Operator,
}
