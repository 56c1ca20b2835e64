using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Audit;

namespace OperatorConsole.Data.Audit;

/// <summary>
/// Seals every new audit entry into the hash chain as it is saved. Saves that add entries are serialised here
/// (read the head, link, commit) so two writers cannot link to the same head; if they ever did (another
/// instance on SQL Server), the unique index on PreviousHash refuses the second rather than fork the chain.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The lock lives as long as the process; disposing it at shutdown would fail a save still in flight.")]
internal sealed class AuditChainInterceptor : SaveChangesInterceptor
{
    private static readonly object Held = new();
    private readonly SemaphoreSlim _chain = new(1, 1);
    private readonly ConditionalWeakTable<DbContext, object> _holders = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not ConsoleDbContext db)
        {
            return result;
        }

        var added = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added && e.Entity.Hash is null).Select(e => e.Entity).ToList();
        if (added.Count == 0)
        {
            return result;
        }

        await _chain.WaitAsync(cancellationToken);
        _holders.AddOrUpdate(db, Held);
        try
        {
            var previous = await AuditChain.HeadAsync(db, cancellationToken);
            foreach (var entry in added)
            {
                entry.PreviousHash = previous;
                entry.Hash = AuditChain.Hash(previous, entry);
                previous = entry.Hash;
            }
        }
        catch
        {
            Release(db);
            throw;
        }

        return result;
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

    /// <summary>A failed save is retried by some callers: unlink its entries so the retry links to the head of that moment.</summary>
    private void Fail(DbContext? db)
    {
        if (db is not null)
        {
            foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added))
            {
                entry.Entity.Hash = null;
                entry.Entity.PreviousHash = null;
            }
        }

        Release(db);
    }

    private void Release(DbContext? db)
    {
        if (db is not null && _holders.Remove(db))
        {
            _chain.Release();
        }
    }
}
