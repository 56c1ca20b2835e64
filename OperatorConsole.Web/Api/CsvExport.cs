using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Streams any <c>[CsvRecord]</c> sequence to the response as a CSV download: rows go out as they are read, so
/// an export of 100,000 leads never sits in memory. Text that a spreadsheet would run as a formula is escaped.
/// </summary>
public static class CsvExport
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    /// <summary>
    /// A feature's CSV export at <c>/api/exports/{file}</c> (leads, agent jobs, results), one tag in the API document
    /// for all of them; the caller guards it like the list it mirrors.
    /// </summary>
    public static RouteHandlerBuilder MapCsvExport(this IEndpointRouteBuilder app, string file, Delegate handler, string name, string summary) =>
        app.MapGroup("/api/exports").WithTags("Import & export")
            .MapGet("/" + file, handler).WithName(name).WithSummary(summary)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");

    /// <summary>Streams <paramref name="rows"/> as <c>{what}-{yyyyMMdd-HHmm}.csv</c>; the answer is written when this returns.</summary>
    public static async Task<EmptyHttpResult> DownloadAsync<T>(HttpContext http, IAsyncEnumerable<T> rows, string what, TimeProvider time, CancellationToken ct)
    {
        await StreamAsync(http.Response, rows, FileName(what, time), ct);
        return TypedResults.Empty;
    }

    /// <summary>A download name that says what and when: <c>leads-20261125-1430.csv</c>.</summary>
    public static string FileName(string what, TimeProvider time) => $"{what}-{time.GetUtcNow():yyyyMMdd-HHmm}.csv";

    public static async Task StreamAsync<T>(HttpResponse response, IAsyncEnumerable<T> rows, string fileName, CancellationToken ct = default)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = fileName, Inline = false }.ToString();
        response.Headers.CacheControl = "no-store";
        await using var writer = CsvWriter.Create(response.Body, Options, leaveOpen: true);
        await writer.WriteRecordsAsync(rows, ct);
        await writer.FlushAsync(ct);
    }
}
