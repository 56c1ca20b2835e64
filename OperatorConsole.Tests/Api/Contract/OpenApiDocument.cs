using System.Text.Json.Nodes;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Contract;

/// <summary>The served /openapi/v1.json, read the way an integrator's tool reads it (JSON, $refs resolved by hand).</summary>
public sealed class OpenApiDocument(JsonObject root)
{
    public JsonObject Root { get; } = root;

    public static async Task<OpenApiDocument> LoadAsync(ConsoleFactory factory)
    {
        var text = await factory.CreateAnonymousClient().GetStringAsync("/openapi/v1.json");
        return new OpenApiDocument(JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Every operation: (method in capitals, path template, operation object).</summary>
    public IEnumerable<(string Method, string Path, JsonObject Operation)> Operations() =>
        from path in Root["paths"]!.AsObject()
        from op in path.Value!.AsObject()
        where op.Key is "get" or "post" or "put" or "patch" or "delete"
        select (op.Key.ToUpperInvariant(), path.Key, op.Value!.AsObject());

    /// <summary>Follows a local <c>$ref</c> (<c>#/components/schemas/X</c>) to its target.</summary>
    public JsonObject Resolve(JsonObject schema)
    {
        for (var i = 0; i < 16 && schema["$ref"] is JsonValue reference; i++)
        {
            var node = (JsonNode)Root;
            foreach (var part in reference.GetValue<string>().TrimStart('#', '/').Split('/'))
            {
                node = node[part.Replace("~1", "/").Replace("~0", "~")]!;
            }

            schema = node.AsObject();
        }

        return schema;
    }

    public static JsonObject? JsonBodySchema(JsonObject operation) =>
        operation["requestBody"]?["content"]?["application/json"]?["schema"]?.AsObject();
}
