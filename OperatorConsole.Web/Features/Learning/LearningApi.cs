using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using OperatorConsole.Data.Learning;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Learning;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Learning;

/// <summary>
/// Learning → Action (sprint 2.2): ingest, the proposal inbox, "Promote to playbook?" and the operator's
/// decision, and the versioned playbook. Every write is operator-only; no API key can promote.
/// </summary>
public static class LearningApi
{
    public static IEndpointRouteBuilder MapLearningApi(this IEndpointRouteBuilder app)
    {
        var learning = app.MapGroup("/api/learning").WithTags("Learning");
        learning.MapPost("/ingest", Ingest).WithName("IngestLearning")
            .WithSummary("Turn a transcript, note or post-mortem into learning proposals (operator). JSON {text, title?, sourceKind?, leadId?} or multipart with a .txt/.md/.vtt \"file\"")
            .Accepts<IngestLearningRequest>("application/json", "multipart/form-data")
            .RequireAuthorization(ConsolePolicies.Operator);
        learning.MapGet("/", ListLearnings).WithName("ListLearnings").WithSummary("Ingested learnings, newest first, with the engine that read each")
            .RequireAuthorization(ConsolePolicies.Read);
        learning.MapGet("/proposals", ListProposals).WithName("ListLearningProposals")
            .WithSummary("The proposal inbox (filters class, engine, produced, promoted, state, learningId, q)")
            .RequireAuthorization(ConsolePolicies.Read);
        learning.MapGet("/proposals/{id:int}", GetProposal).WithName("GetLearningProposal").WithSummary("One proposal with its contradictions side by side")
            .RequireAuthorization(ConsolePolicies.Read);
        learning.MapPatch("/proposals/{id:int}", UpdateProposal).WithName("UpdateLearningProposal")
            .WithSummary("Correct class, confidence, produced tag, contradictions or wording (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        learning.MapPost("/proposals/{id:int}/promote", RequestPromotion).WithName("RequestPlaybookPromotion")
            .WithSummary("\"Promote to playbook?\": creates an approval request naming the metric to move; promotes nothing by itself (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        learning.MapPost("/proposals/{id:int}/promotion-decision", Decide).WithName("DecidePlaybookPromotion")
            .WithSummary("An operator approves or rejects the pending promotion, with a reason; approval writes a new playbook version")
            .HumanGate("playbook promotion");

        var playbook = app.MapGroup("/api/playbook").WithTags("Learning");
        playbook.MapGet("/", ListPlaybook).WithName("ListPlaybook").WithSummary("Playbook entries by class, each with every version")
            .RequireAuthorization(ConsolePolicies.Read);
        playbook.MapGet("/{id:int}", GetPlaybookEntry).WithName("GetPlaybookEntry").WithSummary("One playbook entry with its versions")
            .RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    public static async Task<Results<Created<IngestResult>, ProblemHttpResult>> Ingest(
        HttpContext http, LearningService learning, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, CancellationToken ct)
    {
        var (request, fileName, problem) = http.Request.HasFormContentType
            ? await FromFormAsync(http, ct)
            : await FromJsonAsync(http, json.Value.SerializerOptions, ct);
        if (problem is not null)
        {
            return problem;
        }

        var result = await learning.IngestAsync(request!, http.User.ToActor(), fileName, ct);
        return ApiResults.CreatedOrProblem(result, r => $"/api/learning/proposals?learningId={r.Learning.Id}");
    }

    /// <summary>A multipart form: sourceKind, leadId, title and the text, or a .txt/.md/.vtt "file" instead of it.</summary>
    private static async Task<(IngestLearningRequest? Request, string? FileName, ProblemHttpResult? Problem)> FromFormAsync(HttpContext http, CancellationToken ct)
    {
        var form = await http.Request.ReadFormAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var kind = form["sourceKind"].ToString();
        if (!QueryEnum.TryParse<LearningSourceKind>(kind, out var sourceKind))
        {
            errors["sourceKind"] = [$"'{kind}' is not one of: {QueryEnum.Allowed<LearningSourceKind>()}."];
        }

        int? leadId = null;
        if (!string.IsNullOrWhiteSpace(form["leadId"]))
        {
            if (int.TryParse(form["leadId"], out var parsed))
            {
                leadId = parsed;
            }
            else
            {
                errors["leadId"] = ["'leadId' must be a number."];
            }
        }

        if (errors.Count > 0)
        {
            return (null, null, ApiResults.Validation(errors));
        }

        var text = form["text"].ToString();
        string? fileName = null;
        if (form.Files.GetFile("file") is { } file)
        {
            fileName = file.FileName;
            using var reader = new StreamReader(file.OpenReadStream(), System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(ct);
        }

        return (new IngestLearningRequest(text, form["title"].ToString() is { Length: > 0 } title ? title : null, sourceKind, leadId), fileName, null);
    }

    private static async Task<(IngestLearningRequest? Request, string? FileName, ProblemHttpResult? Problem)> FromJsonAsync(
        HttpContext http, JsonSerializerOptions options, CancellationToken ct)
    {
        try
        {
            return (await http.Request.ReadFromJsonAsync<IngestLearningRequest>(options, ct) ?? new IngestLearningRequest(null), null, null);
        }
        catch (JsonException ex)
        {
            return (null, null, ApiResults.FromJsonException(ex, http));
        }
        catch (InvalidOperationException)
        {
            return (null, null, ApiResults.BadRequest("Send JSON {\"text\": …} or a multipart form with a .txt, .md or .vtt \"file\"."));
        }
    }

    public static async Task<Ok<PagedList<LearningView>>> ListLearnings(
        LearningService learning, CancellationToken ct, [FromQuery] int? page = null, [FromQuery] int? pageSize = null) =>
        TypedResults.Ok(await learning.ListLearningsAsync(page, pageSize, ct));

    public static async Task<Results<Ok<PagedList<LearningProposalView>>, ProblemHttpResult>> ListProposals(
        LearningService learning,
        CancellationToken ct,
        [FromQuery(Name = "class")] string? cls = null,
        [FromQuery] string? engine = null,
        [FromQuery] string? produced = null,
        [FromQuery] bool? promoted = null,
        [FromQuery] string? state = null,
        [FromQuery] int? learningId = null,
        [FromQuery] string? q = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null)
    {
        var errors = new QueryEnum.Errors();
        var classFilter = errors.Parse<LearningClass>("class", cls);
        var producedFilter = errors.Parse<ProducedTag>("produced", produced);
        var stateFilter = errors.Parse<LearningProposalState>("state", state);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (engine is not null && !LearningEngines.All.Contains(engine))
        {
            return ApiResults.BadRequest("Invalid query parameter.", new Dictionary<string, string[]> { ["engine"] = [$"'{engine}' is not one of: {string.Join(", ", LearningEngines.All)}."] });
        }

        return TypedResults.Ok(await learning.ListProposalsAsync(
            new LearningProposalQuery(classFilter, engine, producedFilter, promoted, stateFilter, learningId, q, page, pageSize), ct));
    }

    public static async Task<Results<Ok<LearningProposalView>, ProblemHttpResult>> GetProposal(int id, LearningService learning, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await learning.GetProposalAsync(id, ct), $"Learning proposal {id} does not exist.");

    public static async Task<Results<Ok<LearningProposalView>, ProblemHttpResult>> UpdateProposal(
        int id, UpdateLearningProposalRequest request, LearningService learning, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await learning.UpdateProposalAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Created<PromotionRequestResult>, ProblemHttpResult>> RequestPromotion(
        int id, RequestPromotionRequest request, LearningService learning, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await learning.RequestPromotionAsync(id, request, http.User.ToActor(), ct), _ => $"/api/learning/proposals/{id}");

    public static async Task<Results<Ok<PromotionDecisionResult>, ProblemHttpResult>> Decide(
        int id, PromotionDecisionRequest request, PlaybookService playbook, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await playbook.DecideForProposalAsync(id, request.Approve, request.Reason, http.User.ToActor(), ct));

    public static async Task<Results<Ok<IReadOnlyList<PlaybookEntryView>>, ProblemHttpResult>> ListPlaybook(
        PlaybookService playbook, CancellationToken ct, [FromQuery(Name = "class")] string? cls = null)
    {
        var errors = new QueryEnum.Errors();
        var classFilter = errors.Parse<LearningClass>("class", cls);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await playbook.ListAsync(classFilter, ct));
    }

    public static async Task<Results<Ok<PlaybookEntryView>, ProblemHttpResult>> GetPlaybookEntry(int id, PlaybookService playbook, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await playbook.GetAsync(id, ct), $"Playbook entry {id} does not exist.");
}
