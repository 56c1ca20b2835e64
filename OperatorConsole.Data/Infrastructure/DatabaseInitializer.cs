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
        var sealedCount = await Audit.AuditChain.SealUnsealedAsync(db, ct);
        if (sealedCount > 0)
        {
            logger.LogInformation("Linked {Count} audit entries written before the hash chain existed", sealedCount);
        }

        if (db.Database.IsSqlite())
        {
            // The full path, so a start from another folder can never silently use a second database unnoticed.
            logger.LogInformation("Database ready ({Provider}) at {Path}", db.Database.ProviderName, SqliteLocation.FilePath(db.Database.GetConnectionString()) ?? "(in memory)");
        }
        else
        {
            logger.LogInformation("Database ready ({Provider})", db.Database.ProviderName);
        }
    }

    /// <summary>
    /// Triggers that refuse rewriting the audit table, so even SQL typed by hand cannot change history: no DELETE;
    /// no UPDATE except filling the hash columns of an entry that has none (the one-time chain backfill); and —
    /// on SQLite — no INSERT that would replace an entry (INSERT OR REPLACE / REPLACE INTO delete the old row
    /// without firing the delete trigger), whether it collides on the id or on the chain link. SQL Server has no
    /// REPLACE; its MERGE fires the same triggers. Re-created on every start, so a database always has the
    /// current version. The DbContext refuses first; the hash chain detects whatever gets past both.
    /// </summary>
    private static async Task InstallAuditGuardsAsync(ConsoleDbContext db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("""
                DROP TRIGGER IF EXISTS AuditEntries_NoUpdate;
                CREATE TRIGGER AuditEntries_NoUpdate BEFORE UPDATE ON AuditEntries
                WHEN OLD.Hash IS NOT NULL OR NEW.Id IS NOT OLD.Id OR NEW.At IS NOT OLD.At OR NEW.ActorKind IS NOT OLD.ActorKind
                  OR NEW.ActorId IS NOT OLD.ActorId OR NEW.ActorName IS NOT OLD.ActorName OR NEW.Action IS NOT OLD.Action
                  OR NEW.RecordType IS NOT OLD.RecordType OR NEW.RecordId IS NOT OLD.RecordId OR NEW.Summary IS NOT OLD.Summary
                  OR NEW.Reason IS NOT OLD.Reason OR NEW.Before IS NOT OLD.Before OR NEW.After IS NOT OLD.After
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
                CREATE TRIGGER IF NOT EXISTS AuditEntries_NoDelete BEFORE DELETE ON AuditEntries
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
                DROP TRIGGER IF EXISTS AuditEntries_NoReplace;
                CREATE TRIGGER AuditEntries_NoReplace BEFORE INSERT ON AuditEntries
                WHEN EXISTS (SELECT 1 FROM AuditEntries WHERE Id = NEW.Id OR (NEW.PreviousHash IS NOT NULL AND PreviousHash = NEW.PreviousHash))
                BEGIN SELECT RAISE(ABORT, 'audit log is append-only: an entry cannot be replaced'); END;
                """, ct);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR ALTER TRIGGER AuditEntries_AppendOnly ON AuditEntries INSTEAD OF DELETE
                AS BEGIN THROW 51000, 'audit log is append-only', 1; END;
                """, ct);
            await db.Database.ExecuteSqlRawAsync("""
                CREATE OR ALTER TRIGGER AuditEntries_SealedOnly ON AuditEntries AFTER UPDATE
                AS BEGIN
                  IF EXISTS (SELECT 1 FROM deleted WHERE Hash IS NOT NULL) OR UPDATE(At) OR UPDATE(ActorKind) OR UPDATE(ActorId)
                     OR UPDATE(ActorName) OR UPDATE(Action) OR UPDATE(RecordType) OR UPDATE(RecordId) OR UPDATE(Summary)
                     OR UPDATE(Reason) OR UPDATE(Before) OR UPDATE(After)
                    THROW 51000, 'audit log is append-only', 1;
                END;
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
