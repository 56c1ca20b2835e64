using CsvHelper;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Streams any <c>[CsvRecord]</c> sequence to the response as a CSV download: rows go out as they are read, so
/// an export of 100,000 leads never sits in memory. Text that a spreadsheet would run as a formula is escaped.
/// </summary>
public static class CsvExport
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with { Injection = CsvInjection.Escape };

    /// <summary>
    /// <c>/api/exports</c>, where every feature maps its CSV export (leads, agent jobs, results) beside the list it
    /// mirrors; one tag in the API document. Each export is guarded like that list.
    /// </summary>
    public static RouteGroupBuilder MapExportsGroup(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/exports").WithTags("Import & export");

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
