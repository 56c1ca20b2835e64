using System.Data.Common;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using OperatorConsole.Data.Idempotency;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Integrations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Runs;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// What an ingest item decided (see <see cref="IngestWriter"/>): its answer now, or an answer rendered once the
/// batch's changes are saved and new rows have their ids.
/// </summary>
public sealed class IngestStep<T>
{
    private IngestStep(OperationResult<T>? answer, Func<OperationResult<T>>? render)
    {
        Answer = answer;
        Render = render;
    }

    internal OperationResult<T>? Answer { get; }

    internal Func<OperationResult<T>>? Render { get; }

    internal static IngestStep<T> Now(OperationResult<T> answer) => new(answer, null);

    internal static IngestStep<T> AfterSave(Func<OperationResult<T>> render) => new(null, render);
}

/// <summary>Builds <see cref="IngestStep{T}"/>s.</summary>
public static class IngestStep
{
    /// <summary>
    /// The answer is known now. A failed one refuses the item; it must be returned before the work changed
    /// anything. A refusal after adding or removing entities is detected (its batch falls back to savepoints); one
    /// after changing a row the context already tracked is not (that change would be saved with the batch).
    /// </summary>
    public static IngestStep<T> Answer<T>(OperationResult<T> answer) => IngestStep<T>.Now(answer);

    /// <summary>
    /// The work's changes are made; <paramref name="render"/> runs once the batch's new rows are stored and have their
    /// ids, in arrival order, and may change tracked entities further (e.g. store the new id on another row); those
    /// changes are saved with the batch.
    /// </summary>
    public static IngestStep<T> AfterSave<T>(Func<OperationResult<T>> render) => IngestStep<T>.AfterSave(render);
}

/// <summary>
/// Rows an ingest item will read by key. Before running a batch's items the writer loads those rows for the whole
/// batch (one query per kind of row instead of one per item), so the items find them tracked; an integration name
/// loaded and not found is known to be absent for the batch (<see cref="IngestWriter.IsKnownAbsent"/>).
/// </summary>
public readonly record struct IngestReads(int? LeadId = null, string? IntegrationName = null);

/// <summary>
/// Group commit for agent ingest (runs, touches, heartbeats). Each write used to be its own transaction behind
/// the SQLite write gate, so 32 agents paid 32 commits (and 32 live publishes) where one would do. Here every
/// write is queued to one writer that takes whatever is waiting (up to <see cref="MaxBatch"/>), runs the items
/// in arrival order on one context inside one transaction and commits once; the interceptor then publishes the
/// batch's changes once. A caller's task completes only after its batch committed, so nothing acknowledged can
/// be lost. There is no timer: while one batch commits the next one gathers, so a lone write is never delayed.
/// <para>The fast path stores the whole batch at once. First the new rows get their ids: on SQLite runs, steps and
/// touches by prepared INSERTs (ADR 204), anything else by a SaveChanges. Then the answers are rendered
/// (<see cref="IngestStep.AfterSave{T}"/>), and the rest is stored: on SQLite the leads and integrations the items and
/// their answers changed by prepared UPDATEs (ADR 205), then one SaveChanges for whatever is left (the stored
/// idempotent responses, other kinds; everything on SQL Server). Change detection runs once per save, not per item
/// (the context does not detect changes automatically meanwhile). Within a batch an item sees the earlier items' entities
/// through the context (tracked, not yet saved): look rows up with <c>FindAsync</c> or the change tracker first.
/// Rows the items declare (<see cref="IngestReads"/>) are loaded for the whole batch before its items run.</para>
/// <para>Isolation: if an item throws, refuses after adding or removing entities, or the batch's SaveChanges hits an item
/// fault (a constraint, e.g. two requests storing one idempotency key), the batch is rolled back and run again
/// item by item, each under its own savepoint and with its own SaveChanges (the slow path, as before): an item
/// that is refused (a failed <see cref="OperationResult{T}"/>) or throws is rolled back to its savepoint and
/// answers only its own caller. A database fault (busy, locked, full — anything but a constraint) fails the whole
/// batch: nothing in it was stored.</para>
/// </summary>
public sealed class IngestWriter : IAsyncDisposable
{
    public const int MaxBatch = 256;

