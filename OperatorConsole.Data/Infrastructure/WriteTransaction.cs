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
        var gate = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<SqliteWriteGate>().FirstOrDefault();
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
