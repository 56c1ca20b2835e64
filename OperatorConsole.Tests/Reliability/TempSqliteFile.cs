using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// A SQLite file of the test's own, opened as the console's SQLite context without pooling (so nothing keeps it
/// open between steps), and deleted with its WAL and shared-memory files when the test ends.
/// </summary>
internal sealed class TempSqliteFile(string prefix) : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}.db");

    public SqliteConsoleDbContext Open() =>
        new(new DbContextOptionsBuilder<SqliteConsoleDbContext>().UseSqlite($"Data Source={Path};Pooling=False").Options);

    /// <summary>
    /// The file migrated up to the migration before the one whose name ends with <paramref name="suffix"/>: the
    /// schema and rows that migration will meet, for a test to fill before it migrates the rest of the way.
    /// </summary>
    public async Task<SqliteConsoleDbContext> OpenJustBeforeAsync(string suffix)
    {
        var db = Open();
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith(suffix, StringComparison.Ordinal));
        index.Should().BePositive($"a migration named *{suffix} comes after the first");
        await db.GetService<IMigrator>().MigrateAsync(migrations[index - 1]);
        return db;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
