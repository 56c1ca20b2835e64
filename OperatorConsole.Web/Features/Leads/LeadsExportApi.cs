using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Leads;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Leads;

/// <summary>Leads as CSV, streamed, with the filters of GET /api/leads; the file imports back unchanged.</summary>
public static class LeadsExportApi
{
    public static IEndpointRouteBuilder MapLeadsExport(this IEndpointRouteBuilder app)
    {
        app.MapCsvExport("leads.csv", ExportLeads, "ExportLeadsCsv",
                "Leads as CSV (same filters and sort as GET /api/leads: status, offerType, q, accountId, packageId, nextStep, owner, office, manager, source, minValue, maxValue, includeArchived, sort; by id without a sort); imports back unchanged")
            .RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportLeads(
        LeadExportService exports,
        TimeProvider time,
        HttpContext http,
        [AsParameters] LeadListFilters filters,
        [FromQuery] string? sort,
        CancellationToken ct)
    {
        var errors = new QueryEnum.Errors();
        var query = filters.Parse(errors) with { Sort = sort };
        errors.Sort(sort, LeadService.SortKeys);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        return await CsvExport.DownloadAsync(http, exports.LeadsAsync(query, ct), "leads", time, ct);
    }
}
