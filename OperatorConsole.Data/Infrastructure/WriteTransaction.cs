using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// A unit of work that needs more than one SaveChanges (a new row's id feeds the next write) committed as one:
/// either everything is stored or nothing. On SQLite it also holds the single writer slot of
/// <see cref="SqliteWriteGate"/> for its whole length, so concurrent writers queue in-process instead of
/// colliding on the file lock (and sleeping in SQLite's busy handler).
/// Run it inside the context's execution strategy when the provider retries (SQL Server).
/// </summary>
public sealed class WriteTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction _transaction;
    private SqliteWriteGate? _gate;

    private WriteTransaction(IDbContextTransaction transaction, SqliteWriteGate? gate)
    {
        _transaction = transaction;
        _gate = gate;
    }

    public static async Task<WriteTransaction> BeginAsync(ConsoleDbContext db, CancellationToken ct)
    {
        var gate = db.FindInterceptor<SqliteWriteGate>();
        var entered = gate is not null && await gate.EnterAsync(ct);
        try
        {
            return new WriteTransaction(await db.Database.BeginTransactionAsync(ct), entered ? gate : null);
        }
        catch
        {
            if (entered)
            {
                gate!.Exit();
            }

            throw;
        }
    }

    public Task CommitAsync(CancellationToken ct) => _transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _transaction.DisposeAsync();
        }
        finally
        {
            Interlocked.Exchange(ref _gate, null)?.Exit();
        }
    }
}

public static class AuditedWrites
{
    /// <summary>
    /// Saves what the context holds, then — once new rows have their ids — runs <paramref name="afterIdsAreKnown"/>
    /// (typically <c>db.Audit(…)</c> for the new record) and saves again, all in one <see cref="WriteTransaction"/>:
    /// a record never exists without its audit entry. Returns what <paramref name="afterIdsAreKnown"/> returns.
    /// </summary>
    public static async Task<T> SaveWithAuditAsync<T>(this ConsoleDbContext db, Func<T> afterIdsAreKnown, CancellationToken ct)
    {
        T result = default!;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var write = await WriteTransaction.BeginAsync(db, ct);
            await db.SaveChangesAsync(ct);
            result = afterIdsAreKnown();
            await db.SaveChangesAsync(ct);
            await write.CommitAsync(ct);
        });
        return result;
    }

    /// <inheritdoc cref="SaveWithAuditAsync{T}(ConsoleDbContext, Func{T}, CancellationToken)"/>
    public static Task SaveWithAuditAsync(this ConsoleDbContext db, Action afterIdsAreKnown, CancellationToken ct) =>
        db.SaveWithAuditAsync(() =>
        {
            afterIdsAreKnown();
            return true;
        }, ct);
}
