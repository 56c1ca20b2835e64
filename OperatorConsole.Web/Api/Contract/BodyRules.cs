using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace OperatorConsole.Web.Api.Contract;

/// <summary>
/// Rules every JSON request body obeys, checked once after binding and before the handler, for every endpoint
/// of the API group (so an endpoint added later inherits them):
/// <list type="bullet">
/// <item>no null element in a list whose element type is not nullable (<c>scopes: [null]</c> used to reach the
/// services and answer 500) — 422 with the element's path, <c>scopes[0]</c>;</item>
/// <item>no null in a field whose type is not nullable (<c>"staleTouchDaysByStage": null</c>);</item>
/// <item>every time between 2000-01-01 and a day from now when it records a fact (a name ending in <c>At</c>:
/// <c>occurredAt</c>, <c>startedAt</c>, <c>measuredAt</c>…), or within ten years for a plan (<c>dueDate</c>, <c>until</c>).</item>
/// </list>
/// The walk is bounded (<see cref="MaxNodes"/>), so a huge array costs a bounded amount of work.
/// </summary>
public static class BodyRules
{
    public const int MaxNodes = 20_000;
    private const int MaxErrors = 20;
    public static readonly DateTime Earliest = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static EndpointFilterDelegate Factory(EndpointFilterFactoryContext context, EndpointFilterDelegate next)
    {
        var isService = context.ApplicationServices.GetService<IServiceProviderIsService>();
        var index = Array.FindIndex(context.MethodInfo.GetParameters(), p => IsJsonBody(p, isService));
        if (index < 0)
        {
            return next;
        }

        // Both are singletons: resolved once per endpoint, not once per request.
        var options = context.ApplicationServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var time = context.ApplicationServices.GetRequiredService<TimeProvider>();
        return async invocation =>
        {
            var body = invocation.Arguments[index];
            if (body is null)
            {
                return await next(invocation);
            }

            var errors = Check(body, options, time.GetUtcNow().UtcDateTime);
            return errors.Count == 0 ? await next(invocation) : ApiResults.Validation(errors);
        };
    }

    /// <summary>The handler's JSON body: marked [FromBody], or (as minimal APIs infer it) one of our request records that is not a service.</summary>
    private static bool IsJsonBody(ParameterInfo parameter, IServiceProviderIsService? isService)
    {
        if (parameter.GetCustomAttributes().OfType<IFromBodyMetadata>().Any())
        {
            return true;
        }

        var type = parameter.ParameterType;
        var bound = parameter.GetCustomAttributes().Any(a => a is IFromServiceMetadata or IFromQueryMetadata or IFromRouteMetadata or IFromHeaderMetadata or IFromFormMetadata or AsParametersAttribute);
        return !bound && type.IsClass && type.Namespace?.StartsWith("OperatorConsole", StringComparison.Ordinal) == true && isService?.IsService(type) != true;
    }

    /// <summary>Field path → messages for every rule the bound body breaks (empty when it is fine).</summary>
    public static Dictionary<string, string[]> Check(object body, JsonSerializerOptions options, DateTime now)
    {
        var walk = new Walk(options, now);
        walk.Visit(body, body.GetType(), null, null);
        return walk.Errors;
    }

    /// <summary>
    /// Where a value sits in the body: a field of its parent or an element of a list. Rendered as text
    /// (<c>steps[0].name</c>) only for an error, so a valid body (every agent write) builds no path strings.
    /// </summary>
    private sealed class Location(Location? parent, string? name, int index)
    {
        public string? Name => name;

        public static Location Field(Location? parent, string name) => new(parent, name, -1);

        public static Location Element(Location? parent, int index) => new(parent, null, index);

        public override string ToString() => name is null
            ? $"{parent}[{index}]"
            : parent is null ? name : $"{parent}.{name}";
    }

    /// <summary>A property the walk reads, with what it needs to know about it, worked out once per type.</summary>
    private sealed record Member(JsonPropertyInfo Property, NullabilityInfo Nullability, bool NullRefused);

