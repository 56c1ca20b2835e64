using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Idempotency;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Live;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// The database (SQLite by default, SQL Server with Database:Provider=SqlServer) and the per-feature
    /// query and command services. Services create a short-lived context per call through the factory,
    /// which is what Blazor Server circuits need. A relative SQLite path is resolved against
    /// <paramref name="contentRoot"/> (default: the host's "contentRoot" setting, else the working directory).
    /// </summary>
    public static IServiceCollection AddData(this IServiceCollection services, IConfiguration configuration, string? contentRoot = null)
    {
        services.AddDatabase(configuration, contentRoot);

        // Shared by every feature: start-up, the ingest writer, idempotency, the one clock, the demo seeder.
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<IngestWriter>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<OperatorConsole.Data.Clock.DataClockService>();
        services.AddSingleton<DemoSeeder>();

        // One line per feature; each registers its own services, failure sources and demo data from its folder.
        // Order matters only among multi-registrations (intervention sources, demo seeds of equal Order, search sources).
        services.AddLeadsData();
        services.AddAccountsData();
        services.AddTeamsData();
        services.AddRunsData();
        services.AddIntegrationsData();
        services.AddAuditData();
        services.AddAccessData();
        services.AddSettingsData();
        services.AddConstraintData();
        services.AddChatContext();
        services.AddSemanticIndex();
        services.AddServicePackagesData();
        services.AddExpectationsData();
        services.AddOffersData();
        services.AddLeadImport(configuration);
        services.AddSearchData();
        services.AddChartsData();
        services.AddProposalsData();
        services.AddApprovalsData();
        services.AddBriefData();
        services.AddScorecardData();
        services.AddFailures();
        services.AddResultsData(configuration);
        services.AddRiskData();
        services.AddAgentJobsData();
        services.AddBuildOpsData();
        services.AddTemplatesData();
        services.AddAssetsData();
        services.AddLearningData();
        services.AddAlertsData();
        return services;
    }

    /// <summary>The context factory of the configured provider, its interceptors (audit chain, live changes) and the clock.</summary>
    private static void AddDatabase(this IServiceCollection services, IConfiguration configuration, string? contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("OperatorConsole");
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LiveChangeInterceptor>();
        services.AddSingleton<AuditChainInterceptor>();
        services.AddSingleton<IConsoleChangeSink, NullConsoleChangeSink>();
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            services.AddSqlServerContext(connectionString);
        }
        else
        {
            services.AddSqliteContext(options, connectionString, contentRoot ?? configuration["contentRoot"] ?? Directory.GetCurrentDirectory());
        }

        // Identity's stores and the health check resolve the context from the request scope.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContext());
    }

    private static void AddSqlServerContext(this IServiceCollection services, string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:OperatorConsole is empty.");
        }

        services.AddPooledDbContextFactory<SqlServerConsoleDbContext>((sp, db) => db
            .UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure())
            .AddInterceptors(sp.GetRequiredService<AuditChainInterceptor>(), sp.GetRequiredService<LiveChangeInterceptor>()));
        services.AddSingleton<IDbContextFactory<ConsoleDbContext>>(sp =>
            new ConsoleDbContextFactory<SqlServerConsoleDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerConsoleDbContext>>()));
    }

    private static void AddSqliteContext(this IServiceCollection services, DatabaseOptions options, string? connectionString, string contentRoot)
    {
        var sqlite = string.IsNullOrWhiteSpace(connectionString) ? DatabaseOptions.DefaultSqliteConnection : connectionString;
        sqlite = SqliteLocation.Resolve(sqlite, contentRoot);
        var writeGate = new SqliteWriteGate(options.BusyTimeoutMs);
        // Microsoft.Data.Sqlite retries a busy statement itself until the command timeout (30 s by default),
        // which made the busy timeout meaningless; the command timeout is the busy timeout, in whole seconds.
        var commandTimeout = options.CommandTimeoutSeconds;
        sqlite = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(sqlite) { DefaultTimeout = commandTimeout }.ConnectionString;
        services.AddPooledDbContextFactory<SqliteConsoleDbContext>((sp, db) => db
            .UseSqlite(sqlite, o => o.CommandTimeout(commandTimeout))
            .AddInterceptors(new SqlitePragmas(options.BusyTimeoutMs), writeGate, sp.GetRequiredService<AuditChainInterceptor>(), sp.GetRequiredService<LiveChangeInterceptor>()));
        services.AddSingleton<IDbContextFactory<ConsoleDbContext>>(sp =>
            new ConsoleDbContextFactory<SqliteConsoleDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteConsoleDbContext>>()));
    }
}
