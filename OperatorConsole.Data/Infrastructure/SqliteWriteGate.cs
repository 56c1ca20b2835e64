using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// SQLite allows one writer at a time. Without this gate, concurrent SaveChanges calls collide on the file lock
/// and SQLite's busy handler makes the losers sleep (1, 2, 5, 10… up to 100 ms per retry) even when the lock
/// is free again microseconds later; under 32 concurrent writers that sleeping, not the writing, is what bounds
/// throughput. Queuing writers in-process hands the lock over immediately instead.
/// The wait is bounded by the busy timeout: if the file is held by someone else (another process, a backup),
/// the caller proceeds to SQLite's own busy handling and gets the same "busy" error (→ 503) as before.
/// SaveChanges inside an explicit transaction bypasses the gate (the transaction may already hold the file lock,
/// and waiting here for a writer that waits for us would deadlock); <see cref="WriteTransaction"/> takes the
/// gate for the whole transaction instead.
/// </summary>
internal sealed class SqliteWriteGate(int busyTimeoutMs) : SaveScopedLock
{
    /// <summary>Takes the writer slot for a whole transaction; false when the wait timed out (SQLite decides then).</summary>
    public Task<bool> EnterAsync(CancellationToken ct) => TakeAsync(busyTimeoutMs, ct);

    public void Exit() => Leave();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            Hold(db, busyTimeoutMs);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && db.Database.CurrentTransaction is null)
        {
            await HoldAsync(db, busyTimeoutMs, cancellationToken);
        }

        return result;
    }
}
