using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Data.Idempotency;

/// <summary>Keeps first responses for Idempotency-Key replays; records older than the retention are pruned.</summary>
public sealed class IdempotencyStore(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    public async Task<IdempotencyRecord?> FindAsync(string callerId, string key, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<IdempotencyRecord>().AsNoTracking().FirstOrDefaultAsync(r => r.CallerId == callerId && r.Key == key, ct);
    }

    /// <summary>False when another request with the same key won the race; the caller then replays that one.</summary>
    public async Task<bool> TrySaveAsync(IdempotencyRecord record, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        record.CreatedAt = time.GetUtcNow().UtcDateTime;
        db.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            return false;
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
