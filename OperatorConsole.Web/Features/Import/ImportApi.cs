using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Import;

/// <summary>POST /api/imports/maven body.</summary>
public sealed record MavenImportRequest(string? Folder = null, DuplicateMode? DuplicateMode = null);

/// <summary>
/// Imports run as background jobs: POST answers 202 with the job at once; GET /api/imports/{id} shows its
/// progress and row errors. Uploads are multipart (field "file"); the session cookie is SameSite, and machines
/// use a bearer key, so the endpoints skip the form antiforgery token.
/// </summary>
public static class ImportApi
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/imports").WithTags("Import & export");
        api.MapPost("/preview", Preview).WithName("PreviewLeadsImport")
            .WithSummary("Header, guessed column mapping and the first rows of a leads/deals CSV, each with its validation errors")
            .DisableAntiforgery().RequireAuthorization(ConsolePolicies.Record(ApiScopes.LeadsWrite));
        api.MapPost("/leads", ImportLeads).WithName("ImportLeadsCsv")
            .WithSummary("Queue a leads/deals CSV import (multipart 'file'; optional 'mapping' JSON field → column; duplicateMode skip|update)")
            .DisableAntiforgery().RequireAuthorization(ConsolePolicies.Record(ApiScopes.LeadsWrite));
        api.MapPost("/maven", ImportMaven).WithName("ImportMavenCrm")
            .WithSummary("Queue the Maven CRM sample pipeline from a server folder (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapGet("/", ListJobs).WithName("ListImportJobs").WithSummary("Import jobs, newest first").RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/{id:int}", GetJob).WithName("GetImportJob").WithSummary("One import job with its progress and row errors")
            .RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    public static async Task<Results<Ok<ImportPreview>, ProblemHttpResult>> Preview(IFormFile? file, [FromForm] string? mapping, ImportJobService imports)
    {
        if (file is null)
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["file"] = ["Send the CSV as multipart field 'file'."] });
        }

        if (!TryMapping(mapping, out var parsed, out var problem))
        {
            return problem!;
        }

        await using var stream = file.OpenReadStream();
        return TypedResults.Ok(imports.Preview(stream, parsed));
    }

    public static async Task<Results<Accepted<ImportJobView>, ProblemHttpResult>> ImportLeads(
        IFormFile? file, [FromForm] string? mapping, [FromForm] string? duplicateMode, ImportJobService imports, HttpContext http, CancellationToken ct)
    {
        if (file is null)
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["file"] = ["Send the CSV as multipart field 'file'."] });
        }

        if (!QueryEnum.TryParse<DuplicateMode>(duplicateMode, out var mode))
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["duplicateMode"] = ["'duplicateMode' must be skip or update."] });
        }

        if (!TryMapping(mapping, out var parsed, out var problem))
        {
            return problem!;
        }

        await using var stream = file.OpenReadStream();
        var result = await imports.QueueCsvAsync(stream, file.FileName, parsed, mode ?? DuplicateMode.Skip, http.User.ToActor(), ct);
        return result.Succeeded ? TypedResults.Accepted($"/api/imports/{result.Value!.Id}", result.Value) : ApiResults.Problem(result);
    }

    public static async Task<Results<Accepted<ImportJobView>, ProblemHttpResult>> ImportMaven(
        MavenImportRequest request, ImportJobService imports, HttpContext http, CancellationToken ct)
    {
        // The API names the folder it imports; a missing one must not quietly import the default dataset.
        if (string.IsNullOrWhiteSpace(request.Folder))
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["folder"] = ["'folder' is required: the server folder holding the Maven CRM CSV files."] });
        }

        var result = await imports.QueueMavenAsync(request.Folder, request.DuplicateMode ?? DuplicateMode.Skip, http.User.ToActor(), ct);
        return result.Succeeded ? TypedResults.Accepted($"/api/imports/{result.Value!.Id}", result.Value) : ApiResults.Problem(result);
    }

    public static async Task<Ok<PagedList<ImportJobView>>> ListJobs(
        ImportJobService imports, CancellationToken ct, [FromQuery] int? page = null, [FromQuery] int? pageSize = null) =>
        TypedResults.Ok(await imports.ListAsync(page, pageSize, ct));

    public static async Task<Results<Ok<ImportJobView>, ProblemHttpResult>> GetJob(int id, ImportJobService imports, CancellationToken ct) =>
        await imports.GetAsync(id, ct) is { } job ? TypedResults.Ok(job) : ApiResults.NotFound($"Import job {id} does not exist.");

    private static bool TryMapping(string? json, out Dictionary<string, string>? mapping, out ProblemHttpResult? problem)
    {
        mapping = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            mapping = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            return true;
        }
        catch (JsonException)
        {
            problem = ApiResults.Validation(new Dictionary<string, string[]> { ["mapping"] = ["'mapping' must be a JSON object of field → column, e.g. {\"title\":\"Name\"}."] });
            return false;
        }
    }
}
