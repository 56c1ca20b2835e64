using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;
using OperatorConsole.Domain.Leads;
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
            .WithSummary("Header, column mapping (given, remembered for this header, or guessed), stage values and their mapping, the first rows with their errors and failing values; optional 'accounts' file previewed too")
            .DisableAntiforgery().RequireAuthorization(ConsolePolicies.Record(ApiScopes.LeadsWrite));
        api.MapPost("/leads", ImportLeads).WithName("ImportLeadsCsv")
            .WithSummary("Queue a leads/deals CSV import (multipart 'file'; optional 'mapping' JSON field → column, 'stages' JSON value → stage, 'accounts' file imported first with 'accountMapping'; duplicateMode skip|update)")
            .DisableAntiforgery().RequireAuthorization(ConsolePolicies.Record(ApiScopes.LeadsWrite));
        api.MapPost("/maven", ImportMaven).WithName("ImportMavenCrm")
            .WithSummary("Queue the Maven CRM sample pipeline from a server folder (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapGet("/", ListJobs).WithName("ListImportJobs").WithSummary("Import jobs, newest first").RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/{id:int}", GetJob).WithName("GetImportJob").WithSummary("One import job with its progress and row errors")
            .RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    public static async Task<Results<Ok<ImportPreview>, ProblemHttpResult>> Preview(
        IFormFile? file, IFormFile? accounts, [FromForm] string? mapping, [FromForm] string? stages, [FromForm] string? accountMapping,
        ImportJobService imports, CancellationToken ct)
    {
        if (file is null)
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["file"] = ["Send the CSV as multipart field 'file'."] });
        }

        if (!TrySpec(mapping, stages, accountMapping, out var spec, out var problem))
        {
            return problem!;
        }

        await using var stream = file.OpenReadStream();
        await using var accountsStream = accounts?.OpenReadStream();
        return TypedResults.Ok(await imports.PreviewAsync(stream, spec, accountsStream is null ? null : new CsvUpload(accountsStream, accounts!.FileName), ct));
    }

    public static async Task<Results<Accepted<ImportJobView>, ProblemHttpResult>> ImportLeads(
        IFormFile? file, IFormFile? accounts, [FromForm] string? mapping, [FromForm] string? stages, [FromForm] string? accountMapping,
        [FromForm] string? duplicateMode, ImportJobService imports, HttpContext http, CancellationToken ct)
    {
        if (file is null)
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["file"] = ["Send the CSV as multipart field 'file'."] });
        }

        if (!QueryEnum.TryParse<DuplicateMode>(duplicateMode, out var mode))
        {
            return ApiResults.Validation(new Dictionary<string, string[]> { ["duplicateMode"] = ["'duplicateMode' must be skip or update."] });
        }

        if (!TrySpec(mapping, stages, accountMapping, out var spec, out var problem))
        {
            return problem!;
        }

        await using var stream = file.OpenReadStream();
        await using var accountsStream = accounts?.OpenReadStream();
        var result = await imports.QueueCsvAsync(stream, file.FileName, spec, mode ?? DuplicateMode.Skip, http.User.ToActor(),
            accountsStream is null ? null : new CsvUpload(accountsStream, accounts!.FileName), ct);
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

    /// <summary>
    /// The form's mapping fields as one spec: 'mapping' (field → column), 'stages' (the file's stage value → our stage,
    /// spelled as the API spells stages: "approved"), 'accountMapping' (account field → column of the accounts file).
    /// Each is optional; a malformed one is a 422 naming it.
    /// </summary>
    private static bool TrySpec(string? mapping, string? stages, string? accountMapping, out LeadCsvImportSpec? spec, out ProblemHttpResult? problem)
    {
        spec = null;
        problem = null;
        if (!TryObject(mapping, "mapping", "'mapping' must be a JSON object of field → column, e.g. {\"title\":\"Name\"}.", out var columns, ref problem)
            || !TryObject(stages, "stages", "'stages' must be a JSON object of the file's stage value → stage, e.g. {\"Won\":\"approved\"}.", out var stageTexts, ref problem)
            || !TryObject(accountMapping, "accountMapping", "'accountMapping' must be a JSON object of account field → column, e.g. {\"name\":\"account\"}.", out var accountColumns, ref problem))
        {
            return false;
        }

        Dictionary<string, LeadStatus>? stageMap = null;
        if (stageTexts is not null)
        {
            stageMap = new Dictionary<string, LeadStatus>(StringComparer.OrdinalIgnoreCase);
            var errors = new List<string>();
            foreach (var (value, stage) in stageTexts)
            {
                if (QueryEnum.TryParse<LeadStatus>(stage, out var parsed) && parsed is { } status)
                {
                    stageMap[value] = status;
                }
                else
                {
                    errors.Add($"'{value}' → '{stage}': the stage must be one of {string.Join(", ", Enum.GetValues<LeadStatus>().Select(v => QueryEnum.Spell(v)))}.");
                }
            }

            if (errors.Count > 0)
            {
                problem = ApiResults.Validation(new Dictionary<string, string[]> { ["stages"] = errors.ToArray() });
                return false;
            }
        }

        if (columns is null && stageMap is null && accountColumns is null)
        {
            return true;
        }

        spec = new LeadCsvImportSpec(columns ?? [], stageMap, accountColumns);
        return true;
    }

    private static bool TryObject(string? json, string field, string message, out Dictionary<string, string>? value, ref ProblemHttpResult? problem)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            return true;
        }

        try
        {
            value = JsonSerializer.Deserialize<Dictionary<string, string>>(json);
            return true;
        }
        catch (JsonException)
        {
            problem = ApiResults.Validation(new Dictionary<string, string[]> { [field] = [message] });
            return false;
        }
    }
}
