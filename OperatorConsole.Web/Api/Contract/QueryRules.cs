using System.Reflection;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.Metadata;

namespace OperatorConsole.Web.Api.Contract;

/// <summary>
/// A query parameter the endpoint does not read is a 400 naming it, never dropped: <c>GET /api/leads?sorce=referral</c>
/// answered every lead, as if the filter had matched them all, and a client's typo looked like data. The known names
/// are the handler's own query parameters (<c>[FromQuery]</c>, with their <c>Name</c>, or a simple parameter minimal
/// APIs bind from the query), read once per endpoint; names compare without case, as binding does. Applied to the
/// API group beside <see cref="BodyRules"/>, so an endpoint added later inherits it.
/// </summary>
public static class QueryRules
{
    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        // [AsParameters] binds a record's constructor parameters as if the handler declared them (the Leads filters).
        var parameters = context.MethodInfo.GetParameters().SelectMany(p => p.GetCustomAttribute<AsParametersAttribute>() is null ? [p] : Members(p.ParameterType)).ToList();
        var isService = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var known = parameters.Select(p => QueryName(p, isService)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        return invocation =>
        {
            var http = invocation.HttpContext;
            var query = http.Request.Query;
            // A simple parameter named in the route template is the route's, not the query's ("/api/leads/{id}?id=").
            bool Known(string key) => known.Contains(key) && !http.Request.RouteValues.ContainsKey(key);
            if (query.Count == 0 || query.Keys.All(Known))
            {
                return next(invocation);
            }

            var names = known.Where(Known).Order(StringComparer.Ordinal).ToList();
            var errors = query.Keys.Where(k => !Known(k)).Take(20).ToDictionary(k => k, k => new[] { Message(k, names) });
            return ValueTask.FromResult<object?>(ApiResults.BadRequest("Unknown query parameter.", errors));
        };
    }

    /// <summary>
    /// What <c>[AsParameters]</c> binds on a type: its widest public constructor's parameters, as minimal APIs take
    /// them (a positional record's). A type bound through settable properties instead is not read here, so its
    /// parameters would be unknown and refused; QueryParameterTests pins the Leads list's names, which come from one.
    /// </summary>
    private static ParameterInfo[] Members(Type type) =>
        type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()?.GetParameters() ?? [];

    private static string Message(string key, List<string> known)
    {
        var listed = known.Count == 0 ? "This operation reads no query parameter." : $"Known: {string.Join(", ", known)}.";
        return UnknownFields.Near(key, known) is [var near, ..] ? $"Unknown query parameter; did you mean '{near}'? {listed}" : $"Unknown query parameter. {listed}";
    }

    /// <summary>The name a parameter is bound by from the query string, or null when it comes from elsewhere.</summary>
    private static string? QueryName(ParameterInfo parameter, IServiceProviderIsService? isService)
    {
        var attributes = parameter.GetCustomAttributes().ToList();
        if (attributes.OfType<IFromQueryMetadata>().FirstOrDefault() is { } fromQuery)
        {
            return fromQuery.Name ?? parameter.Name;
        }

        var elsewhere = attributes.Any(a => a is IFromServiceMetadata or IFromRouteMetadata or IFromHeaderMetadata or IFromFormMetadata or IFromBodyMetadata);
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        // Minimal APIs bind a simple parameter from the route when the template names it, else from the query: which of
        // the two is known per request (the route's values).
        return elsewhere || !IsSimple(type) || isService?.IsService(parameter.ParameterType) == true ? null : parameter.Name;
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset)
        || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(Guid) || type == typeof(TimeSpan)
        || (type.IsArray && IsSimple(type.GetElementType()!))
        || (type != typeof(ClaimsPrincipal) && type != typeof(CancellationToken) && type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]) is not null);
}
