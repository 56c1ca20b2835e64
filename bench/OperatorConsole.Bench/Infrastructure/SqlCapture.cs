using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Bench;

/// <summary>
/// Records the SQL (text and parameter values) a service sends, so the same statements can be replayed with
/// bare ADO.NET: the floor any implementation on this database has to pay.
/// </summary>
public sealed class SqlCapture : DbCommandInterceptor
{
    public sealed record Statement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters);

    public List<Statement> Statements { get; } = [];

    public bool Recording { get; set; }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (Recording)
        {
            Statements.Add(new Statement(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
        }

        return ValueTask.FromResult(result);
    }

    /// <summary>Runs every captured statement and reads every value of every row; returns the number of rows.</summary>
    public static async Task<int> ReplayAsync(string connectionString, IReadOnlyList<Statement> statements)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        var rows = 0;
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            foreach (var (name, value) in statement.Parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            await using var reader = await command.ExecuteReaderAsync();
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync())
            {
                reader.GetValues(values);
                rows++;
            }
        }

        return rows;
    }
}

/// <summary>A context factory over the benchmark file with the capture attached.</summary>
public sealed class CapturingContextFactory(string connectionString, SqlCapture capture) : IDbContextFactory<ConsoleDbContext>
{
    private readonly DbContextOptions<SqliteConsoleDbContext> _options = new DbContextOptionsBuilder<SqliteConsoleDbContext>()
        .UseSqlite(connectionString)
        .AddInterceptors(capture)
        .Options;

    public ConsoleDbContext CreateDbContext() => new SqliteConsoleDbContext(_options);
}
