using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Import;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Import;

/// <summary>CSV exports, streamed. Each respects the filters of the list it exports.</summary>
public static class ExportsApi
{
    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exports").WithTags("Import & export");
        api.MapGet("/leads.csv", ExportLeads).WithName("ExportLeadsCsv")
            .WithSummary("Leads as CSV (same filters as GET /api/leads: status, offerType, q, includeArchived); imports back unchanged")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportLeads(
        LeadExportService exports,
        HttpContext http,
        CancellationToken ct,
        [FromQuery] string? status = null,
        [FromQuery] string? offerType = null,
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

        var query = new LeadListQuery(statusFilter, offerFilter, q, includeArchived ?? false);
        await CsvExport.StreamAsync(http.Response, exports.LeadsAsync(query, ct), $"leads-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv", ct);
        return TypedResults.Empty;
    }
}
