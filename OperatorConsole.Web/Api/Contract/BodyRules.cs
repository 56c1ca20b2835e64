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

        return async invocation =>
        {
            var body = invocation.Arguments[index];
            if (body is null)
            {
                return await next(invocation);
            }

            var services = invocation.HttpContext.RequestServices;
            var options = services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var errors = Check(body, options, services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
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
        walk.Visit(body, body.GetType(), null, "");
        return walk.Errors;
    }

    private sealed class Walk(JsonSerializerOptions options, DateTime now)
    {
        // Nullability is read from attributes (reflection that allocates on every call); a member's answer never
        // changes, so it is read once per member for the process. A context is not thread-safe: one per miss.
        private static readonly ConcurrentDictionary<PropertyInfo, NullabilityInfo> Nullability = new();
        private int _nodes;

        public Dictionary<string, string[]> Errors { get; } = [];

        public void Visit(object value, Type type, NullabilityInfo? nullability, string path)
        {
            if (++_nodes > MaxNodes || Errors.Count >= MaxErrors)
            {
                return;
            }

            if (value is DateTime time)
            {
                CheckTime(time, path);
                return;
            }

            if (value is DateTimeOffset offset)
            {
                CheckTime(offset.UtcDateTime, path);
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
                    VisitObject(value, info, path);
                    break;
                case JsonTypeInfoKind.Enumerable when value is IEnumerable items:
                    VisitItems(items, info.ElementType!, ElementNullability(nullability), path);
                    break;
            }
        }

        private void VisitObject(object value, JsonTypeInfo info, string path)
        {
            // Aliases have no member of their own (ContractNames): the canonical property covers the value.
            foreach (var property in info.Properties.Where(p => p.Get is not null && p.AttributeProvider is PropertyInfo))
            {
                var member = (PropertyInfo)property.AttributeProvider!;
                var nullability = Nullability.GetOrAdd(member, static m => new NullabilityInfoContext().Create(m));
                var child = property.Get!(value);
                if (child is not null)
                {
                    Visit(child, property.PropertyType, nullability, Join(path, property.Name));
                }
                else if (!member.PropertyType.IsValueType && nullability.WriteState == NullabilityState.NotNull)
                {
                    // A null the type does not allow (settings maps, lists): refused here, not dereferenced in a service.
                    Errors[Join(path, property.Name)] = ["This field must not be null."];
                }
            }
        }

        private void VisitItems(IEnumerable items, Type elementType, NullabilityState elementNullability, string path)
        {
            var elementMayBeNull = elementNullability == NullabilityState.Nullable || Nullable.GetUnderlyingType(elementType) is not null;
            var i = 0;
            foreach (var item in items)
            {
                var itemPath = $"{path}[{i++}]";
                if (item is null)
                {
                    if (!elementMayBeNull)
                    {
                        Errors[itemPath] = ["A list element must not be null."];
                    }

                    continue;
                }

                Visit(item, elementType, null, itemPath);
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

        private void CheckTime(DateTime time, string path)
        {
            var name = path[(path.LastIndexOf('.') + 1)..];
            // "…At" records when something happened; a due date ("dueAt", "dueDate") is a plan, so it may be ahead.
            var isFact = name.EndsWith("At", StringComparison.Ordinal) && !name.StartsWith("due", StringComparison.OrdinalIgnoreCase);
            var latest = isFact ? now.AddDays(1) : now.AddYears(10);
            if (time < Earliest || time > latest)
            {
                Errors[path] = [isFact
                    ? $"'{path}' must be between 2000-01-01 and a day from now (UTC)."
                    : $"'{path}' must be between 2000-01-01 and ten years from now (UTC)."];
            }
        }

        private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
    }
}
