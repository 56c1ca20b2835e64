using System.Runtime.CompilerServices;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Teams;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Proposals;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Leads;

/// <summary>
/// One exported lead. Column names are the lead fields of the import mapping, so an exported file imports back
/// without touching the mapping (the round trip the tests check). A lead whose source gave no creation date exports an
/// empty <c>createdAt</c>, as it came in, rather than the stand-in date it is sorted by. A decided deal carries what it
/// was won for (<c>wonValue</c>, the rule of every won total) and when it was decided (<c>closedAt</c>), so a
/// re-imported deal is won for the same amount in the same month; without them every won deal came back won for its
/// estimate on the day it was created. <c>expectedCloseOn</c> is the day a deal is expected to close (ADR 245).
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
    [property: CsvColumn("lastRunStatus")] RunStatus? LastRunStatus,
    [property: CsvColumn("wonValue")] decimal? WonValue,
    [property: CsvColumn("closedAt")] DateTime? ClosedAt,
    [property: CsvColumn("expectedCloseOn")] DateOnly? ExpectedCloseOn);

/// <summary>Streams leads for the CSV export: one query, read row by row, never the whole table in memory.</summary>
public sealed class LeadExportService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public async IAsyncEnumerable<LeadCsvRow> LeadsAsync(LeadListQuery query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var teamOwners = await TeamOwners.OfAsync(db, query, ct);
        await foreach (var row in Rows(db, query, time.GetUtcNow().UtcDateTime, teamOwners).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return row;
        }
    }

    /// <summary>The file's rows as one query (the SQL Server translation is checked without a server).</summary>
    public static IQueryable<LeadCsvRow> Rows(ConsoleDbContext db, LeadListQuery query, DateTime now, IReadOnlyList<string>? teamOwners = null)
    {
        var proposals = db.Set<Proposal>();
        var filtered = LeadService.Filter(db.Set<Lead>().AsNoTracking(), proposals, query, now, teamOwners);
        // By id unless the caller sorted: the file then lists what the sorted screen shows, in its order.
        var sorted = query.Sort is null ? filtered.OrderBy(l => l.Id) : LeadService.Sort(filtered, proposals, query.Sort);
        // Decided when its last won or lost proposal was; else when it was first a client's, or when it was lost. Both
        // read once per deal and joined (a lookup per deal scanned the outcome index for each).
        var decided = proposals.Where(p => p.Outcome == ProposalOutcome.Won || p.Outcome == ProposalOutcome.Lost).GroupBy(p => p.LeadId)
            .Select(g => new { LeadId = g.Key, At = g.Max(p => p.OutcomeAt) });
        var becameClient = db.Set<LeadStatusChange>()
            .Where(h => h.ToStatus == LeadStatus.Approved || h.ToStatus == LeadStatus.Building || h.ToStatus == LeadStatus.Shipped).GroupBy(h => h.LeadId)
            .Select(g => new { LeadId = g.Key, At = g.Min(h => (DateTime?)h.ChangedAt) });
        return from w in LeadService.WithWonValue(sorted, proposals)
               join d in decided on w.Lead.Id equals d.LeadId into ds
               from d in ds.DefaultIfEmpty()
               join c in becameClient on w.Lead.Id equals c.LeadId into cs
               from c in cs.DefaultIfEmpty()
               let l = w.Lead
               let decidedAt = d.At
               let clientAt = c.At
               select new LeadCsvRow(l.Id, l.ExternalId, l.Title, l.Company, l.ContactName, l.ContactEmail, l.Source, l.EstimatedValue, l.Status, l.OfferType,
                   l.IsArchived, l.CreatedAtEstimated ? (DateTime?)null : l.CreatedAt, l.StatusChangedAt, l.LastContactAt, l.LastRunStatus, w.WonValue,
                   w.WonValue == null && l.Status != LeadStatus.Lost ? null
                       : decidedAt ?? (l.Status == LeadStatus.Lost ? l.StatusChangedAt : clientAt),
                   l.ExpectedCloseOn);
    }
}
