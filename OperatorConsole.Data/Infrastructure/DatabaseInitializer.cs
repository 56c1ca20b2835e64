using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>Applies migrations and the database-side guards every start.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<ConsoleDbContext> dbFactory, ILogger<DatabaseInitializer> logger)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
        {
            EnsureSqliteFolder(db.Database.GetConnectionString());
        }

        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (every open dashboard) run while a writer commits; the mode is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        }

        await InstallAuditGuardsAsync(db, ct);
        logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
    }

    /// <summary>
    /// Triggers that refuse UPDATE and DELETE on the audit table, so even SQL typed by hand cannot rewrite
    /// history. The DbContext refuses first; these catch everything else.
    /// </summary>
    private static async Task InstallAuditGuardsAsync(ConsoleDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
                """, ct);
            await db.Database.ExecuteSqlRawAsync("""
                CREATE TRIGGER IF NOT EXISTS AuditEntries_NoDelete BEFORE DELETE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
                """, ct);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR ALTER TRIGGER AuditEntries_AppendOnly ON AuditEntries INSTEAD OF UPDATE, DELETE
                AS BEGIN THROW 51000, 'audit log is append-only', 1; END;
                """, ct);
        }
    }

    private static void EnsureSqliteFolder(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return;
        }

        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
        {
            Directory.CreateDirectory(folder);
        }
    }
}
