using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Templates;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Templates;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Templates;

/// <summary>The template factory: anyone with read access lists, only an operator writes.</summary>
public static class TemplateStartersApi
{
    public static IEndpointRouteBuilder MapTemplateStartersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/template-starters").WithTags("Templates");
        api.MapGet("/", ListTemplates).WithName("ListTemplateStarters").WithSummary("Templates, newest first (filters niche, stack, status, q)")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/{id:int}", GetTemplate).WithName("GetTemplateStarter").WithSummary("One template with its clients")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapPost("/", CreateTemplate).WithName("CreateTemplateStarter").WithSummary("Add a template (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapPatch("/{id:int}", UpdateTemplate).WithName("UpdateTemplateStarter").WithSummary("Edit a template (operator); lists sent replace the stored ones")
            .RequireAuthorization(ConsolePolicies.Operator);
        return app;
    }

    public static async Task<Results<Ok<PagedList<TemplateStarterView>>, ProblemHttpResult>> ListTemplates(
        TemplateStarterService templates,
        CancellationToken ct,
        [FromQuery] string? niche = null,
        [FromQuery] string? stack = null,
        [FromQuery] string? status = null,
        [FromQuery] string? q = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null)
    {
        var errors = new QueryEnum.Errors();
        var statusFilter = errors.Parse<TemplateStatus>("status", status);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return TypedResults.Ok(await templates.ListAsync(new TemplateStarterListQuery(niche, stack, statusFilter, q, page, pageSize), ct));
    }

    public static async Task<Results<Ok<TemplateStarterView>, ProblemHttpResult>> GetTemplate(int id, TemplateStarterService templates, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await templates.GetAsync(id, ct), $"Template {id} does not exist.");

    public static async Task<Results<Created<TemplateStarterView>, ProblemHttpResult>> CreateTemplate(
        CreateTemplateStarterRequest request, TemplateStarterService templates, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await templates.CreateAsync(request, http.User.ToActor(), ct), t => $"/api/template-starters/{t.Id}");

    public static async Task<Results<Ok<TemplateStarterView>, ProblemHttpResult>> UpdateTemplate(
        int id, UpdateTemplateStarterRequest request, TemplateStarterService templates, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await templates.UpdateAsync(id, request, http.User.ToActor(), ct));
}
