using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace OperatorConsole.Data.Infrastructure;

/// <summary>SQLite, the embedded default. Its migrations live in Migrations/Sqlite.</summary>
public sealed class SqliteConsoleDbContext(DbContextOptions<SqliteConsoleDbContext> options) : ConsoleDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // The same TEXT columns and values, read without the general date parser (ADR 203).
        configurationBuilder.Properties<DateTime>().HaveConversion<SqliteUtcDateTimeTextConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<SqliteUtcDateTimeTextConverter>();
    }
}

/// <summary>SQL Server, the scale-out provider. Its migrations live in Migrations/SqlServer.</summary>
public sealed class SqlServerConsoleDbContext(DbContextOptions<SqlServerConsoleDbContext> options) : ConsoleDbContext(options);

/// <summary>Lets <c>dotnet ef</c> build the SQLite context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteConsoleDbContext>
{
    public SqliteConsoleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteConsoleDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the SQL Server context; no server is contacted to add a migration.</summary>
public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerConsoleDbContext>
{
    public SqlServerConsoleDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerConsoleDbContext>()
            .UseSqlServer("Server=localhost;Database=OperatorConsole;Trusted_Connection=True;TrustServerCertificate=True").Options);
}

/// <summary>Hands out the provider's context as the shared base type the query services use.</summary>
internal sealed class ConsoleDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ConsoleDbContext>
    where TContext : ConsoleDbContext
{
    public ConsoleDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<ConsoleDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
