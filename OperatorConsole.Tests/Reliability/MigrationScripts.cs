using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// The SQL Server migrations as one script, generated once per run without a server: a data migration's test reads
/// its SQL Server statements from it (SQLite is run for real in the same test).
/// </summary>
internal static class MigrationScripts
{
    private static readonly Lazy<string> Script = new(() =>
    {
        using var db = new SqlServerConsoleDbContext(new DbContextOptionsBuilder<SqlServerConsoleDbContext>()
            .UseSqlServer("Server=tcp:sql.invalid,1433;Database=OperatorConsole;User ID=none;Password=none;Encrypt=True").Options);
        return db.GetService<IMigrator>().GenerateScript();
    });

    public static string SqlServer => Script.Value;
}
