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
internal sealed class AuditChainInterceptor : SaveScopedLock
{
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

        await HoldAsync(db, Timeout.Infinite, cancellationToken);
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

    /// <summary>A failed save is retried by some callers: unlink its entries so the retry links to the head of that moment.</summary>
    protected override void OnSaveFailed(DbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added))
        {
            entry.Entity.Hash = null;
            entry.Entity.PreviousHash = null;
        }
    }
}
