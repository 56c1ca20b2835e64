using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Results;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Results;

/// <summary>The Results Ledger as CSV, streamed, with the filters of GET /api/clients.</summary>
public static class ResultsExportApi
{
    public static IEndpointRouteBuilder MapResultsExport(this IEndpointRouteBuilder app)
    {
        // Guarded like the list it mirrors: the Results Ledger is for people and read keys (as GET /api/clients).
        app.MapCsvExport("results.csv", ExportResults, "ExportResultsCsv",
                "The Results Ledger as CSV: a row per measurement (baseline, outcomes) of each client with its target, current and delta (same filters as GET /api/clients: status, flag, q, sort)")
            .RequireAuthorization(ConsolePolicies.Read);
        return app;
    }

    public static async Task<Results<EmptyHttpResult, ProblemHttpResult>> ExportResults(
        ResultsExportService exports,
        TimeProvider time,
        HttpContext http,
        CancellationToken ct,
        [FromQuery] string? status = null,
        [FromQuery] string? flag = null,
        [FromQuery] string? q = null,
        [FromQuery] string? sort = null,
        [FromQuery] bool? imported = null)
    {
        if (ResultsApi.ParseClientFilter(status, flag, q, sort, out var filter) is { } problem)
        {
            return problem;
        }

        return await CsvExport.DownloadAsync(http, exports.LedgerAsync(filter with { Imported = imported }, ct), "results", time, ct);
    }
}
