using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// Both providers' migrations are current with the model, and the SQL Server script (generated without a server)
/// creates every table the model maps. The audit guard is created at start-up, not by a migration, so the
/// operations guide must say so.
/// </summary>
public sealed class MigrationScriptTests
{
    private static SqlServerConsoleDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerConsoleDbContext>()
            .UseSqlServer("Server=tcp:sql.invalid,1433;Database=OperatorConsole;User ID=none;Password=none;Encrypt=True")
            .Options);

    private static SqliteConsoleDbContext Sqlite() =>
        new(new DbContextOptionsBuilder<SqliteConsoleDbContext>().UseSqlite("Data Source=:memory:").Options);

    [Fact]
    public void SqlServerMigrationScript_CreatesEveryTableOfTheModel()
    {
        using var db = SqlServer();
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var tables = db.Model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && e.GetViewName() is null)
            .Select(e => e.GetTableName()!)
            .Distinct()
            .ToList();
        tables.Should().Contain(["AuditEntries", "PipelineRun", "Touch", "IntegrationHealth", "Lead"]);
        var missing = tables.Where(t => !script.Contains($"CREATE TABLE [{t}]", StringComparison.Ordinal)).ToList();
        missing.Should().BeEmpty("the SQL Server migrations must create every mapped table");
    }

    [Fact]
    public void SqliteMigrations_CreateEveryTableOfTheModel()
    {
        using var db = Sqlite();
        var script = db.GetService<IMigrator>().GenerateScript();
        var missing = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct()
            .Where(t => !script.Contains($"CREATE TABLE \"{t}\"", StringComparison.Ordinal)).ToList();
        missing.Should().BeEmpty();
    }

    [Fact]
    public void NeitherProvider_HasPendingModelChanges()
    {
        using (var sqlServer = SqlServer())
        {
            sqlServer.Database.HasPendingModelChanges().Should().BeFalse("run scripts/add-migration.sh <Name> after changing the model (SQL Server)");
        }

        using var sqlite = Sqlite();
        sqlite.Database.HasPendingModelChanges().Should().BeFalse("run scripts/add-migration.sh <Name> after changing the model (SQLite)");
    }

    [Fact]
    public void AuditAppendOnlyTrigger_IsCreatedAtStartUp_AndDocumentedForSqlServer()
    {
        var root = SolutionRoot();
        var initializer = File.ReadAllText(Path.Combine(root, "OperatorConsole.Data", "Infrastructure", "DatabaseInitializer.cs"));
        // Deletes are refused outright; an update may only seal an entry into the hash chain (issue 16).
        initializer.Should().Contain("CREATE OR ALTER TRIGGER AuditEntries_AppendOnly ON AuditEntries INSTEAD OF DELETE")
            .And.Contain("CREATE OR ALTER TRIGGER AuditEntries_SealedOnly ON AuditEntries AFTER UPDATE");
        var operations = File.ReadAllText(Path.Combine(root, "docs", "operations.md"));
        operations.Should().Contain("AuditEntries_AppendOnly").And.Contain("AuditEntries_SealedOnly");
    }

    private static string SolutionRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "OperatorConsole.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Solution folder not found");
    }
}
