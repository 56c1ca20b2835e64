using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Data.Sqlite;
using OperatorConsole.Data.Live;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// Plain INSERTs and UPDATEs, one prepared command re-bound per row, on the context's connection and transaction,
/// without EF's per-row SQL generation, tracking and fix-up. SQLite compiles a statement's text every time EF sends
/// it (EF sends one statement per row there), so re-binding one prepared statement is the cheapest write SQLite
/// offers (ADR 204, 205). Table, column names and parameter conversion (enums as strings, UTC times, decimals) come
/// from the EF model's own mappings, so the rows are stored exactly as EF would store them, on SQLite and SQL Server
/// alike.
/// </summary>
internal static class PreparedWrites
{
    /// <summary>Inserts rows and writes their generated key back (SQLite: RETURNING). Other providers: use SaveChanges.</summary>
    /// <remarks>Not tracked and not seen by the SaveChanges interceptor: callers publish the live topic themselves.</remarks>
    public static Task InsertReturningKeysAsync<T>(ConsoleDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class => InsertAsync(db, rows, ct, returnKeys: true);

    /// <remarks>Not tracked and not seen by the SaveChanges interceptor: callers publish the live topic themselves.</remarks>
    public static async Task InsertAsync<T>(ConsoleDbContext db, IReadOnlyList<T> rows, CancellationToken ct, bool returnKeys = false)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var plan = Plan.For(db, db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped."), returnKeys);
        await using var command = plan.CreateCommand(db);
        var parameters = plan.AddParameters(command);
        foreach (var row in rows)
        {
            plan.SetValues(parameters, row);
            if (returnKeys)
            {
                var id = await command.ExecuteScalarAsync(ct);
                plan.Key.PropertyInfo!.SetValue(row, plan.KeyValue(id));
            }
            else
            {
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>
    /// SQLite only: inserts entities the context tracks as Added (all of one entity type, every foreign key already
    /// known), gives them their generated keys through the change tracker (which passes each key on to tracked
    /// dependents' foreign keys) and marks them Unchanged, so the next SaveChanges leaves them alone. The rows are
    /// handed to the live interceptor, which publishes them with the transaction's other changes when it commits.
    /// </summary>
    public static void InsertTracked(ConsoleDbContext db, IReadOnlyList<EntityEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var plan = Plans.GetOrAdd(entries[0].Metadata, static (entity, db) => Plan.For(db, entity, returnKeys: false), db);
        if (plan.Key.ClrType != typeof(int) && plan.Key.ClrType != typeof(long))
        {
            throw new InvalidOperationException($"{plan.Topic}'s key is not an integer, so it is not SQLite's rowid; insert it through SaveChanges.");
        }

        var changes = new List<ConsoleChange>(entries.Count);
        ExecutePerRow(db, plan, entries, changes,
            noRow: _ => new InvalidOperationException($"An INSERT into {plan.Topic} stored no row."),
            stored: entry =>
            {
                // The key is the table's rowid (an INTEGER PRIMARY KEY), read from the connection: half the cost of
                // RETURNING and its reader, measured (ADR 204).
                var id = plan.KeyValue(SQLitePCL.raw.sqlite3_last_insert_rowid(connection.Handle));
                entry.Property(plan.Key).CurrentValue = id;
                return new ConsoleChange(plan.Topic, id.ToString());
            });
        Accept(db, entries, changes);
    }

    /// <summary>
    /// SQLite only: stores entities the context tracks as Modified (each row's modified columns, by its key; no
    /// concurrency tokens), then accepts their changes (Unchanged) so the next SaveChanges leaves them alone. One
    /// prepared UPDATE per entity type and set of modified columns, re-bound per row. A row that is not there any more
    /// throws <see cref="DbUpdateConcurrencyException"/>, as SaveChanges would. The rows go to the live interceptor
    /// under the topic SaveChanges would have published them with.
    /// </summary>
    public static void UpdateTracked(ConsoleDbContext db, IReadOnlyList<EntityEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        var changes = new List<ConsoleChange>(entries.Count);
        foreach (var rows in entries.GroupBy(UpdateShape.Of))
        {
            var plan = UpdatePlans.GetOrAdd(rows.Key, static (shape, db) => Plan.ForUpdate(db, shape), db);
            ExecutePerRow(db, plan, rows, changes,
                noRow: entry => new DbUpdateConcurrencyException($"{plan.Topic} {entry.Property(plan.Key).CurrentValue} was not found to update; it was deleted meanwhile."),
                stored: entry => new ConsoleChange(LiveChangeInterceptor.TopicOf(entry), entry.Property(plan.Key).CurrentValue?.ToString()));
        }

        Accept(db, entries, changes);
    }

    /// <summary>
    /// <paramref name="plan"/>'s statement, prepared once and re-bound per entry; a row count other than one throws
    /// <paramref name="noRow"/>'s exception, otherwise <paramref name="stored"/> says what the screens hear of the row.
    /// Synchronous on purpose: Microsoft.Data.Sqlite's async calls run synchronously anyway, and this is the ingest
    /// writer's own loop.
    /// </summary>
    private static void ExecutePerRow(ConsoleDbContext db, Plan plan, IEnumerable<EntityEntry> entries, List<ConsoleChange> changes,
        Func<EntityEntry, Exception> noRow, Func<EntityEntry, ConsoleChange> stored)
    {
        using var command = plan.CreateCommand(db);
        var parameters = plan.AddParameters(command);
        command.Prepare();
        foreach (var entry in entries)
        {
            plan.SetValues(parameters, entry.Entity);
            if (command.ExecuteNonQuery() != 1)
            {
                throw noRow(entry);
            }

            changes.Add(stored(entry));
        }
    }

    /// <summary>
    /// The rows are stored: Unchanged accepts their current values as the original ones, so a later DetectChanges finds
    /// nothing to save (IngestWriterTests counts EF's UPDATEs to pin that); the live interceptor publishes them with the
    /// transaction's other changes when it commits.
    /// </summary>
    private static void Accept(ConsoleDbContext db, IReadOnlyList<EntityEntry> entries, List<ConsoleChange> changes)
    {
        foreach (var entry in entries)
        {
            entry.State = EntityState.Unchanged;
        }

        LiveChangeInterceptor.SavedOutsideSaveChanges(db, changes);
    }

    /// <summary>The tracked inserts' plans, per entity type of a model: worked out once, not per batch.</summary>
    private static readonly ConcurrentDictionary<IEntityType, Plan> Plans = new();

    /// <summary>The tracked updates' plans, per entity type and set of modified columns: a handful in practice.</summary>
    private static readonly ConcurrentDictionary<UpdateShape, Plan> UpdatePlans = new();

    /// <summary>An entity type and which of its properties are modified (a bit per property index; at most 64).</summary>
    private readonly record struct UpdateShape(IEntityType Entity, ulong Modified)
    {
        public static UpdateShape Of(EntityEntry entry)
        {
            var modified = 0UL;
            foreach (var property in entry.Properties)
            {
                if (property.IsModified)
                {
                    modified |= 1UL << property.Metadata.GetIndex();
                }
            }

            return new UpdateShape(entry.Metadata, modified);
        }

        public IEnumerable<IProperty> Columns
        {
            get
            {
                var modified = Modified;
                return Entity.GetProperties().Where(p => (modified & (1UL << p.GetIndex())) != 0);
            }
        }
    }

    /// <summary>The INSERT for one entity type: every column but a generated key, in the model's order.</summary>
    private sealed record Plan(string Sql, IReadOnlyList<IProperty> Columns, IReadOnlyList<RelationalTypeMapping> Mappings, IProperty Key)
    {
        public static Plan For(DbContext db, IEntityType entity, bool returnKeys)
        {
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var columns = entity.GetProperties().Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never)).ToList();
            if (columns.Any(p => p.IsShadowProperty()))
            {
                throw new InvalidOperationException($"{entity.ClrType.Name} has shadow properties; insert it through SaveChanges.");
            }

            var sql = db.GetService<ISqlGenerationHelper>();
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var text = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) "
                + $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})"
                + (returnKeys ? " RETURNING " + sql.DelimitIdentifier(key.GetColumnName(table)!) : "");
            return new Plan(text, columns, columns.Select(c => c.GetRelationalTypeMapping()).ToList(), key);
        }

