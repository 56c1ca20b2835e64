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
        CancellationToken ct,
        [FromQuery] string? status = null,
        [FromQuery] string? offerType = null,
        [FromQuery] int? accountId = null,
        [FromQuery] int? packageId = null,
        [FromQuery] string? nextStep = null,
        [FromQuery] string? owner = null,
        [FromQuery] string? office = null,
        [FromQuery] string? manager = null,
        [FromQuery] string? source = null,
        [FromQuery] decimal? minValue = null,
        [FromQuery] decimal? maxValue = null,
        [FromQuery] string? q = null,
        [FromQuery] bool? includeArchived = null,
        [FromQuery] string? sort = null)
    {
        var errors = new QueryEnum.Errors();
        var statusFilter = errors.Stage("status", status);
        var offerFilter = errors.Parse<OfferType>("offerType", offerType);
        var nextStepFilter = errors.Parse<NextStepState>("nextStep", nextStep);
        errors.Sort(sort, LeadService.SortKeys);
        errors.Range("minValue", minValue, "maxValue", maxValue);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var query = new LeadListQuery(statusFilter, offerFilter, q, includeArchived ?? false, sort, AccountId: accountId, Owner: owner, Source: source, MinValue: minValue, MaxValue: maxValue, PackageId: packageId, NextStep: nextStepFilter, Office: office, Manager: manager);
        return await CsvExport.DownloadAsync(http, exports.LeadsAsync(query, ct), "leads", time, ct);
    }
}
