using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>
/// Per-connection SQLite settings. WAL (set once on the file) with synchronous=NORMAL survives a killed
/// process without losing committed writes; busy_timeout makes writers wait instead of failing at once;
/// temp_store=MEMORY keeps SQLite's temporary files in memory. Every ingest batch opens a savepoint (ADR 196), and
/// its statement journal spilled past 64 KiB into a temporary file: created, unlinked and closed about 50 times a
/// second under ingest load (strace, 2026-12-03), on the writer's one thread. The journal lives only until the
/// batch commits; sorts and temporary indexes of the console's queries are a few megabytes at most.
/// These settings belong to the physical connection, which the pool keeps open across the many logical opens
/// EF makes (one per query or SaveChanges), so they are sent once per physical connection, not on every open:
/// at ingest rates that extra statement per open was measurable.
/// </summary>
internal sealed class SqlitePragmas(int busyTimeoutMs) : DbConnectionInterceptor
{
    private static readonly object Applied = new();

    // Keyed by the native handle the pool reuses; entries go away with the physical connection.
    private readonly ConditionalWeakTable<object, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsSettings(connection))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Sql;
            command.ExecuteNonQuery();
            MarkApplied(connection);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsSettings(connection))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Sql;
            await command.ExecuteNonQueryAsync(cancellationToken);
            MarkApplied(connection);
        }
    }

    private string Sql => $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={busyTimeoutMs}; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;";

    private bool NeedsSettings(DbConnection connection) =>
        connection is not SqliteConnection { Handle: { } handle } || !_configured.TryGetValue(handle, out _);

    private void MarkApplied(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            _configured.AddOrUpdate(handle, Applied);
        }
    }
}