    private sealed class Walk(JsonSerializerOptions options, DateTime now)
    {
        // Nullability is read from attributes (reflection that allocates on every call); a member's answer never
        // changes, so each type's members are worked out once for the process. A context is not thread-safe: one per miss.
        private static readonly ConcurrentDictionary<JsonTypeInfo, Member[]> Members = new();
        private int _nodes;

        public Dictionary<string, string[]> Errors { get; } = [];

        public void Visit(object value, Type type, NullabilityInfo? nullability, Location? at)
        {
            if (++_nodes > MaxNodes || Errors.Count >= MaxErrors)
            {
                return;
            }

            if (value is DateTime time)
            {
                CheckTime(time, at);
                return;
            }

            if (value is DateTimeOffset offset)
            {
                CheckTime(offset.UtcDateTime, at);
                return;
            }

            if (value is string || type.IsPrimitive || type.IsEnum || value is decimal || value is JsonElement)
            {
                return;
            }

            var info = options.GetTypeInfo(value.GetType());
            switch (info.Kind)
            {
                case JsonTypeInfoKind.Object:
                    VisitObject(value, info, at);
                    break;
                case JsonTypeInfoKind.Enumerable when value is IEnumerable items:
                    VisitItems(items, info.ElementType!, ElementNullability(nullability), at);
                    break;
            }
        }

        private void VisitObject(object value, JsonTypeInfo info, Location? at)
        {
            foreach (var member in Members.GetOrAdd(info, MembersOf))
            {
                var child = member.Property.Get!(value);
                if (child is not null)
                {
                    Visit(child, member.Property.PropertyType, member.Nullability, Location.Field(at, member.Property.Name));
                }
                else if (member.NullRefused)
                {
                    // A null the type does not allow (settings maps, lists): refused here, not dereferenced in a service.
                    Errors[Location.Field(at, member.Property.Name).ToString()] = ["This field must not be null."];
                }
            }
        }

        private static Member[] MembersOf(JsonTypeInfo info) =>
        [
            // Aliases have no member of their own (ContractNames): the canonical property covers the value.
            .. info.Properties.Where(p => p.Get is not null && p.AttributeProvider is PropertyInfo).Select(p =>
            {
                var property = (PropertyInfo)p.AttributeProvider!;
                var nullability = new NullabilityInfoContext().Create(property);
                return new Member(p, nullability, !property.PropertyType.IsValueType && nullability.WriteState == NullabilityState.NotNull);
            }),
        ];

        private void VisitItems(IEnumerable items, Type elementType, NullabilityState elementNullability, Location? at)
        {
            var elementMayBeNull = elementNullability == NullabilityState.Nullable || Nullable.GetUnderlyingType(elementType) is not null;
            var i = 0;
            foreach (var item in items)
            {
                var element = Location.Element(at, i++);
                if (item is null)
                {
                    if (!elementMayBeNull)
                    {
                        Errors[element.ToString()] = ["A list element must not be null."];
                    }

                    continue;
                }

                Visit(item, elementType, null, element);
                if (_nodes > MaxNodes || Errors.Count >= MaxErrors)
                {
                    return;
                }
            }
        }

        private static NullabilityState ElementNullability(NullabilityInfo? nullability) => nullability switch
        {
            { ElementType: { } element } => element.ReadState,
            { GenericTypeArguments: [var element] } => element.ReadState,
            // Unknown (a list inside a list): treat elements as required, the safe reading for a request.
            _ => NullabilityState.NotNull,
        };

        private void CheckTime(DateTime time, Location? at)
        {
            // "…At" records when something happened; a due date ("dueAt", "dueDate") is a plan, so it may be ahead.
            // A time that is a list element has no name of its own: a plan's rule.
            var name = at?.Name ?? "";
            var isFact = name.EndsWith("At", StringComparison.Ordinal) && !name.StartsWith("due", StringComparison.OrdinalIgnoreCase);
            var latest = isFact ? now.AddDays(1) : now.AddYears(10);
            if (time < Earliest || time > latest)
            {
                var path = at?.ToString() ?? "";
                Errors[path] = [isFact
                    ? $"'{path}' must be between 2000-01-01 and a day from now (UTC)."
                    : $"'{path}' must be between 2000-01-01 and ten years from now (UTC)."];
            }
        }
    }
}
