using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OperatorConsole.Data.Live;

/// <summary>
/// Publishes every successful SaveChanges as console changes. Writes from the API, the UI, the importer
/// and the seeder all pass through here, so no write path can forget to tell the open dashboards.
/// </summary>
internal sealed class LiveChangeInterceptor(IConsoleChangeSink sink) : SaveChangesInterceptor
{
    // Entries are captured before saving (afterwards they are Unchanged) and read after (ids are known).
    private readonly ConditionalWeakTable<DbContext, List<object>> _pending = new();

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
            .Select(e => e.Entity)
            .ToList();
        _pending.AddOrUpdate(context, entities);
    }

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

        var changes = entities
            .Select(e => new ConsoleChange(e.GetType().Name, IdOf(context, e)))
            .Distinct()
            .ToList();
        sink.Publish(changes);
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
