using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Data.Import;

/// <summary>
/// Plain INSERTs for rows whose generated ids nobody needs back (status history, imported proposals): one command,
/// re-bound per row, on the context's connection and transaction, without EF's per-row tracking and fix-up. Table, column names and parameter conversion (enums as strings, UTC times, decimals) come from the
/// EF model's own mappings, so the rows are stored exactly as EF would store them, on SQLite and SQL Server alike.
/// Not tracked and not seen by the SaveChanges interceptor: callers publish the live topic themselves.
/// </summary>
internal static class BulkInsert
{
    /// <summary>Inserts rows and writes their generated key back (SQLite: RETURNING). Other providers: use SaveChanges.</summary>
    public static Task InsertReturningKeysAsync<T>(ConsoleDbContext db, IReadOnlyList<T> rows, CancellationToken ct)
        where T : class => InsertAsync(db, rows, ct, returnKeys: true);

    public static async Task InsertAsync<T>(ConsoleDbContext db, IReadOnlyList<T> rows, CancellationToken ct, bool returnKeys = false)
        where T : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated != ValueGenerated.Never))
            .ToList();
        if (columns.Any(p => p.IsShadowProperty()))
        {
            throw new InvalidOperationException($"{typeof(T).Name} has shadow properties; insert it through SaveChanges.");
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var mappings = columns.Select(c => c.GetRelationalTypeMapping()).ToList();
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var key = entity.FindPrimaryKey()!.Properties.Single();
        command.CommandText = head + "(" + string.Join(", ", columns.Select((_, i) => "@p" + i)) + ")"
            + (returnKeys ? " RETURNING " + sql.DelimitIdentifier(key.GetColumnName(table)!) : "");
        foreach (var row in rows)
        {
            // One prepared statement, re-bound per row: the cheapest insert SQLite offers (no SQL to parse per row).
            command.Parameters.Clear();
            for (var c = 0; c < columns.Count; c++)
            {
                var value = columns[c].PropertyInfo is { } property ? property.GetValue(row) : columns[c].FieldInfo!.GetValue(row);
                command.Parameters.Add(mappings[c].CreateParameter(command, "@p" + c, value, columns[c].IsNullable));
            }

            if (returnKeys)
            {
                var id = await command.ExecuteScalarAsync(ct);
                key.PropertyInfo!.SetValue(row, Convert.ChangeType(id, key.ClrType, System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }
}
