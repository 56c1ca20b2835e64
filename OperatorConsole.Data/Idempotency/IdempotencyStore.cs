using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Data.Idempotency;

/// <summary>
/// Keeps first responses for Idempotency-Key replays; records older than the retention are pruned.
/// A record whose <see cref="IdempotencyRecord.StatusCode"/> is <see cref="InProgress"/> is a reservation: the
/// key is taken by a request that has not finished yet.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>The status code of a reservation whose request has not answered yet.</summary>
    public const int InProgress = 0;

    public async Task<IdempotencyRecord?> FindAsync(string callerId, string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.CallerId == callerId && r.Key == key, ct);
    }

    /// <summary>
    /// Takes the key before the work starts (the unique index makes it atomic across instances). Null when the
    /// key was already taken; the caller then reads the existing record.
    /// </summary>
    public async Task<IdempotencyRecord?> TryReserveAsync(IdempotencyRequest request, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var record = request.ToRecord(new StoredResponse(InProgress, null, null, []), time.GetUtcNow().UtcDateTime);
        db.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return record;
        }
        catch (DbUpdateException)
        {
            return null;
        }
    }

    /// <summary>Stores the answer of a reserved key (its body left out when it carries a secret).</summary>
    /// <remarks>Saved through SaveChanges, not ExecuteUpdate, so it queues behind the SQLite write gate.</remarks>
    public async Task CompleteAsync(long reservationId, StoredResponse response, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<IdempotencyRecord>().FindAsync([reservationId], ct) is { } record)
        {
            record.StatusCode = response.StatusCode;
            record.ContentType = response.ContentType;
            record.Location = response.Location;
            record.ResponseBody = response.Body;
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>A refused or failed request wrote nothing: its key is freed so a corrected repeat can run.</summary>
    public async Task ReleaseAsync(long reservationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<IdempotencyRecord>().FindAsync([reservationId], ct) is { StatusCode: InProgress } record)
        {
            db.Remove(record);
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Keys are kept at least 24 hours (API.md); twice that before they are removed.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - Retention - Retention;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<IdempotencyRecord>().Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(ct);
    }
}
