using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Access;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Leads;

public static class LeadsApi
{
    public static IEndpointRouteBuilder MapLeadsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/leads").WithTags("Leads");
        api.MapPost("/", CreateLead).WithName("CreateLead").WithSummary("Create a lead")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.LeadsWrite));
        api.MapGet("/", ListLeads).WithName("ListLeads").WithSummary("List leads (filters status: a stage or open / won, offerType, q, accountId, packageId, nextStep (none / planned / overdue), owner, office, manager, source, minValue, maxValue; paging)")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/summary", SummarizeLeads).WithName("SummarizeLeads")
            .WithSummary("The deals the list's filters keep, added up: how many, their estimates' total, and how many were won for how much (the won rule); same filters as GET /api/leads")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/{id:int}", GetLead).WithName("GetLead").WithSummary("One lead").RequireAuthorization(ConsolePolicies.Read);
        api.MapPatch("/{id:int}", UpdateLead).WithName("UpdateLead").WithSummary("Edit a lead's fields (operator)")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapPost("/{id:int}/status", ChangeStatus).WithName("ChangeLeadStatus").WithSummary("Move a lead to another stage (operator); kept in the status history")
            .RequireAuthorization(ConsolePolicies.Operator);
        api.MapPut("/{id:int}/next-step", SetNextStep).WithName("SetLeadNextStep")
            .WithSummary("Plan an open deal's next step (what, dueAt); replaces the previous one (audited)")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.LeadsWrite));
        api.MapPost("/{id:int}/next-step/done", CompleteNextStep).WithName("CompleteLeadNextStep")
            .WithSummary("Mark the open next step done (audited); 409 when there is none")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.LeadsWrite));
        api.MapPut("/{id:int}/expected-close", SetExpectedClose).WithName("SetLeadExpectedClose")
            .WithSummary("Set the day a deal is expected to close ({expectedCloseOn: \"YYYY-MM-DD\"}), or clear it with null (audited)")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.LeadsWrite));
        api.MapGet("/{id:int}/status-history", StatusHistory).WithName("LeadStatusHistory").WithSummary("Every status change with time and who")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapPost("/{id:int}/touches", RecordTouch).WithName("RecordTouch").WithSummary("Record a contact with the lead")
            .RequireAuthorization(ConsolePolicies.Record(ApiScopes.TouchesWrite)).StoresCreatedWithTheWrite<TouchView>(TouchesLocation);
        api.MapGet("/{id:int}/touches", ListTouches).WithName("ListTouches").WithSummary("The lead's touches, newest first")
            .RequireAuthorization(ConsolePolicies.Read);
        api.MapGet("/{id:int}/timeline", Timeline).WithName("LeadTimeline").WithSummary("Touches, runs, status changes and proposals in one stream")
            .RequireAuthorization(ConsolePolicies.Read);
        return app.MapLeadsExport();
    }

    public static async Task<Results<Ok<NextStepView>, ProblemHttpResult>> SetNextStep(
        int id, SetNextStepRequest request, NextStepService steps, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await steps.SetAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Ok<NextStepView>, ProblemHttpResult>> CompleteNextStep(
        int id, NextStepService steps, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await steps.MarkDoneAsync(id, http.User.ToActor(), ct));

    public static async Task<Results<Ok<LeadView>, ProblemHttpResult>> SetExpectedClose(
        int id, SetExpectedCloseRequest request, ExpectedCloseService expectedClose, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await expectedClose.SetAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Created<LeadView>, ProblemHttpResult>> CreateLead(
        CreateLeadRequest request, LeadService leads, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await leads.CreateAsync(request, http.User.ToActor(), ct), l => $"/api/leads/{l.Id}");

    public static async Task<Results<Ok<PagedList<LeadView>>, ProblemHttpResult>> ListLeads(
        LeadService leads,
        [AsParameters] LeadListFilters filters,
        [FromQuery] string? sort,
        [FromQuery] int? page,
        [FromQuery] int? pageSize,
        CancellationToken ct)
    {
        var errors = new QueryEnum.Errors();
        var query = filters.Parse(errors);
        errors.Sort(sort, LeadService.SortKeys);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await leads.ListAsync(query with { Sort = sort, Page = page, PageSize = pageSize }, ct));
    }

    /// <summary>The deals the filters keep, added up, as the list's header shows them (Pipedrive's deals summary).</summary>
    public static async Task<Results<Ok<LeadListSummary>, ProblemHttpResult>> SummarizeLeads(
        LeadService leads, [AsParameters] LeadListFilters filters, CancellationToken ct)
    {
        var errors = new QueryEnum.Errors();
        var query = filters.Parse(errors);
        return errors.Any ? errors.ToProblem() : TypedResults.Ok(await leads.SummaryAsync(query, ct));
    }

    public static async Task<Results<Ok<LeadView>, ProblemHttpResult>> GetLead(int id, LeadService leads, CancellationToken ct) =>
        ApiResults.OkOrNotFound(await leads.GetAsync(id, ct), $"Lead {id} does not exist.");

    public static async Task<Results<Ok<LeadView>, ProblemHttpResult>> UpdateLead(
        int id, UpdateLeadRequest request, LeadService leads, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await leads.UpdateAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Ok<LeadView>, ProblemHttpResult>> ChangeStatus(
        int id, ChangeLeadStatusRequest request, LeadService leads, HttpContext http, CancellationToken ct) =>
        ApiResults.OkOrProblem(await leads.ChangeStatusAsync(id, request, http.User.ToActor(), ct));

    public static async Task<Results<Ok<IReadOnlyList<StatusChangeView>>, ProblemHttpResult>> StatusHistory(int id, LeadService leads, CancellationToken ct) =>
        await leads.GetAsync(id, ct) is null ? ApiResults.NotFound($"Lead {id} does not exist.") : TypedResults.Ok(await leads.HistoryAsync(id, ct));

    public static async Task<Results<Created<TouchView>, ProblemHttpResult>> RecordTouch(
        int id, RecordTouchRequest request, LeadService leads, HttpContext http, CancellationToken ct) =>
        ApiResults.CreatedOrProblem(await leads.RecordTouchAsync(id, request, http.User.ToActor(), ct), TouchesLocation);

    private static string TouchesLocation(TouchView touch) => $"/api/leads/{touch.LeadId}/touches";

    public static async Task<Results<Ok<IReadOnlyList<TouchView>>, ProblemHttpResult>> ListTouches(int id, LeadService leads, CancellationToken ct) =>
        await leads.GetAsync(id, ct) is null ? ApiResults.NotFound($"Lead {id} does not exist.") : TypedResults.Ok(await leads.TouchesAsync(id, ct: ct));

    public static async Task<Results<Ok<IReadOnlyList<TimelineItem>>, ProblemHttpResult>> Timeline(int id, LeadService leads, CancellationToken ct) =>
        await leads.GetAsync(id, ct) is null ? ApiResults.NotFound($"Lead {id} does not exist.") : TypedResults.Ok(await leads.TimelineAsync(id, ct: ct));
}
