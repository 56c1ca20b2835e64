using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OperatorConsole.Data.Results;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Results;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Results;

/// <summary>Client success, outcomes, proof artifacts and the clients list (sprint 1.2).</summary>
public static class ResultsApi
{
    public static IEndpointRouteBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var leads = app.MapGroup("/api/leads/{id:int}").WithTags("Results");
        leads.MapGet("/client-success", GetClientSuccess).WithName("GetClientSuccess")
            .WithSummary("The lead's target, baseline, outcomes, interventions and proof, with current and delta computed")
            .RequireAuthorization(ConsolePolicies.Read);
        leads.MapPut("/client-success", PutClientSuccess).WithName("PutClientSuccess")
            .WithSummary("Replace the lead's target, baseline, learnings and (when given) interventions (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        leads.MapPost("/outcomes", RecordOutcome).WithName("RecordOutcome")
            .WithSummary("Record a measurement of the target metric; source is required")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.OutcomesWrite));
        leads.MapGet("/outcomes", ListOutcomes).WithName("ListOutcomes").WithSummary("The lead's outcome entries, newest measurement first")
            .RequireAuthorization(ConsolePolicies.Read);
        leads.MapPost("/proof-artifacts", AddProofArtifact).WithName("AddProofArtifact")
            .WithSummary("Upload a proof file (multipart: file, title?) or add a link (JSON: {url, title?}) (operator)")
            .WithDescription($"Files: {ProofFilePolicy.AllowedList}; extension, content type and content must agree; size limit Storage:MaxUploadBytes.")
            .RequireAuthorization(ConsolePolicies.Operator);
        leads.MapGet("/proof-artifacts", ListProofArtifacts).WithName("ListProofArtifacts").WithSummary("The lead's proof artifacts, newest first")
            .RequireAuthorization(ConsolePolicies.Read);

        var proof = app.MapGroup("/api/proof-artifacts").WithTags("Results");
        proof.MapGet("/{id:int}/download", DownloadProofArtifact).WithName("DownloadProofArtifact")
            .WithSummary("The stored proof file, as an attachment (operator, viewer)")
            .RequireAuthorization(ConsolePolicies.People);
        proof.MapDelete("/{id:int}", RemoveProofArtifact).WithName("RemoveProofArtifact").WithSummary("Remove a proof artifact and its file (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);

        app.MapGet("/api/clients", ListClients).WithTags("Results").WithName("ListClients")
            .WithSummary("Every Approved/Building/Shipped client with target, current, delta, last measurement and flags (filters status, flag, q, imported; sort; paging)")
            .RequireAuthorization(ConsolePolicies.Read);
        return app.MapResultsExport();
    }

    public static async Task<Results<Ok<ClientSuccessView>, ProblemHttpResult>> GetClientSuccess(int id, ClientSuccessService service, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await service.GetAsync(id, ct), $"Lead {id} does not exist.");

    public static async Task<Results<Ok<ClientSuccessView>, ProblemHttpResult>> PutClientSuccess(
        int id, UpdateClientSuccessRequest request, ClientSuccessService service, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await service.UpdateAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Created<OutcomeView>, ProblemHttpResult>> RecordOutcome(
        int id, RecordOutcomeRequest request, ClientSuccessService service, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await service.RecordOutcomeAsync(id, request, http.User.ToActor(), ct), _ => $"/api/leads/{id}/outcomes");

    public static async Task<Results<Ok<IReadOnlyList<OutcomeView>>, ProblemHttpResult>> ListOutcomes(int id, ClientSuccessService service, CancellationToken ct) =>
        await service.GetAsync(id, ct) is { } view ? TypedResults.Ok(view.Outcomes) : ApiResults.NotFound($"Lead {id} does not exist.");

    /// <summary>
    /// One endpoint, two bodies: multipart with a file, or JSON with a link. The form is read by hand (no
    /// IFormFile binding) so API keys are not asked for an antiforgery token; the operator's cookie is
    /// SameSite=Strict, so a cross-site form cannot ride on it.
    /// </summary>
    public static async Task<Results<Created<ProofArtifactView>, ProblemHttpResult>> AddProofArtifact(
        int id, HttpContext http, ProofArtifactService proofs, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        OperationResult<ProofArtifactView> result;
        if (http.Request.HasFormContentType)
        {
            var form = await http.Request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null)
            {
                return ApiResults.Validation(new Dictionary<string, string[]> { ["file"] = ["'file' is required: send the proof as a multipart file field."] });
            }

            await using var stream = file.OpenReadStream();
            result = await proofs.UploadAsync(id, form["title"].FirstOrDefault(), file.FileName, file.ContentType, file.Length, stream, actor, ct);
        }
        else if (http.Request.HasJsonContentType())
        {
            AddProofLinkRequest? request;
            try
            {
                request = await http.Request.ReadFromJsonAsync<AddProofLinkRequest>(json.Value.SerializerOptions, ct);
            }
            catch (JsonException ex)
            {
                return ApiResults.FromJsonException(ex, http);
            }

            if (request is null)
            {
                return ApiResults.BadRequest("A JSON body {url, title?} is required.");
            }

            result = await proofs.AddLinkAsync(id, request, actor, ct);
        }
        else
        {
            return ApiResults.BadRequest("Send multipart/form-data with a 'file' field, or application/json with {url, title?}.");
        }

        return ApiResults.CreatedOrProblem(result, a => $"/api/leads/{id}/proof-artifacts");
    }

    public static async Task<Results<Ok<IReadOnlyList<ProofArtifactView>>, ProblemHttpResult>> ListProofArtifacts(int id, ProofArtifactService proofs, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await proofs.ListAsync(id, ct), $"Lead {id} does not exist.");

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadProofArtifact(
        int id, ProofArtifactService proofs, HttpContext http, CancellationToken ct)
    {
        var download = await proofs.OpenAsync(id, ct);
        if (download is null)
        {
            return ApiResults.NotFound($"Proof artifact {id} has no stored file (it does not exist, or it is a link).");
        }

        // Served as an attachment with its checked type and nosniff, so an uploaded file never renders as a page of the console.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(download.Content, download.Artifact.ContentType ?? "application/octet-stream", download.Artifact.FileName ?? $"proof-{id}");
    }

    public static async Task<Results<Ok<ProofArtifactView>, ProblemHttpResult>> RemoveProofArtifact(
        int id, ProofArtifactService proofs, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await proofs.RemoveAsync(id, http.User.ToActor(), ct));

    public static async Task<Results<Ok<PagedList<ClientRow>>, ProblemHttpResult>> ListClients(
        ClientSuccessService service,
        CancellationToken ct,
        [FromQuery] string? status = null,
        [FromQuery] string? flag = null,
        [FromQuery] string? q = null,
        [FromQuery] string? sort = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null,
        [FromQuery] bool? imported = null)
    {
        if (ParseClientFilter(status, flag, q, sort, out var filter) is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(await service.ListClientsAsync(filter with { Page = page, PageSize = pageSize, Imported = imported }, ct));
    }

    /// <summary>
    /// The clients list's filter and sort query parameters, read once for the list and the Results Ledger export
    /// (GET /api/exports/results.csv): an unknown stage, flag or sort key is a 400 problem naming the parameter.
    /// </summary>
    public static ProblemHttpResult? ParseClientFilter(string? status, string? flag, string? q, string? sort, out ClientListQuery filter)
    {
        var errors = new QueryEnum.Errors();
        var statusFilter = errors.Parse<LeadStatus>("status", status);
        var flagFilter = errors.Parse<ResultFlag>("flag", flag);
        if (statusFilter is { } s && !s.IsClient())
        {
            errors.Add("status", "Clients are approved, building or shipped.");
        }

        errors.Sort(sort, ClientSuccessService.SortKeys);
        filter = new ClientListQuery(statusFilter, flagFilter, q, sort);
        return errors.Any ? errors.ToProblem() : null;
    }
}
