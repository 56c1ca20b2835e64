using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// A process-wide lock that a save takes while it is being prepared (<c>SavingChanges</c>) and gives back however it
/// ends: saved, failed or canceled. Who holds it is kept per context, so a save that did not take it never releases
/// it. The SQLite write gate and the audit chain are this lock with different reasons to take it.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The lock lives as long as the process; disposing it at shutdown would fail a save still in flight.")]
internal abstract class SaveScopedLock : SaveChangesInterceptor
{
    private static readonly object Held = new();
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ConditionalWeakTable<DbContext, object> _holders = [];

    /// <summary>Takes the lock outside a save; false when <paramref name="timeoutMs"/> passed first. Give it back with <see cref="Leave"/>.</summary>
    protected Task<bool> TakeAsync(int timeoutMs, CancellationToken ct) => _lock.WaitAsync(timeoutMs, ct);

    protected void Leave() => _lock.Release();

    /// <summary>Takes the lock for <paramref name="db"/>'s save until it ends; false when <paramref name="timeoutMs"/> passed first.</summary>
    protected bool Hold(DbContext db, int timeoutMs)
    {
        if (!_lock.Wait(timeoutMs))
        {
            return false;
        }

        _holders.AddOrUpdate(db, Held);
        return true;
    }

    /// <inheritdoc cref="Hold"/>
    protected async Task<bool> HoldAsync(DbContext db, int timeoutMs, CancellationToken ct)
    {
        if (!await _lock.WaitAsync(timeoutMs, ct))
        {
            return false;
        }

        _holders.AddOrUpdate(db, Held);
        return true;
    }

    /// <summary>Gives the lock back if <paramref name="db"/>'s save holds it.</summary>
    protected void Release(DbContext? db)
    {
        if (db is not null && _holders.Remove(db))
        {
            _lock.Release();
        }
    }

    /// <summary>What a failed or canceled save must undo before the lock is given back (nothing by default).</summary>
    protected virtual void OnSaveFailed(DbContext db)
    {
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Fail(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Fail(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Fail(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Fail(eventData.Context);
        return Task.CompletedTask;
    }

    private void Fail(DbContext? db)
    {
        if (db is not null)
        {
            OnSaveFailed(db);
        }

        Release(db);
    }
}
