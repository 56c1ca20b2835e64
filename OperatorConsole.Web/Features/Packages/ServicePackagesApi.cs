using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Packages;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Packages;

/// <summary>Service packages (sprint 3.1). Internal only: people and read-scoped keys read, operators write.</summary>
public static class ServicePackagesApi
{
    public static IEndpointRouteBuilder MapServicePackagesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/service-packages").WithTags("Service packages");
        api.MapGet("/", ListPackages).WithName("ListServicePackages").WithSummary("List service packages (newest first; includeArchived, q, paging)")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapPost("/", CreatePackage).WithName("CreateServicePackage").WithSummary("Create a service package (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapGet("/{id:int}", GetPackage).WithName("GetServicePackage").WithSummary("One package with its leads and their results")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapPatch("/{id:int}", UpdatePackage).WithName("UpdateServicePackage").WithSummary("Edit a package; only the fields present change, lists are replaced whole (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapPost("/{id:int}/archive", ArchivePackage).WithName("ArchiveServicePackage").WithSummary("Archive a package: kept with its history, offered for no new leads (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapPost("/{id:int}/unarchive", UnarchivePackage).WithName("UnarchiveServicePackage").WithSummary("Restore an archived package (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapDelete("/{id:int}", DeletePackage).WithName("DeleteServicePackage").WithSummary("Delete a package no lead or proposal uses; 409 when used (archive it instead) (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);

        app.MapGroup("/api/leads").WithTags("Service packages")
            .MapPut("/{id:int}/service-package", LinkLead).WithName("LinkLeadServicePackage").WithSummary("Link a lead to a package, or unlink with null (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    public static async Task<Ok<PagedList<ServicePackageSummary>>> ListPackages(
        ServicePackageService packages,
        CancellationToken ct,
        [FromQuery] bool? includeArchived = null,
        [FromQuery] string? q = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null) =>
        TypedResults.Ok(await packages.ListAsync(new ServicePackageListQuery(includeArchived ?? false, q, page, pageSize), ct));

    public static async Task<Results<Created<ServicePackageView>, ProblemHttpResult>> CreatePackage(
        CreateServicePackageRequest request, ServicePackageService packages, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await packages.CreateAsync(request, http.User.ToActor(), ct), p => $"/api/service-packages/{p.Id}");

    public static async Task<Results<Ok<ServicePackageDetail>, ProblemHttpResult>> GetPackage(int id, ServicePackageService packages, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await packages.DetailAsync(id, ct), $"Service package {id} does not exist.");

    public static async Task<Results<Ok<ServicePackageView>, ProblemHttpResult>> UpdatePackage(
        int id, UpdateServicePackageRequest request, ServicePackageService packages, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await packages.UpdateAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Ok<ServicePackageView>, ProblemHttpResult>> ArchivePackage(
        int id, ServicePackageService packages, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await packages.SetArchivedAsync(id, true, http.User.ToActor(), ct));

    public static async Task<Results<Ok<ServicePackageView>, ProblemHttpResult>> UnarchivePackage(
        int id, ServicePackageService packages, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await packages.SetArchivedAsync(id, false, http.User.ToActor(), ct));

    public static async Task<Results<NoContent, ProblemHttpResult>> DeletePackage(
        int id, ServicePackageService packages, HttpContext http, CancellationToken ct)
    {
        var result = await packages.DeleteAsync(id, http.User.ToActor(), ct);
        return result.Succeeded ? TypedResults.NoContent() : ApiResults.Problem(result);
    }

    public static async Task<Results<Ok<LeadPackageLink>, ProblemHttpResult>> LinkLead(
        int id, LinkServicePackageRequest request, ServicePackageService packages, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await packages.LinkLeadAsync(id, request, http.User.ToActor(), ct));
}
