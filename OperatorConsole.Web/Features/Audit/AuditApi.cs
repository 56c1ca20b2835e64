using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using OperatorConsole.Data.Audit;
using OperatorConsole.Domain.Common;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Auth;

namespace OperatorConsole.Web.Features.Audit;

public static class AuditApi
{
    /// <summary>Read-only on purpose: there is no endpoint that writes, changes or deletes audit entries.</summary>
    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(ConsolePolicies.Operator);
        api.MapGet("/", ListAudit).WithName("ListAudit").WithSummary("Audit entries, newest first (filters actor, recordType, recordId, action, from, to)");
        api.MapGet("/verify", async (AuditChainCheck check, CancellationToken ct) => TypedResults.Ok(await check.VerifyAsync(fresh: true, ct)))
            .WithName("VerifyAuditChain").WithSummary("Verifies the audit hash chain: intact, or the first entry where it breaks");
        api.MapGet("/export.csv", ExportCsv).WithName("ExportAuditCsv")
            .WithSummary("Every matching audit entry as CSV, oldest first, streamed (same filters as the list)");
        return app;
    }

    public static async Task<Ok<PagedList<AuditEntryView>>> ListAudit(
        AuditQueryService audit,
        CancellationToken ct,
        [FromQuery] string? actor = null,
        [FromQuery] string? recordType = null,
        [FromQuery] string? recordId = null,
        [FromQuery] string? action = null,
        [FromQuery] DateTime? from = null,
        [FromQuery] DateTime? to = null,
        [FromQuery] int? page = null,
        [FromQuery] int? pageSize = null) =>
        TypedResults.Ok(await audit.ListAsync(new AuditQuery(actor, recordType, recordId, action, from, to, page, pageSize), ct));

    /// <summary>
    /// Streams rows as they are read, so an export of the whole log does not sit in memory. Cells that a
    /// spreadsheet would run as a formula (=, +, -, @) are escaped.
    /// </summary>
    public static PushStreamHttpResult ExportCsv(
        AuditQueryService audit,
        TimeProvider time,
        [FromQuery] string? actor = null,
        [FromQuery] string? recordType = null,
        [FromQuery] string? recordId = null,
        [FromQuery] string? action = null,
        [FromQuery] DateTime? from = null,
        [FromQuery] DateTime? to = null)
    {
        var query = new AuditQuery(actor, recordType, recordId, action, from, to);
        var fileName = CsvExport.FileName("audit", time);
        return TypedResults.Stream(
            async body =>
            {
                // CsvHelper 34's writer: explicit fields keep the column order stable for outside tools.
                await using var csv = CsvWriter.Create(body, new CsvWriterOptions { Injection = CsvInjection.Escape, FormatProvider = CultureInfo.InvariantCulture }, true);
                foreach (var column in Columns)
                {
                    csv.WriteField(column);
                }

                await csv.EndRecordAsync(CancellationToken.None);
                var count = 0;
                await foreach (var e in audit.StreamAsync(query, CancellationToken.None))
                {
                    csv.WriteField(e.Id.ToString(CultureInfo.InvariantCulture));
                    csv.WriteField(e.At.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
                    csv.WriteField(e.ActorKind.ToString().ToLowerInvariant());
                    csv.WriteField(e.ActorId);
                    csv.WriteField(e.ActorName);
                    csv.WriteField(e.Action);
                    csv.WriteField(e.RecordType);
                    csv.WriteField(e.RecordId);
                    csv.WriteField(e.Summary ?? "");
                    csv.WriteField(e.Reason ?? "");
                    csv.WriteField(e.Before ?? "");
                    csv.WriteField(e.After ?? "");
                    await csv.EndRecordAsync(CancellationToken.None);
                    if (++count % 500 == 0)
                    {
                        await csv.FlushAsync(CancellationToken.None);
                    }
                }

                await csv.FlushAsync(CancellationToken.None);
            },
            "text/csv; charset=utf-8",
            fileName);
    }

    /// <summary>The CSV columns: the API's field names.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["id", "at", "actorKind", "actorId", "actorName", "action", "recordType", "recordId", "summary", "reason", "before", "after"];
}
