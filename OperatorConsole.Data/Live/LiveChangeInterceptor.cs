using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Leads;

namespace OperatorConsole.Data.Live;

/// <summary>
/// Publishes every successful SaveChanges as console changes. Writes from the API, the UI, the importer
/// and the seeder all pass through here, so no write path can forget to tell the open dashboards.
/// A SaveChanges inside an explicit transaction is published when that transaction commits (and never if it
/// rolls back): a screen told earlier would reload before the data is visible to it, and miss it.
/// </summary>
internal sealed class LiveChangeInterceptor(IConsoleChangeSink sink) : SaveChangesInterceptor, IDbTransactionInterceptor
{
    // Entries are captured before saving (afterwards they are Unchanged) and read after (ids are known).
    private readonly ConditionalWeakTable<DbContext, List<Pending>> _pending = new();

    // Changes saved inside an explicit transaction, waiting for its commit.
    private readonly ConditionalWeakTable<DbTransaction, List<ConsoleChange>> _uncommitted = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Flush(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(
        SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Flush(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is not null)
        {
            _pending.Remove(eventData.Context);
        }
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var entities = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .Select(e => new Pending(e.Entity, TopicOf(e)))
            .ToList();
        _pending.AddOrUpdate(context, entities);
    }

    /// <summary>
    /// The entity's type name, except for a lead whose only modified columns are its derived activity (see
    /// <see cref="Lead.ActivityTopic"/>): recording a run or a touch then does not reload every screen about leads.
    /// </summary>
    internal static string TopicOf(EntityEntry entry)
    {
        if (entry is { Entity: Lead, State: EntityState.Modified }
            && entry.Properties.Where(p => p.IsModified).All(p => Lead.ActivityProperties.Contains(p.Metadata.Name)))
        {
            return Lead.ActivityTopic;
        }

        return entry.Entity.GetType().Name;
    }

    private sealed record Pending(object Entity, string Topic);

    private void Flush(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var entities))
        {
            return;
        }

        _pending.Remove(context);
        if (entities.Count == 0)
        {
            return;
        }

        Saved(context, entities.Select(e => new ConsoleChange(e.Topic, IdOf(context, e.Entity))).Distinct().ToList());
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => PublishCommitted(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        PublishCommitted(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => _uncommitted.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        _uncommitted.Remove(transaction);
        return Task.CompletedTask;
    }

    private void PublishCommitted(DbTransaction transaction)
    {
        if (_uncommitted.TryGetValue(transaction, out var changes))
        {
            _uncommitted.Remove(transaction);
            if (changes.Count > 0)
            {
                sink.Publish(changes.Distinct().ToList());
            }
        }
    }

    /// <summary>
    /// Rows written on <paramref name="context"/>'s connection without SaveChanges (<see cref="Infrastructure.PreparedWrites"/>):
    /// published like saved ones, with the transaction's other changes when it commits.
    /// </summary>
    internal static void SavedOutsideSaveChanges(DbContext context, IReadOnlyList<ConsoleChange> changes)
    {
        context.FindInterceptor<LiveChangeInterceptor>()?.Saved(context, changes);
    }

    private void Saved(DbContext context, IReadOnlyList<ConsoleChange> changes)
    {
        if (changes.Count == 0)
        {
            return;
        }

        if (context.Database.CurrentTransaction?.GetDbTransaction() is { } transaction)
        {
            _uncommitted.GetValue(transaction, _ => []).AddRange(changes);
            return;
        }

        sink.Publish(changes.Distinct().ToList());
    }

    private static string? IdOf(DbContext context, object entity)
    {
        var key = context.Entry(entity).Metadata.FindPrimaryKey();
        if (key is null || key.Properties.Count != 1)
        {
            return null;
        }

        return context.Entry(entity).Property(key.Properties[0].Name).CurrentValue?.ToString();
    }
}
