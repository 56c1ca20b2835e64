using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
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

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { Path, Path + "-wal", Path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
