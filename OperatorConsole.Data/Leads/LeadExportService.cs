using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Leads;

/// <summary>
/// One exported lead. Column names are the lead fields of the import mapping, so an exported file imports back
/// without touching the mapping (the round trip the tests check). A lead whose source gave no creation date exports an
/// empty <c>createdAt</c>, as it came in, rather than the stand-in date it is sorted by.
/// </summary>
[CsvRecord]
public sealed partial record LeadCsvRow(
    [property: CsvColumn("id")] int Id,
    [property: CsvColumn("externalId")] string? ExternalId,
    [property: CsvColumn("title")] string Title,
    [property: CsvColumn("company")] string? Company,
    [property: CsvColumn("contactName")] string? ContactName,
    [property: CsvColumn("contactEmail")] string? ContactEmail,
    [property: CsvColumn("source")] string? Source,
    [property: CsvColumn("estimatedValue")] decimal? EstimatedValue,
    [property: CsvColumn("status")] LeadStatus Status,
    [property: CsvColumn("offerType")] OfferType? OfferType,
    [property: CsvColumn("isArchived")] bool IsArchived,
    [property: CsvColumn("createdAt")] DateTime? CreatedAt,
    [property: CsvColumn("statusChangedAt")] DateTime StatusChangedAt,
    [property: CsvColumn("lastContactAt")] DateTime? LastContactAt,
    [property: CsvColumn("lastRunStatus")] RunStatus? LastRunStatus);

/// <summary>Streams leads for the CSV export: one query, read row by row, never the whole table in memory.</summary>
public sealed class LeadExportService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public async IAsyncEnumerable<LeadCsvRow> LeadsAsync(LeadListQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var filtered = LeadService.Filter(db.Set<Lead>().AsNoTracking(), db.Set<Proposal>(), query, time.GetUtcNow().UtcDateTime);
        // By id unless the caller sorted: the file then lists what the sorted screen shows, in its order.
        var rows = (query.Sort is null ? filtered.OrderBy(l => l.Id) : LeadService.Sort(filtered, query.Sort))
            .Select(l => new LeadCsvRow(l.Id, l.ExternalId, l.Title, l.Company, l.ContactName, l.ContactEmail, l.Source, l.EstimatedValue,
                l.Status, l.OfferType, l.IsArchived, l.CreatedAtEstimated ? (DateTime?)null : l.CreatedAt, l.StatusChangedAt, l.LastContactAt, l.LastRunStatus))
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            yield return row;
        }
    }
}
