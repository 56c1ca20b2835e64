using Microsoft.AspNetCore.Http.HttpResults;
using OperatorConsole.Data.Access;
using OperatorConsole.Data.Settings;
using OperatorConsole.Domain.Settings;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Settings;

public sealed record RevokeApiKeyRequest(string? Reason);

public static class SettingsApi
{
    /// <summary>Operator-only: API keys and thresholds. An API key can never manage keys.</summary>
    public static IEndpointRouteBuilder MapSettingsApi(this IEndpointRouteBuilder app)
    {
        var keys = app.MapGroup("/api/api-keys").WithTags("Settings").RequireAuthorization(ConsolePolicies.Operator);
        keys.MapGet("/", async (ApiKeyService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct)))
            .WithName("ListApiKeys").WithSummary("API keys (never their secrets)");
        keys.MapPost("/", CreateKey).WithName("CreateApiKey").WithSummary("Create a key; the secret is in this response only").CarriesASecret();
        keys.MapPost("/{id:int}/revoke", RevokeKey).WithName("RevokeApiKey").WithSummary("Revoke a key at once");

        var thresholds = app.MapGroup("/api/settings/thresholds").WithTags("Settings");
        thresholds.MapGet("/", async (SettingsService settings, CancellationToken ct) => TypedResults.Ok(await settings.GetThresholdsAsync(ct)))
            .WithName("GetThresholds").WithSummary("The failure thresholds in force").RequireAuthorization(ConsolePolicies.People);
        thresholds.MapPut("/", SaveThresholds).WithName("SaveThresholds").WithSummary("Change the failure thresholds (audited)")
            .RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    public static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> CreateKey(
        CreateApiKeyRequest request, ApiKeyService service, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await service.CreateAsync(request, http.User.ToActor(), ct), k => $"/api/api-keys/{k.Key.Id}");

    public static async Task<Results<Ok<ApiKeyView>, ProblemHttpResult>> RevokeKey(
        int id, RevokeApiKeyRequest? request, ApiKeyService service, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await service.RevokeAsync(id, request?.Reason, http.User.ToActor(), ct));

    public static async Task<Results<Ok<Thresholds>, ProblemHttpResult>> SaveThresholds(
        Thresholds request, SettingsService settings, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await settings.SaveThresholdsAsync(request, http.User.ToActor(), ct));
}
