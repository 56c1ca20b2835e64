using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Clock;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Data.Failures;

/// <summary>
/// POST /api/failures/acknowledgements body: one item to acknowledge or snooze (<c>until</c> only for a snooze).
/// <c>clock</c> is the clock of the report the decision was made on (default: follow the data): a deal that is stale
/// only against today is found in the "now" report.
/// </summary>
public sealed record AcknowledgeFailureRequest(FailureBucket? Bucket, string? Key, AcknowledgementKind? Kind, string? Reason, DateTime? Until = null, ClockMode? Clock = null);

public sealed record ReopenAcknowledgementRequest(string? Reason = null);

/// <summary>
/// POST /api/failures/acknowledgements/bulk body: every open item of a bucket, a group, or everything, narrowed by
/// the search text <c>q</c> (the same filter as the page), acknowledged or snoozed with one reason; <c>clock</c> as for
/// one item (the bulk decision covers what that report shows).
/// </summary>
public sealed record BulkAcknowledgeRequest(
    FailureBucket? Bucket, FailureGroup? Group, string? Q, AcknowledgementKind? Kind, string? Reason, DateTime? Until = null, ClockMode? Clock = null);

/// <summary>One item a bulk decision covered.</summary>
public sealed record CoveredItem(string Bucket, string Key, string Title);

/// <summary>The result of a bulk decision: its id (the audit entry's record id) and exactly what it covered.</summary>
public sealed record BulkAcknowledgementView(
    string DecisionId, AcknowledgementKind Kind, DateTime? Until, string Reason, string Filter, int Count, IReadOnlyList<CoveredItem> Covered,
    DateTime CreatedAt, string CreatedBy);

public sealed record AcknowledgementRecordView(
    int Id,
    FailureBucket Bucket,
    string Key,
    AcknowledgementKind Kind,
    DateTime? Until,
    string Reason,
    string Title,
    double Level,
    DateTime CreatedAt,
    string CreatedBy,
    DateTime? ReopenedAt,
    string? ReopenedBy,
    string? ReopenReason,
    bool Active);

/// <summary>
/// Acknowledge and snooze, by a signed-in operator only, always with a reason and an audit entry. The badness
/// snapshot is taken from the report as the server sees it now, never from the request.
/// </summary>
public sealed class FailureAcknowledgementService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, FailuresService failures)
{
    public async Task<OperationResult<AcknowledgementRecordView>> AcknowledgeAsync(AcknowledgeFailureRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanDecide)
        {
            return OperationResult<AcknowledgementRecordView>.Forbidden("Only a signed-in operator can acknowledge or snooze a failure.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = AcknowledgementPolicy.Validate(request.Bucket, request.Key, request.Kind, request.Until, request.Reason, now);
        errors.Defined("bucket", request.Bucket).Defined("kind", request.Kind).Defined("clock", request.Clock);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<AcknowledgementRecordView>();
        }

        var report = await failures.GetReportAsync(request.Clock ?? ClockMode.Data, ct);
        var key = request.Key!.Trim();
        var item = report.Items(request.Bucket!.Value).FirstOrDefault(i => string.Equals(i.Key, key, StringComparison.Ordinal));
        if (item is null)
        {
            return OperationResult<AcknowledgementRecordView>.Invalid("key", $"Nothing in {request.Bucket.Value.Code()} has the key '{key}' now (it may have been fixed).");
        }

        if (item.Acknowledgement is not null)
        {
            return OperationResult<AcknowledgementRecordView>.Conflict(
                $"Already {(item.Acknowledgement.Kind == AcknowledgementKind.Snooze ? "snoozed" : "acknowledged")} by {item.Acknowledgement.By}; reopen it first (acknowledgement {item.Acknowledgement.Id}).");
        }

        var ack = NewAcknowledgement(item, request.Kind!.Value, request.Kind == AcknowledgementKind.Snooze ? request.Until!.Value.ToUniversalTime() : null,
            request.Reason!.Trim(), actor, now, null);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Add(ack);
        await db.SaveChangesAsync(ct);
        var action = ack.Kind == AcknowledgementKind.Snooze ? "failure.snoozed" : "failure.acknowledged";
        var summary = ack.Kind == AcknowledgementKind.Snooze
            ? $"Snoozed until {ack.Until:yyyy-MM-dd HH:mm} UTC: {ack.Title}"
            : $"Acknowledged: {ack.Title}";
        db.Audit(actor, now, action, "failure", $"{ack.Bucket.Code()}/{ack.RecordKey}", summary, ack.Reason,
            after: new { ack.Id, Bucket = ack.Bucket.Code(), ack.RecordKey, ack.Kind, ack.Until, ack.Title, ack.Episode, ack.Level, ack.Step });
        await db.SaveChangesAsync(ct);
        return OperationResult<AcknowledgementRecordView>.Created(ToView(ack, now));
    }

