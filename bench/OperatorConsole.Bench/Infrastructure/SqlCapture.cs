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

public static class SqlExplain
{
    /// <summary>Per statement: time, rows and SQLite's query plan (for docs/performance.md and tuning).</summary>
    public static async Task PrintAsync(string connectionString, IReadOnlyList<SqlCapture.Statement> statements)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            var plan = new List<string>();
            await using (var explain = connection.CreateCommand())
            {
                explain.CommandText = "EXPLAIN QUERY PLAN " + statement.Sql;
                foreach (var (name, value) in statement.Parameters)
                {
                    explain.Parameters.AddWithValue(name, value ?? DBNull.Value);
                }

                await using var reader = await explain.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(3));
                }
            }

            var best = double.MaxValue;
            var rows = 0;
            for (var i = 0; i < 5; i++)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                rows = await SqlCapture.ReplayAsync(connectionString, [statement]);
                best = Math.Min(best, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            Console.WriteLine($"--- {best:0.0} ms, {rows} rows: {statement.Sql.ReplaceLineEndings(" ")[..Math.Min(160, statement.Sql.Length)]}");
            foreach (var line in plan)
            {
                Console.WriteLine("      " + line);
            }
        }
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
