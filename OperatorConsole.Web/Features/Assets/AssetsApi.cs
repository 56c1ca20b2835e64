using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Assets;
using OperatorConsole.Domain.Assets;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Assets;

/// <summary>The reusable asset log (sprint 2.1). Anyone with read access sees it; only an operator writes it.</summary>
public static class AssetsApi
{
    public static IEndpointRouteBuilder MapAssetsApi(this IEndpointRouteBuilder app)
    {
        var perLead = app.MapGroup("/api/leads/{id:int}/reusable-assets").WithTags("Reusable assets");
        perLead.MapGet("/", ListForLead).WithName("ListLeadReusableAssets").WithSummary("A project's reusable asset log, newest first")
            .RequireAuthorization(ConsolePolicies.Read);
        perLead.MapPost("/", Create).WithName("CreateReusableAsset")
            .WithSummary("Log a reusable asset, or that none was extracted and why (operator only; an API key gets 403)")
            .RequireAuthorization(ConsolePolicies.Operator);

        var assets = app.MapGroup("/api/reusable-assets").WithTags("Reusable assets");
        assets.MapGet("/", Library).WithName("ListReusableAssets")
            .WithSummary("The asset library across projects (filters type, confidence, extracted, q; shows the source lead)")
            .RequireAuthorization(ConsolePolicies.Read);
        assets.MapGet("/{id:int}", Get).WithName("GetReusableAsset").WithSummary("One log entry").RequireAuthorization(ConsolePolicies.Read);
        assets.MapPatch("/{id:int}", Update).WithName("UpdateReusableAsset").WithSummary("Edit a log entry (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        assets.MapDelete("/{id:int}", Delete).WithName("DeleteReusableAsset")
            .WithSummary("Delete a log entry (operator); the audit keeps the deleted entry as its before snapshot")
            .RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<ReusableAssetView>>, ProblemHttpResult>> ListForLead(int id, ReusableAssetService assets, CancellationToken ct) =>
        await assets.LeadExistsAsync(id, ct) ? TypedResults.Ok(await assets.ForLeadAsync(id, ct)) : ApiResults.NotFound($"Lead {id} does not exist.");

    public static async Task<Results<Created<ReusableAssetView>, ProblemHttpResult>> Create(
        int id, CreateReusableAssetRequest request, ReusableAssetService assets, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await assets.CreateAsync(id, request, http.User.ToActor(), ct), a => $"/api/reusable-assets/{a.Id}");

    public static async Task<Results<Ok<PagedList<ReusableAssetView>>, ProblemHttpResult>> Library(
        ReusableAssetService assets,
        CancellationToken ct,
        [FromQuery] string? type = null,
        [FromQuery] string? confidence = null,
        [FromQuery] bool? extracted = null,
        [FromQuery] int? leadId = null,
        [FromQuery] string? q = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null)
    {
        var errors = new QueryEnum.Errors();
        var typeFilter = errors.Parse<AssetType>("type", type);
        var confidenceFilter = errors.Parse<ReuseConfidence>("confidence", confidence);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await assets.ListAsync(new ReusableAssetQuery(typeFilter, confidenceFilter, q, extracted, leadId, page, pageSize), ct));
    }

    public static async Task<Results<Ok<ReusableAssetView>, ProblemHttpResult>> Get(int id, ReusableAssetService assets, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await assets.GetAsync(id, ct), $"Reusable asset entry {id} does not exist.");

    public static async Task<Results<Ok<ReusableAssetView>, ProblemHttpResult>> Update(
        int id, UpdateReusableAssetRequest request, ReusableAssetService assets, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await assets.UpdateAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        int id, ReusableAssetService assets, HttpContext http, CancellationToken ct, [FromQuery] string? reason = null)
    {
        var result = await assets.DeleteAsync(id, http.User.ToActor(), reason, ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(result);
    }
}
