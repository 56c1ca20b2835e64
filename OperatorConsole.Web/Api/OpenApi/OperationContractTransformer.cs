using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OperatorConsole.Domain.Access;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Api.OpenApi;

/// <summary>
/// Per operation, from its endpoint metadata: who may call it (security requirements from the authorization
/// policy) and which problem documents it can answer with (docs/api.md "Status codes we chose").
/// </summary>
internal sealed class OperationContractTransformer : IOpenApiOperationTransformer
{
    public const string ApiKeyScheme = "ApiKey";
    public const string CookieScheme = "Cookie";
    public const string ProblemSchema = "ProblemDetails";

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var policy = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        operation.Security = anonymous ? [] : Requirements(policy, context.Document);
        if (!anonymous && policy is not null)
        {
            operation.Description = Join(operation.Description, WhoMayCall(policy));
        }

        FlattenForm(operation);
        operation.Responses ??= [];
        foreach (var (status, text) in ProblemStatuses(description, anonymous))
        {
            if (!operation.Responses.ContainsKey(status))
            {
                operation.Responses[status] = Problem(text, context.Document);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// A form with several parameters is emitted as an <c>allOf</c> of one-property objects. Valid, but generators
    /// lose the file parts in it (NSwag then refers to a <c>FileParameter</c> it never writes, and the client does not
    /// compile); one object with every part is what they read.
    /// </summary>
    private static void FlattenForm(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content is not { } content || !content.TryGetValue("multipart/form-data", out var form)
            || form.Schema is not OpenApiSchema { AllOf: { Count: > 0 } parts } schema
            || parts.Any(p => p is not OpenApiSchema { Properties.Count: > 0, AllOf: null or { Count: 0 } }))
        {
            return;
        }

        var properties = new Dictionary<string, IOpenApiSchema>(StringComparer.Ordinal);
        var required = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in parts.Cast<OpenApiSchema>())
        {
            foreach (var (name, property) in part.Properties!)
            {
                // A file part inline ({type: string, format: binary}): through a $ref to the IFormFile component,
                // NSwag types the parameter as FileParameter but never writes that class.
                properties[name] = property is OpenApiSchemaReference { Reference.Id: "IFormFile" } || property.Format == "binary"
                    ? new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = property.Description }
                    : property;
            }

            if (part.Required is { } partRequired)
            {
                required.UnionWith(partRequired);
            }
        }

        form.Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = properties, Required = required.Count > 0 ? required : null, Description = schema.Description };
    }

    /// <summary>The schemes (and, for a key, the scope) that pass this policy; an empty list means anonymous.</summary>
    internal static List<OpenApiSecurityRequirement> Requirements(string? policy, OpenApiDocument? document)
    {
        var cookie = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, document)] = [] };
        var scope = policy switch
        {
            ConsolePolicies.Read => ApiScopes.Read,
            { } p when p.StartsWith("record:", StringComparison.Ordinal) => p["record:".Length..],
            _ => null,
        };
        if (scope is null)
        {
            // Operator-only and people-only endpoints (or one with no named policy): a signed-in person.
            return [cookie];
        }

        return [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyScheme, document)] = [scope] }, cookie];
    }

    private static string WhoMayCall(string policy) => policy switch
    {
        ConsolePolicies.Operator => "**Who:** a signed-in operator (cookie). No API key passes this gate.",
        ConsolePolicies.People => "**Who:** any signed-in person (operator or viewer, cookie). API keys are refused (403).",
        ConsolePolicies.Read => "**Who:** any signed-in person, or an API key with scope `read`.",
        _ when policy.StartsWith("record:", StringComparison.Ordinal) => $"**Who:** a signed-in operator, or an API key with scope `{policy["record:".Length..]}`.",
        _ => $"**Who:** policy `{policy}`.",
    };

    private static IEnumerable<(string Status, string Text)> ProblemStatuses(ApiDescription description, bool anonymous)
    {
        var hasBody = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Body || p.Source == BindingSource.Form || p.Source == BindingSource.FormFile);
        var hasPathId = description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path);
        // Every operation: a query parameter it does not read is refused by name (QueryRules), even where it reads none.
        yield return ("400", hasBody
            ? "The request could not be read: malformed JSON, a bad or unknown query parameter (named in `errors`) or an oversized body."
            : "A bad query value, or a query parameter this operation does not read (named in `errors`, with the known ones).");

        if (!anonymous)
        {
            yield return ("401", "No credentials, or an unknown or revoked API key.");
            yield return ("403", "The caller is known but lacks the role or the key scope this operation needs.");
        }

        if (hasPathId)
        {
            yield return ("404", "No record has the id (or name) in the path.");
        }

        if (hasBody || IsWrite(description))
        {
            yield return ("422", "A field is missing, unknown, of the wrong type or breaks a rule; `errors` names it. Nothing was written.");
        }

        if (IsWrite(description))
        {
            yield return ("409", "The record is not in a state that allows this, or a request with the same `Idempotency-Key` is still in progress (retry after `Retry-After`).");
        }

        if (!anonymous)
        {
            yield return ("429", "Rate limit reached; retry after `Retry-After` seconds.");
        }

        yield return ("500", "An unexpected error; nothing internal is disclosed.");
        yield return ("503", "The database is busy or unavailable; nothing was written. Retry after `Retry-After` seconds.");
    }

    private static bool IsWrite(ApiDescription description) => description.HttpMethod is "POST" or "PUT" or "PATCH" or "DELETE";

    private static OpenApiResponse Problem(string text, OpenApiDocument? document) => new()
    {
        Description = text,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, document) },
        },
    };

    private static string Join(string? first, string second) => string.IsNullOrWhiteSpace(first) ? second : first + "\n\n" + second;
}
