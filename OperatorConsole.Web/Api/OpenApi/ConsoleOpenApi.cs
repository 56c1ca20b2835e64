using Microsoft.AspNetCore.OpenApi;

namespace OperatorConsole.Web.Api.OpenApi;

/// <summary>
/// The served OpenAPI document as third-party tools need it (Redocly <c>recommended</c> with no errors, strict
/// JSON Schema validators, generated clients). Every rule reads the endpoint's own metadata — its policy, its
/// parameters, its body — so an endpoint added later is described the same way without touching this folder.
/// </summary>
public static class ConsoleOpenApi
{
    /// <param name="configure">Feature-specific transformers (e.g. the human-gate descriptions), run before ours.</param>
    public static IServiceCollection AddConsoleOpenApi(this IServiceCollection services, Action<OpenApiOptions>? configure = null) =>
        services.AddOpenApi(o =>
        {
            configure?.Invoke(o);
            o.AddSchemaTransformer<ContractSchemaTransformer>();
            o.AddOperationTransformer<OperationContractTransformer>();
            o.AddDocumentTransformer<DocumentContractTransformer>();
        });
}