    /// <summary>The writer's meter: <c>dotnet-counters monitor -n OperatorConsole.Web --counters OperatorConsole.Ingest</c>.</summary>
    public const string MeterName = "OperatorConsole.Ingest";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>(
        "operator_console.ingest.batch_size", "{write}", "Writes committed together in one ingest batch");
    private static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>(
        "operator_console.ingest.batch_duration", "ms", "From taking a batch to its commit (the writer is busy meanwhile)");
    private static readonly Counter<long> IsolatedBatchCount = Meter.CreateCounter<long>(
        "operator_console.ingest.isolated_batches", "{batch}", "Batches run item by item under savepoints (an item failed or refused after changing something)");
    private static readonly Counter<long> PreparedRowCount = Meter.CreateCounter<long>(
        "operator_console.ingest.prepared_rows", "{row}", "Rows inserted or updated by prepared statements instead of SaveChanges (SQLite fast path)");
    private const string ItemSavepoint = "ingest_item";
    private const string BatchSavepoint = "ingest_batch";

    // Inserted by prepared statements on the fast path (SQLite), in this order: a parent before its children.
    private static readonly Type[] PreparedInsertKinds = [typeof(PipelineRun), typeof(PipelineRunStep), typeof(Touch)];

    // Updated by prepared statements on the fast path (SQLite): what runs, touches and heartbeats change.
    private static readonly Type[] PreparedUpdateKinds = [typeof(Lead), typeof(IntegrationHealth)];

    // Integration names the running batch loaded and did not find (only while its items run on the fast path).
    private static readonly ConditionalWeakTable<DbContext, HashSet<string>> AbsentIntegrations = [];