    /// <summary>
    /// Acknowledges or snoozes every open item the filter selects right now, as ONE decision: one reason, one audit
    /// entry listing what it covered, one row per item (so each comes back on its own when it gets worse). Items
    /// already acknowledged and items outside the filter are left exactly as they are.
    /// </summary>
    public async Task<OperationResult<BulkAcknowledgementView>> AcknowledgeManyAsync(BulkAcknowledgeRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanDecide)
        {
            return OperationResult<BulkAcknowledgementView>.Forbidden("Only a signed-in operator can acknowledge or snooze failures.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var errors = AcknowledgementPolicy.Validate(request.Bucket ?? FailureBucket.FailedRuns, "bulk", request.Kind, request.Until, request.Reason, now);
        errors.Defined("bucket", request.Bucket).Defined("group", request.Group).Defined("kind", request.Kind).Defined("clock", request.Clock).MaxLength("q", request.Q, FailureFilter.QueryMax);
        if (request.Bucket is { } b && request.Group is { } g && b.Group() != g)
        {
            errors.Add("group", $"Bucket {b.Code()} is not in group {g.Code()}.");
        }

        if (!errors.IsEmpty)
        {
            return errors.ToResult<BulkAcknowledgementView>();
        }

        var filter = new FailureFilter(request.Bucket, request.Group, string.IsNullOrWhiteSpace(request.Q) ? null : request.Q.Trim());
        var report = await failures.GetReportAsync(request.Clock ?? ClockMode.Data, ct);
        var items = filter.OpenItems(report).ToList();
        if (items.Count == 0)
        {
            return OperationResult<BulkAcknowledgementView>.Invalid("q", $"Nothing open matches {filter.Describe()}: there is nothing to acknowledge.");
        }

        var decisionId = "bulk-" + Guid.NewGuid().ToString("N")[..16];
        var until = request.Kind == AcknowledgementKind.Snooze ? request.Until!.Value.ToUniversalTime() : (DateTime?)null;
        var reason = request.Reason!.Trim();
        var rows = items.Select(item => NewAcknowledgement(item, request.Kind!.Value, until, reason, actor, now, decisionId)).ToList();
        var covered = rows.Select(a => new CoveredItem(a.Bucket.Code(), a.RecordKey, a.Title)).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AddRange(rows);
        var verb = request.Kind == AcknowledgementKind.Snooze ? $"Snoozed until {until:yyyy-MM-dd HH:mm} UTC" : "Acknowledged";
        db.Audit(actor, now, request.Kind == AcknowledgementKind.Snooze ? "failure.bulk_snoozed" : "failure.bulk_acknowledged", "failure_decision", decisionId,
            Truncate($"{verb}: {covered.Count} items ({filter.Describe()})", 1000), reason,
            after: new { Filter = filter.Describe(), request.Bucket, request.Group, request.Q, request.Kind, Clock = request.Clock ?? ClockMode.Data, Until = until, Count = covered.Count, Covered = covered });
        await db.SaveChangesAsync(ct);
        return OperationResult<BulkAcknowledgementView>.Created(new BulkAcknowledgementView(
            decisionId, request.Kind!.Value, until, reason, filter.Describe(), covered.Count, covered, now, actor.DisplayName));
    }

    private static FailureAcknowledgement NewAcknowledgement(
        IFailureItem item, AcknowledgementKind kind, DateTime? until, string reason, Actor actor, DateTime now, string? decisionId)
    {
        var badness = item.GetBadness();
        return new FailureAcknowledgement
        {
            Bucket = item.GetBucket(),
            RecordKey = item.Key,
            Kind = kind,
            Until = until,
            Reason = reason,
            Title = Truncate(item.Describe(), 500),
            Episode = Truncate(badness.Episode, 2200),
            Level = badness.Level,
            Step = badness.Step,
            CreatedAt = now,
            CreatedByKind = actor.Kind,
            CreatedById = actor.Id,
            CreatedByName = actor.DisplayName,
            DecisionId = decisionId,
        };
    }

    /// <summary>Ends an acknowledgement or snooze early: the item is counted again at once.</summary>
    public async Task<OperationResult<AcknowledgementRecordView>> ReopenAsync(int id, ReopenAcknowledgementRequest request, Actor actor, CancellationToken ct = default)
    {
        if (!actor.CanDecide)
        {
            return OperationResult<AcknowledgementRecordView>.Forbidden("Only a signed-in operator can reopen a failure.");
        }

        var errors = new ValidationErrors().MaxLength("reason", request.Reason, AcknowledgementPolicy.ReasonMax);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<AcknowledgementRecordView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ack = await db.Set<FailureAcknowledgement>().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (ack is null)
        {
            return OperationResult<AcknowledgementRecordView>.NotFound($"Acknowledgement {id} does not exist.");
        }

        if (ack.ReopenedAt is not null)
        {
            return OperationResult<AcknowledgementRecordView>.Conflict($"Acknowledgement {id} was already reopened by {ack.ReopenedByName}.");
        }

        ack.ReopenedAt = now;
        ack.ReopenedById = actor.Id;
        ack.ReopenedByName = actor.DisplayName;
        ack.ReopenReason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        db.Audit(actor, now, "failure.reopened", "failure", $"{ack.Bucket.Code()}/{ack.RecordKey}", $"Reopened: {ack.Title}", ack.ReopenReason,
            before: new { ack.Id, ack.Kind, ack.Until, ack.Reason });
        await db.SaveChangesAsync(ct);
        return OperationResult<AcknowledgementRecordView>.Ok(ToView(ack, now));
    }

    public async Task<PagedList<AcknowledgementRecordView>> ListAsync(bool activeOnly, int? page, int? pageSize, string? decisionId = null, CancellationToken ct = default)
    {
        var paging = PageRequest.From(page, pageSize);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<FailureAcknowledgement>().AsNoTracking();
        if (activeOnly)
        {
            query = query.Where(a => a.ReopenedAt == null && (a.Until == null || a.Until > now));
        }

        if (!string.IsNullOrWhiteSpace(decisionId))
        {
            query = query.Where(a => a.DecisionId == decisionId);
        }

        var total = await query.CountAsync(ct);
        var rows = await query.OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.Id).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(ct);
        return new PagedList<AcknowledgementRecordView>(rows.Select(a => ToView(a, now)).ToList(), total, paging.Page, paging.PageSize);
    }

    private static AcknowledgementRecordView ToView(FailureAcknowledgement a, DateTime now) => new(
        a.Id, a.Bucket, a.RecordKey, a.Kind, a.Until, a.Reason, a.Title, a.Level, a.CreatedAt, a.CreatedByName, a.ReopenedAt, a.ReopenedByName, a.ReopenReason,
        a.ReopenedAt is null && (a.Until is null || a.Until > now));

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
