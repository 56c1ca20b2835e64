using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Api;

/// <summary>Marks an endpoint as a human gate (what it decides), for the OpenAPI document and the gate test.</summary>
public sealed record HumanGateMetadata(string Gate);

/// <summary>
/// Every endpoint that takes a human decision is declared with <see cref="HumanGate"/>: operator only (an API key
/// gets 403 from the policy, before the handler runs) and listed in the served OpenAPI document as
/// <c>x-human-gate</c>, so a test can enumerate every gate and prove each refuses a blank reason and an API key.
/// The service behind it applies <c>Domain.Approvals.HumanGate</c> too (the UI calls the service directly).
/// </summary>
public static class HumanGateEndpoints
{
    public const string Extension = "x-human-gate";

    public static RouteHandlerBuilder HumanGate(this RouteHandlerBuilder endpoint, string gate) =>
        endpoint.WithMetadata(new HumanGateMetadata(gate)).RequireAuthorization(ConsolePolicies.Operator);

    /// <summary>
    /// A gate on an endpoint a machine may also call for its one non-decision move (a build task handed in for review):
    /// the service refuses every gated move from a key with 403.
    /// </summary>
    public static RouteHandlerBuilder HumanGateInService(this RouteHandlerBuilder endpoint, string gate) =>
        endpoint.WithMetadata(new HumanGateMetadata(gate));

    /// <summary>Copies the marker into the operation (<c>"x-human-gate": "agent job approve/refuse/deploy"</c>).</summary>
    public static Task Describe(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<HumanGateMetadata>().FirstOrDefault() is { } gate)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[Extension] = new JsonNodeExtension(JsonValue.Create(gate.Gate));
        }

        return Task.CompletedTask;
    }
}