        /// <summary>UPDATE of the shape's modified columns, by key (the key is the last parameter).</summary>
        public static Plan ForUpdate(DbContext db, UpdateShape shape)
        {
            var entity = shape.Entity;
            if (entity.GetProperties().Count() > 64 || entity.GetProperties().Any(p => p.IsConcurrencyToken || p.IsShadowProperty()))
            {
                throw new InvalidOperationException($"{entity.ClrType.Name} has concurrency tokens, shadow properties or too many columns; update it through SaveChanges.");
            }

            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var set = shape.Columns.ToList();
            if (set.Count == 0 || set.Contains(key))
            {
                throw new InvalidOperationException($"An update of {entity.ClrType.Name} must change some columns and not its key.");
            }

            var columns = set.Append(key).ToList();
            var text = $"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET "
                + string.Join(", ", set.Select((c, i) => $"{sql.DelimitIdentifier(c.GetColumnName(table)!)} = @p{i}"))
                + $" WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} = @p{set.Count}";
            return new Plan(text, columns, columns.Select(c => c.GetRelationalTypeMapping()).ToList(), key);
        }

        public string Topic { get; } = Key.DeclaringType.ClrType.Name;

        /// <summary>One parameter per column, made once per command; <see cref="SetValues"/> re-fills them per row.</summary>
        public DbParameter[] AddParameters(DbCommand command)
        {
            var parameters = new DbParameter[Columns.Count];
            for (var c = 0; c < Columns.Count; c++)
            {
                parameters[c] = Mappings[c].CreateParameter(command, "@p" + c, null, Columns[c].IsNullable);
                command.Parameters.Add(parameters[c]);
            }

            return parameters;
        }

        /// <summary>The row's values, converted to what the column stores exactly as EF's own parameters convert them.</summary>
        public void SetValues(DbParameter[] parameters, object row)
        {
            for (var c = 0; c < Columns.Count; c++)
            {
                var value = Columns[c].PropertyInfo is { } property ? property.GetValue(row) : Columns[c].FieldInfo!.GetValue(row);
                if (value is not null && Mappings[c].Converter is { } converter)
                {
                    value = converter.ConvertToProvider(value);
                }

                parameters[c].Value = value ?? DBNull.Value;
            }
        }

        public DbCommand CreateCommand(DbContext db)
        {
            var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = Sql;
            return command;
        }

        public object KeyValue(object? stored) => Convert.ChangeType(stored, Key.ClrType, System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
