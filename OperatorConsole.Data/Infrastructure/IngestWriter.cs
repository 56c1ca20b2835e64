using System.Data.Common;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using OperatorConsole.Data.Idempotency;
using OperatorConsole.Domain.Common;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// Group commit for agent ingest (runs, touches, heartbeats). Each write used to be its own transaction behind
/// the SQLite write gate, so 32 agents paid 32 commits (and 32 live publishes) where one would do. Here every
/// write is queued to one writer that takes whatever is waiting (up to <see cref="MaxBatch"/>), runs the items
/// in arrival order inside one transaction and commits once; the interceptor then publishes the batch's changes
/// once. A caller's task completes only after its batch committed, so nothing acknowledged can be lost.
/// Isolation: each item runs under its own savepoint; an item that is refused (a failed
/// <see cref="OperationResult{T}"/>) or throws is rolled back to it and answers only its own caller. A database
/// fault (busy, locked, full — anything but a constraint) fails the whole batch: nothing in it was stored.
/// There is no timer: while one batch commits the next one gathers, so a lone write is never delayed.
/// </summary>
public sealed class IngestWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;
    private const string Savepoint = "ingest_item";

    private readonly IDbContextFactory<ConsoleDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestWriter> _logger;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _batches;
    private long _items;

    public IngestWriter(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, ILogger<IngestWriter> logger)
    {
        _dbFactory = dbFactory;
        _time = time;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Committed batches so far (tests and benchmarks read it).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items that went through a committed batch so far.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>
    /// Queues <paramref name="work"/> (which adds or changes entities on the batch's context and may save it to
    /// learn new ids) and completes when its batch has committed. The work must not commit or open a transaction;
    /// it may be run again if the provider retries the batch. <paramref name="ct"/> only cancels a write that has
    /// not started; once in a batch it runs to its end, as the other items share its transaction.
    /// </summary>
    public Task<OperationResult<T>> WriteAsync<T>(Func<ConsoleDbContext, CancellationToken, Task<OperationResult<T>>> work, CancellationToken ct = default)
    {
        var item = new Item<T>(work, IdempotencyScope.Current, ct);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("The console is shutting down; the write was not queued.");
        }

        return item.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Item>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var item))
            {
                if (item.Cancellation.IsCancellationRequested)
                {
                    item.Cancel();
                }
                else
                {
                    batch.Add(item);
                }
            }

            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                batch.Clear();
            }
        }
    }

    private async Task CommitAsync(List<Item> batch)
    {
        var failures = new Dictionary<Item, Exception>();
        try
        {
            await using var db = await _dbFactory.CreateDbContextAsync();
            db.Database.AutoSavepointsEnabled = false;
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                failures.Clear();
                batch.ForEach(i => i.Reset());
                db.ChangeTracker.Clear();
                await using var write = await WriteTransaction.BeginAsync(db, CancellationToken.None);
                var now = _time.GetUtcNow().UtcDateTime;
                foreach (var item in batch)
                {
                    if (await RunIsolatedAsync(db, item, now) is { } failure)
                    {
                        failures[item] = failure;
                    }
                }

                await write.CommitAsync(CancellationToken.None);
            });
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "An ingest batch of {Count} writes failed; none of it was stored", batch.Count);
            batch.ForEach(i => i.Fail(ex));
            return;
        }

        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _items, batch.Count);
        foreach (var item in batch)
        {
            if (failures.TryGetValue(item, out var failure))
            {
                item.Fail(failure);
            }
            else
            {
                item.Complete();
            }
        }
    }

    /// <summary>Runs one item under a savepoint; its own fault is returned, a database fault ends the batch.</summary>
    private static async Task<Exception?> RunIsolatedAsync(ConsoleDbContext db, Item item, DateTime now)
    {
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync(Savepoint);
        try
        {
            if (await item.RunAsync(db, now))
            {
                await transaction.ReleaseSavepointAsync(Savepoint);
            }
            else
            {
                await transaction.RollbackToSavepointAsync(Savepoint);
            }

            return null;
        }
        catch (Exception ex) when (IsItemFault(ex))
        {
            await transaction.RollbackToSavepointAsync(Savepoint);
            return ex;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Anything but the database itself failing: a broken rule, a constraint, a bug in one item.</summary>
    private static bool IsItemFault(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Microsoft.Data.Sqlite.SqliteException sqlite:
                    return sqlite.SqliteErrorCode == 19; // SQLITE_CONSTRAINT
                case Microsoft.Data.SqlClient.SqlException sql:
                    return sql.Number is 2627 or 2601 or 547 or 515; // unique, FK, NOT NULL
                case DbException:
                    return false;
            }
        }

        return exception is not (OperationCanceledException or TimeoutException);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private abstract class Item(CancellationToken cancellation)
    {
        public CancellationToken Cancellation { get; } = cancellation;

        /// <summary>True when the item's changes are kept; false when it was refused (rolled back).</summary>
        public abstract Task<bool> RunAsync(ConsoleDbContext db, DateTime now);

        public abstract void Reset();

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    private sealed class Item<T>(Func<ConsoleDbContext, CancellationToken, Task<OperationResult<T>>> work, IdempotencyScope? idempotency, CancellationToken ct)
        : Item(ct)
    {
        private readonly TaskCompletionSource<OperationResult<T>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private OperationResult<T>? _result;
        private bool _answersKey;

        public Task<OperationResult<T>> Task => _done.Task;

        public override async Task<bool> RunAsync(ConsoleDbContext db, DateTime now)
        {
            _result = await work(db, CancellationToken.None);
            if (!_result.Succeeded)
            {
                return false;
            }

            // Most items saved their own changes already (to learn an id); an empty save still costs change
            // detection and every interceptor, so it is skipped.
            if (db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }

            // The stored response rides in the same transaction as the record it describes.
            if (idempotency is not null && idempotency.TryClaim())
            {
                _answersKey = true;
                db.Add(idempotency.ToRecord(idempotency.Render(_result.Value), now));
                try
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                }
                catch (DbUpdateException ex)
                {
                    throw new IdempotencyKeyTakenException($"Idempotency-Key '{idempotency.Key}' was stored by another request first.", ex);
                }
            }

            return true;
        }

        public override void Reset()
        {
            _result = null;
            if (_answersKey)
            {
                idempotency!.Unclaim();
                _answersKey = false;
            }
        }

        public override void Complete()
        {
            if (_answersKey)
            {
                idempotency!.MarkStored();
            }

            _done.TrySetResult(_result!);
        }

        public override void Fail(Exception exception)
        {
            Reset();
            _done.TrySetException(exception);
        }

        public override void Cancel() => _done.TrySetCanceled(Cancellation);
    }
}
