using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.Audit;

public sealed record AuditEntryView(
    long Id, DateTime At, ActorKind ActorKind, string ActorId, string ActorName, string Action, string RecordType, string RecordId,
    string? Summary, string? Reason, string? Before, string? After);

public sealed record AuditQuery(
    string? Actor = null, string? RecordType = null, string? RecordId = null, string? Action = null,
    DateTime? From = null, DateTime? To = null, int? Page = null, int? PageSize = null);

/// <summary>Reads the audit log. There is deliberately no write method besides <see cref="AuditLog.Audit"/>.</summary>
public sealed class AuditQueryService(IDbContextFactory<ConsoleDbContext> dbFactory)
{
    public async Task<PagedList<AuditEntryView>> ListAsync(AuditQuery query, CancellationToken ct = default)
    {
        var paging = PageRequest.From(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = Filter(db.AuditEntries.AsNoTracking(), query);
        var total = await entries.CountAsync(ct);
        var items = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(paging.Skip).Take(paging.PageSize).Select(Projection).ToListAsync(ct);
        return new PagedList<AuditEntryView>(items, total, paging.Page, paging.PageSize);
    }

    /// <summary>Every matching entry, oldest first, streamed (CSV export).</summary>
    public async IAsyncEnumerable<AuditEntryView> StreamAsync(AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await foreach (var entry in Filter(db.AuditEntries.AsNoTracking(), query).OrderBy(e => e.Id).Select(Projection).AsAsyncEnumerable().WithCancellation(ct))
        {
            yield return entry;
        }
    }

    private static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> entries, AuditQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var pattern = LikePattern.Contains(query.Actor);
            entries = entries.Where(e => e.ActorId == query.Actor || EF.Functions.Like(e.ActorName, pattern, LikePattern.Escape));
        }

        if (!string.IsNullOrWhiteSpace(query.RecordType))
        {
            entries = entries.Where(e => e.RecordType == query.RecordType);
        }

        if (!string.IsNullOrWhiteSpace(query.RecordId))
        {
            entries = entries.Where(e => e.RecordId == query.RecordId);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var pattern = query.Action.Trim() + "%";
            entries = entries.Where(e => EF.Functions.Like(e.Action, pattern));
        }

        if (query.From is { } from)
        {
            var f = from.ToUniversalTime();
            entries = entries.Where(e => e.At >= f);
        }

        if (query.To is { } to)
        {
            var t = to.ToUniversalTime();
            entries = entries.Where(e => e.At <= t);
        }

        return entries;
    }

    private static readonly System.Linq.Expressions.Expression<Func<AuditEntry, AuditEntryView>> Projection = e => new AuditEntryView(
        e.Id, e.At, e.ActorKind, e.ActorId, e.ActorName, e.Action, e.RecordType, e.RecordId, e.Summary, e.Reason, e.Before, e.After);
}