    private readonly IDbContextFactory<ConsoleDbContext> _dbFactory;
    private readonly TimeProvider _time;
    private readonly ILogger<IngestWriter> _logger;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });

    // The writer's loop and its items' awaits run on this one thread (ADR 206): as a thread-pool work item, the serial
    // step of every agent write waited in the pool's queue behind the requests it was about to answer.
    private readonly Nito.AsyncEx.AsyncContextThread _thread = new();
    private readonly Task _loop;
    private long _batches;
    private long _items;
    private long _isolatedBatches;
    private long _preparedRows;

    // The provider is the process's; asking EF each time costs an assembly-name lookup (measured in the profile).
    private bool? _onSqlite;

    // Compiled once per writer: building each query's expression and looking it up in EF's query cache was about a
    // quarter of the preload's time in a profile of the ingest bench; what is left is running the query and tracking
    // the rows. Not static: a compiled query serves one model, and the writer is its host's (tests run many hosts).
    private readonly Func<ConsoleDbContext, int[], IAsyncEnumerable<Lead>> _leadsById =
        EF.CompileAsyncQuery((ConsoleDbContext db, int[] ids) => db.Set<Lead>().Where(l => ids.Contains(l.Id)));

    private readonly Func<ConsoleDbContext, string[], IAsyncEnumerable<IntegrationHealth>> _integrationsByName =
        EF.CompileAsyncQuery((ConsoleDbContext db, string[] names) => db.Set<IntegrationHealth>().Where(i => names.Contains(i.Name)));

    public IngestWriter(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, ILogger<IngestWriter> logger)
    {
        _dbFactory = dbFactory;
        _time = time;
        _logger = logger;
        _loop = _thread.Factory.StartNew(RunAsync).Unwrap();
    }

    /// <summary>Committed batches so far (tests and benchmarks read it).</summary>
    public long Batches => Interlocked.Read(ref _batches);

    /// <summary>Items that went through a committed batch so far.</summary>
    public long Items => Interlocked.Read(ref _items);

    /// <summary>Rows this writer inserted or updated by prepared statements so far (tests read it; rows of a batch rolled back count too).</summary>
    public long PreparedRows => Interlocked.Read(ref _preparedRows);

    /// <summary>Committed batches that had to run item by item under savepoints (an item failed or refused).</summary>
    public long IsolatedBatches => Interlocked.Read(ref _isolatedBatches);

    /// <summary>
    /// Queues <paramref name="work"/> and completes when its batch has committed. The work adds or changes
    /// entities on the batch's context and says what to answer (<see cref="IngestStep"/>); it must not commit,
    /// open a transaction or rely on its own SaveChanges seeing changes it made to already-tracked entities.
    /// It may be run again (the batch falls back to savepoints, or the provider retries it).
    /// <paramref name="ct"/> only cancels a write that has not started; once in a batch it runs to its end, as
    /// the other items share its transaction.
    /// </summary>
    public Task<OperationResult<T>> WriteAsync<T>(Func<ConsoleDbContext, CancellationToken, Task<IngestStep<T>>> work, CancellationToken ct = default) =>
        WriteAsync(work, default, ct);

    /// <summary>As above; <paramref name="reads"/> names the rows the work looks up, loaded for its whole batch at once.</summary>
    public Task<OperationResult<T>> WriteAsync<T>(Func<ConsoleDbContext, CancellationToken, Task<IngestStep<T>>> work, IngestReads reads, CancellationToken ct = default)
    {
        var item = new Item<T>(work, reads, IdempotencyScope.Current, ct);
        if (!_queue.Writer.TryWrite(item))
        {
            throw new InvalidOperationException("The console is shutting down; the write was not queued.");
        }

        return item.Task;
    }

    /// <summary>
    /// As above for work that answers at once; it may save the context itself to learn new ids (that costs a
    /// SaveChanges per item; prefer <see cref="IngestStep.AfterSave{T}"/>).
    /// </summary>
    public Task<OperationResult<T>> WriteAsync<T>(Func<ConsoleDbContext, CancellationToken, Task<OperationResult<T>>> work, CancellationToken ct = default) =>
        WriteAsync<T>(async (db, token) => IngestStep.Answer(await work(db, token)), default, ct);

    /// <summary>
    /// True while a batch runs on <paramref name="db"/> that loaded the integration <paramref name="name"/> for its
    /// items (<see cref="IngestReads.IntegrationName"/>) and found none: no need to ask the database again. An item
    /// of the batch may have registered it since, so look in the change tracker first.
    /// </summary>
    internal static bool IsKnownAbsent(DbContext db, string name) => AbsentIntegrations.TryGetValue(db, out var absent) && absent.Contains(name);

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

    private bool OnSqlite(DbContext db) => _onSqlite ??= db.Database.IsSqlite();

    /// <summary>
    /// One batch in one transaction (retried whole by the execution strategy), then every item answered: a failed item
    /// with its own fault, the rest once the commit is done; a fault of the batch itself fails all of it.
    /// </summary>
    private async Task CommitAsync(List<Item> batch)
    {
        var started = Stopwatch.GetTimestamp();
        var failures = new Dictionary<Item, Exception>();
        bool isolated;
        try
        {
            isolated = await WriteBatchAsync(batch, failures);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "An ingest batch of {Count} writes failed; none of it was stored", batch.Count);
            batch.ForEach(i => i.Fail(ex));
            return;
        }

        RecordBatch(batch.Count, started, isolated);
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

    /// <summary>
    /// Writes the batch all at once, or, when an item needs its own savepoint, each item isolated (its fault in
    /// <paramref name="failures"/>); true when it had to isolate them.
    /// </summary>
    private async Task<bool> WriteBatchAsync(List<Item> batch, Dictionary<Item, Exception> failures)
    {
        var isolated = false;
        await using var db = await _dbFactory.CreateDbContextAsync();
        db.Database.AutoSavepointsEnabled = false;
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            failures.Clear();
            batch.ForEach(i => i.Reset());
            db.ChangeTracker.Clear();
            await using var write = await WriteTransaction.BeginAsync(db, CancellationToken.None);
            var now = _time.GetUtcNow().UtcDateTime;
            isolated = !await TryAllAtOnceAsync(db, batch, now);
            if (isolated)
            {
                batch.ForEach(i => i.Reset());
                foreach (var item in batch)
                {
                    if (await RunIsolatedAsync(db, item, now) is { } failure)
                    {
                        failures[item] = failure;
                    }
                }
            }

            await write.CommitAsync(CancellationToken.None);
        });
        return isolated;
    }

    private void RecordBatch(int count, long started, bool isolated)
    {
        Interlocked.Increment(ref _batches);
        Interlocked.Add(ref _items, count);
        BatchSize.Record(count);
        BatchDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (isolated)
        {
            Interlocked.Increment(ref _isolatedBatches);
            IsolatedBatchCount.Add(1);
        }
    }

    /// <summary>
    /// The fast path: every item; the new rows' ids (prepared INSERTs, or a SaveChanges); the answers; one SaveChanges
    /// for the rest. False (and nothing of the batch kept) when an item needs its own savepoint; a database fault is thrown.
    /// </summary>
    private async Task<bool> TryAllAtOnceAsync(ConsoleDbContext db, List<Item> batch, DateTime now)
    {
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync(BatchSavepoint);
        var kept = false;
        try
        {
            bool saved;
            using (var changes = new BatchChanges(db.ChangeTracker, batch.Count * 4))
            {
                await PreloadAsync(db, batch);
                var accepted = await StartEachAsync(db, batch, changes);
                saved = accepted is not null && await SaveAcceptedAsync(db, accepted, changes.Added, now);
            }

            if (!saved)
            {
                return false;
            }

            await transaction.ReleaseSavepointAsync(BatchSavepoint);
            kept = true;
            return true;
        }
        finally
        {
            AbsentIntegrations.Remove(db);
            if (!kept)
            {
                await RollBackBatchAsync(db, transaction);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>
    /// Starts every item of the batch; the ones that keep their write. Null when an item failed, or refused after
    /// changing something: only the batch's savepoint can take that back.
    /// </summary>
    private static async Task<List<Item>?> StartEachAsync(ConsoleDbContext db, List<Item> batch, BatchChanges changes)
    {
        var accepted = new List<Item>(batch.Count);
        foreach (var item in batch)
        {
            var before = changes.Count;
            bool keep;
            try
            {
                keep = await item.StartAsync(db);
            }
            catch (Exception ex) when (IsItemFault(ex))
            {
                return null; // it may have changed something
            }

            if (keep)
            {
                accepted.Add(item);
            }
            else if (changes.Count != before)
            {
                return null; // refused after adding or removing entities
            }
        }

        return accepted;
    }

    /// <summary>
    /// The accepted items' new rows (their ids), their answers and idempotency records, then one SaveChanges for the
    /// rest. False when an answer refused after saving, or an item's write did.
    /// </summary>
    private async Task<bool> SaveAcceptedAsync(ConsoleDbContext db, List<Item> accepted, List<EntityEntry> added, DateTime now)
    {
        try
        {
            await SaveNewRowsAsync(db, added);
            foreach (var item in accepted)
            {
                if (!item.Finish())
                {
                    return false;
                }
            }

            foreach (var item in accepted)
            {
                item.AddIdempotencyRecord(db, now);
            }

            db.ChangeTracker.DetectChanges();
            UpdatePrepared(db);
            await SaveDetectedAsync(db);
            return true;
        }
        catch (Exception ex) when (IsItemFault(ex))
        {
            return false;
        }
    }

    /// <summary>
    /// What a batch's items do to the change tracker while the fast path runs: a count of entities tracked or changing
    /// state (an item that refused without changing anything needs no savepoint), and the new entries, whose ids the
    /// prepared INSERTs assign. Automatic change detection is off meanwhile; disposing restores it.
    /// </summary>
    private sealed class BatchChanges : IDisposable
    {
        private readonly ChangeTracker _tracker;

        public BatchChanges(ChangeTracker tracker, int capacity)
        {
            _tracker = tracker;
            Added = new List<EntityEntry>(capacity);
            tracker.AutoDetectChangesEnabled = false;
            tracker.Tracked += OnTracked;
            tracker.StateChanged += OnStateChanged;
        }

        public int Count { get; private set; }

        public List<EntityEntry> Added { get; }

        public void Dispose()
        {
            _tracker.Tracked -= OnTracked;
            _tracker.StateChanged -= OnStateChanged;
            _tracker.AutoDetectChangesEnabled = true;
        }

        private void OnTracked(object? sender, EntityTrackedEventArgs e)
        {
            if (!e.FromQuery)
            {
                Count++;
                Added.Add(e.Entry);
            }
        }

        private void OnStateChanged(object? sender, EntityStateChangedEventArgs e) => Count++;
    }

    /// <summary>
    /// Back to the batch's savepoint. SQLite itself may already have rolled the whole transaction back (it may do so on
    /// SQLITE_FULL or an I/O error); then there is no savepoint left, nothing of the batch is stored, and the fault that
    /// did it is what the callers must hear (a 503), not "this transaction has completed" (a 500).
    /// </summary>
    private static async Task RollBackBatchAsync(ConsoleDbContext db, IDbContextTransaction transaction)
    {
        try
        {
            await transaction.RollbackToSavepointAsync(BatchSavepoint);
        }
        catch (InvalidOperationException) when (db.Database.GetDbConnection() is Microsoft.Data.Sqlite.SqliteConnection { Handle: { } handle }
            && SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0)
        {
            // No transaction is open on the connection: SQLite ended it. The exception in flight, if any, propagates.
        }
    }

    /// <summary>Loads (tracked) the rows the batch's items said they read: one query per kind of row.</summary>
    private async Task PreloadAsync(ConsoleDbContext db, List<Item> batch)
    {
        var leadIds = new HashSet<int>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in batch)
        {
            if (item.Reads.LeadId is { } leadId)
            {
                leadIds.Add(leadId);
            }

            if (item.Reads.IntegrationName is { } name)
            {
                names.Add(name);
            }
        }

        if (leadIds.Count > 0)
        {
            await foreach (var _ in _leadsById(db, leadIds.ToArray()))
            {
                // Loaded, and so tracked: the items find them.
            }
        }

        if (names.Count > 0)
        {
            await foreach (var integration in _integrationsByName(db, names.ToArray()))
            {
                names.Remove(integration.Name);
            }

            AbsentIntegrations.AddOrUpdate(db, names);
        }
    }

    /// <summary>
    /// SQLite: the batch's new rows of the kinds agents send most (runs, their steps, touches) go in as prepared
    /// INSERTs re-bound per row (<see cref="PreparedWrites"/>, ADR 204) instead of one compiled INSERT per row through
    /// SaveChanges, which took a third of the console's CPU under ingest load. In arrival order, parents first; a row
    /// whose parent is not stored yet (e.g. a lead added in the same batch) is left to SaveChanges, like every other
    /// kind and every other provider.
    /// </summary>
    private void InsertPrepared(ConsoleDbContext db, List<EntityEntry> added)
    {
        if (added.Count == 0 || !OnSqlite(db))
        {
            return;
        }

        foreach (var kind in PreparedInsertKinds)
        {
            var rows = added.Where(e => e.Metadata.ClrType == kind && e.State == EntityState.Added
                && e.Properties.All(p => !p.IsTemporary || p.Metadata.IsPrimaryKey())).ToList();
            if (rows.Count > 0)
            {
                PreparedWrites.InsertTracked(db, rows);
                CountPrepared(rows.Count);
            }
        }
    }

    /// <summary>
    /// SQLite, once the batch's changes are detected: the leads and integrations the items and answers changed (a run or
    /// touch moves its lead's activity, a run or heartbeat its integration's report) are stored by prepared UPDATEs
    /// (<see cref="PreparedWrites"/>, ADR 205) instead of SaveChanges' one compiled UPDATE per row; SaveChanges then
    /// stores only what is left (stored idempotent responses, new rows of other kinds), if anything. A row that still
    /// refers to a row without its id is left to SaveChanges.
    /// </summary>
    private void UpdatePrepared(ConsoleDbContext db)
    {
        if (!OnSqlite(db))
        {
            return;
        }

        var rows = db.ChangeTracker.Entries()
            .Where(e => e.State == EntityState.Modified && Array.IndexOf(PreparedUpdateKinds, e.Metadata.ClrType) >= 0
                && e.Properties.All(p => !p.IsTemporary))
            .ToList();
        if (rows.Count > 0)
        {
            PreparedWrites.UpdateTracked(db, rows);
            CountPrepared(rows.Count);
        }
    }

    private void CountPrepared(int rows)
    {
        Interlocked.Add(ref _preparedRows, rows);
        PreparedRowCount.Add(rows);
    }

    /// <summary>
    /// Gives the batch's new rows their ids before the answers are rendered. When prepared INSERTs stored all of them,
    /// the rest of the batch (the rows they changed, and what the answers change further) waits for the one
    /// SaveChanges after the answers; otherwise SaveChanges runs here too.
    /// </summary>
    private async Task SaveNewRowsAsync(ConsoleDbContext db, List<EntityEntry> added)
    {
        db.ChangeTracker.DetectChanges();
        InsertPrepared(db, added);
        if (added.Exists(e => e.State == EntityState.Added))
        {
            await SaveDetectedAsync(db);
        }
    }

    private static async Task SaveAsync(ConsoleDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        await SaveDetectedAsync(db);
    }

    /// <summary>Saves what the last DetectChanges found (the context does not detect changes itself meanwhile), if anything.</summary>
    private static async Task SaveDetectedAsync(ConsoleDbContext db)
    {
        if (db.ChangeTracker.HasChanges())
        {
            await db.SaveChangesAsync(CancellationToken.None);
        }
    }

    /// <summary>The slow path: one item under a savepoint; its own fault is returned, a database fault ends the batch.</summary>
    private static async Task<Exception?> RunIsolatedAsync(ConsoleDbContext db, Item item, DateTime now)
    {
        var transaction = db.Database.CurrentTransaction!;
        await transaction.CreateSavepointAsync(ItemSavepoint);
        try
        {
            var keep = await item.StartAsync(db);
            if (keep)
            {
                await SaveAsync(db);
                keep = item.Finish();
            }

            if (keep)
            {
                await SaveAsync(db);
                if (item.AddIdempotencyRecord(db, now))
                {
                    try
                    {
                        await db.SaveChangesAsync(CancellationToken.None);
                    }
                    catch (DbUpdateException ex)
                    {
                        throw new IdempotencyKeyTakenException($"Idempotency-Key '{item.IdempotencyKey}' was stored by another request first.", ex);
                    }
                }

                await transaction.ReleaseSavepointAsync(ItemSavepoint);
            }
            else
            {
                await transaction.RollbackToSavepointAsync(ItemSavepoint);
            }

            return null;
        }
        catch (Exception ex) when (IsItemFault(ex))
        {
            await transaction.RollbackToSavepointAsync(ItemSavepoint);
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
        try
        {
            await _loop;
        }
        finally
        {
            await _thread.JoinAsync(); // the thread ends with its loop, even a faulted one
        }
    }

    private abstract class Item(CancellationToken cancellation)
    {
        public CancellationToken Cancellation { get; } = cancellation;

        public abstract string? IdempotencyKey { get; }

        public abstract IngestReads Reads { get; }

        /// <summary>Runs the work. True when its changes are kept; false when it was refused.</summary>
        public abstract Task<bool> StartAsync(ConsoleDbContext db);

        /// <summary>After its changes are saved: renders the answer. False when the answer is a refusal.</summary>
        public abstract bool Finish();

        /// <summary>Adds the stored response for the request's Idempotency-Key, if this item answers one.</summary>
        public abstract bool AddIdempotencyRecord(ConsoleDbContext db, DateTime now);

        public abstract void Reset();

        public abstract void Complete();

        public abstract void Fail(Exception exception);

        public abstract void Cancel();
    }

    private sealed class Item<T>(Func<ConsoleDbContext, CancellationToken, Task<IngestStep<T>>> work, IngestReads reads, IdempotencyScope? idempotency, CancellationToken ct)
        : Item(ct)
    {
        private readonly TaskCompletionSource<OperationResult<T>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private IngestStep<T>? _step;
        private OperationResult<T>? _result;
        private bool _answersKey;

        public Task<OperationResult<T>> Task => _done.Task;

        public override string? IdempotencyKey => idempotency?.Key;

        public override IngestReads Reads => reads;

        public override async Task<bool> StartAsync(ConsoleDbContext db)
        {
            _step = await work(db, CancellationToken.None);
            _result = _step.Answer;
            return _result is null || _result.Succeeded;
        }

        public override bool Finish()
        {
            _result ??= _step!.Render!();
            return _result.Succeeded;
        }

        public override bool AddIdempotencyRecord(ConsoleDbContext db, DateTime now)
        {
            // The stored response rides in the same transaction as the record it describes.
            if (idempotency is null || !idempotency.TryClaim())
            {
                return false;
            }

            _answersKey = true;
            db.Add(idempotency.ToRecord(idempotency.Render(_result!.Value), now));
            return true;
        }

        public override void Reset()
        {
            _step = null;
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
