using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OperatorConsole.Web.Api;

/// <summary>Describes the two ways in: a bearer API key for machines, the sign-in cookie for people.</summary>
internal sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Operator Console API";
        document.Info.Description = "Machines authenticate with `Authorization: Bearer <api key>`; people with the sign-in cookie. " +
            "Errors are RFC 9457 problem documents. See docs/api.md.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API key created in Settings → API keys.",
        };
        return Task.CompletedTask;
    }
}
