using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// The per-connection settings are sent once per physical connection; every later logical open (a pooled
/// connection handed out again) must still carry them.
/// </summary>
public sealed class SqlitePragmasTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task EveryOpenOfAPooledConnection_HasTheConsolesSettings()
    {
        for (var i = 0; i < 5; i++)
        {
            await using var db = factory.CreateDbContext();
            (await ScalarAsync(db, "PRAGMA busy_timeout")).Should().Be(5000, $"open {i}");
            (await ScalarAsync(db, "PRAGMA foreign_keys")).Should().Be(1, $"open {i}");
            (await ScalarAsync(db, "PRAGMA synchronous")).Should().Be(1, $"open {i}: NORMAL");
            (await ScalarAsync(db, "PRAGMA journal_mode")).Should().Be("wal", $"open {i}");
            (await ScalarAsync(db, "PRAGMA temp_store")).Should().Be(2, $"open {i}: MEMORY");
        }
    }

    private static async Task<object?> ScalarAsync(DbContext db, string sql)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            var value = await command.ExecuteScalarAsync();
            return value is long l ? (int)l : value;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
