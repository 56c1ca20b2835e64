using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Import;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;
using OperatorConsole.Web.Features.AgentJobs;
using OperatorConsole.Web.Features.Results;

namespace OperatorConsole.Web.Features.Import;

/// <summary>CSV exports, streamed. Each respects the filters of the list it exports.</summary>
public static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exports").WithTags("Import & export");
        api.MapGet("/leads.csv", ExportLeads).WithName("ExportLeadsCsv")
            .WithSummary("Leads as CSV (same filters as GET /api/leads: status, offerType, q, accountId, includeArchived); imports back unchanged")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireAuthorization(ConsolePolicies.Read);
        // Each export is guarded like the list it mirrors: agent jobs are for people (as GET /api/agent-jobs),
        // the Results Ledger for people and read keys (as GET /api/clients).
        api.MapGet("/agent-jobs.csv", ExportAgentJobs).WithName("ExportAgentJobsCsv")
            .WithSummary("Agent jobs as CSV, newest first (same filters as GET /api/agent-jobs: result, riskLevel, approved, buildTaskId)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireAuthorization(ConsolePolicies.People);
        api.MapGet("/results.csv", ExportResults).WithName("ExportResultsCsv")
            .WithSummary("The Results Ledger as CSV: a row per measurement (baseline, outcomes) of each client with its target, current and delta (same filters as GET /api/clients: status, flag, q, sort)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportLeads(
        LeadExportService exports,
        TimeProvider time,
        HttpContext http,
        CancellationToken ct,
        [FromQuery] string? status = null,
        [FromQuery] string? offerType = null,
        [FromQuery] int? accountId = null,
        [FromQuery] string? q = null,
        [FromQuery] bool? includeArchived = null)
    {
        var errors = new QueryEnum.Errors();
        var statusFilter = errors.Parse<LeadStatus>("status", status);
        var offerFilter = errors.Parse<OfferType>("offerType", offerType);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = new LeadListQuery(statusFilter, offerFilter, q, includeArchived ?? false, AccountId: accountId);
        await CsvExport.StreamAsync(http.Response, exports.LeadsAsync(query, ct), CsvExport.FileName("leads", time), ct);
        return TypedResults.Empty;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportAgentJobs(
        AgentJobExportService exports,
        TimeProvider time,
        HttpContext http,
        CancellationToken ct,
        [FromQuery] string? result = null,
        [FromQuery] string? riskLevel = null,
        [FromQuery] string? approved = null,
        [FromQuery] int? buildTaskId = null)
    {
        if (AgentJobsApi.ParseFilter(result, riskLevel, approved, buildTaskId, out var filter) is { } problem)
        {
            return problem;
        }

        await CsvExport.StreamAsync(http.Response, exports.JobsAsync(filter, ct), CsvExport.FileName("agent-jobs", time), ct);
        return TypedResults.Empty;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportResults(
        ResultsExportService exports,
        TimeProvider time,
        HttpContext http,
        CancellationToken ct,
        [FromQuery] string? status = null,
        [FromQuery] string? flag = null,
        [FromQuery] string? q = null,
        [FromQuery] string? sort = null)
    {
        if (ResultsApi.ParseClientFilter(status, flag, q, sort, out var filter) is { } problem)
        {
            return problem;
        }

        await CsvExport.StreamAsync(http.Response, exports.LedgerAsync(filter, ct), CsvExport.FileName("results", time), ct);
        return TypedResults.Empty;
    }
}
