using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OperatorConsole.Web.Api.Contract;

namespace OperatorConsole.Web.Api.OpenApi;

/// <summary>
/// Describes the values our own converters read (the generator cannot see inside a custom converter): enums as
/// their exact snake_case strings, times as date-time strings; and marks the old field names as deprecated aliases.
/// </summary>
internal sealed class ContractSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type);
        var nullable = underlying is not null;
        type = underlying ?? type;
        if (type.IsEnum)
        {
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Enum = Names(type).Select(n => (JsonNode)JsonValue.Create(n)!).ToList();
            if (nullable)
            {
                schema.Enum.Add(null!);
            }
        }
        else if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = "date-time";
        }

        MarkAliases(schema, type);
        return Task.CompletedTask;
    }

    private static IEnumerable<string> Names(Type enumType) =>
        (IReadOnlyList<string>)typeof(StrictEnumConverter<>).MakeGenericType(enumType).GetProperty(nameof(StrictEnumConverter<DayOfWeek>.Names))!.GetValue(null)!;

    private static void MarkAliases(OpenApiSchema schema, Type type)
    {
        if (schema.Properties is null)
        {
            return;
        }

        foreach (var (alias, canonical) in ContractNames.AliasesOf(type))
        {
            if (schema.Properties.ContainsKey(alias) && schema.Properties.TryGetValue(canonical, out var canonicalSchema))
            {
                // The alias carries the canonical field's type (it is declared as "any value" to the serializer).
                // A primitive is copied inline: wrapped in allOf, generators such as NSwag make it a class that
                // derives from string or double, which does not compile.
                var description = $"Deprecated alias of `{canonical}`, accepted (and still written) for one release.";
                if (canonicalSchema is OpenApiSchema inline)
                {
                    var copy = (OpenApiSchema)inline.CreateShallowCopy();
                    copy.Deprecated = true;
                    copy.Description = description;
                    schema.Properties[alias] = copy;
                }
                else
                {
                    schema.Properties[alias] = new OpenApiSchema { AllOf = [canonicalSchema], Deprecated = true, Description = description };
                }
            }

            // An alias is never required: the canonical name is the one to send.
            schema.Required?.Remove(alias);
        }
    }
}
