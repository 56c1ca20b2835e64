using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OperatorConsole.Data.Access;
using OperatorConsole.Data.Approvals;
using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Data.BuildOps;
using OperatorConsole.Data.Assets;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Brief;
using OperatorConsole.Data.Idempotency;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Integrations;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Leads;
using OperatorConsole.Data.Learning;
using OperatorConsole.Data.Live;
using OperatorConsole.Data.Proposals;
using OperatorConsole.Data.Risk;
using OperatorConsole.Data.Runs;
using OperatorConsole.Data.Scorecard;
using OperatorConsole.Data.Seed;
using OperatorConsole.Data.Settings;
using OperatorConsole.Data.Templates;

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
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = configuration.GetConnectionString("OperatorConsole");
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<LiveChangeInterceptor>();
        services.AddSingleton<AuditChainInterceptor>();
        services.AddSingleton<IConsoleChangeSink, NullConsoleChangeSink>();

        if (options.Provider == DatabaseProvider.SqlServer)
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
        else
        {
            var sqlite = string.IsNullOrWhiteSpace(connectionString) ? DatabaseOptions.DefaultSqliteConnection : connectionString;
            sqlite = SqliteLocation.Resolve(sqlite, contentRoot ?? configuration["contentRoot"] ?? Directory.GetCurrentDirectory());
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

        // Identity's stores and the health check resolve the context from the request scope.
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<ConsoleDbContext>>().CreateDbContext());

        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<IngestWriter>();
        services.AddSingleton<LeadService>();
        services.AddSingleton<OperatorConsole.Data.Accounts.AccountService>();
        services.AddSingleton<NextStepService>();
        services.AddSingleton<PipelineRunService>();
        services.AddSingleton<IntegrationService>();
        services.AddSingleton<AuditQueryService>();
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<SettingsService>();
        services.AddSingleton<OperatorConsole.Data.Clock.DataClockService>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<OperatorConsole.Data.Constraint.ConstraintService>();
        services.AddChatContext();
        services.AddSemanticIndex();
        services.AddServicePackagesExpectationsOffers();
        services.AddLeadImport(configuration);
        services.AddSingleton<OperatorConsole.Data.Search.SearchService>();
        services.AddSingleton<OperatorConsole.Data.Search.ISearchSource, OperatorConsole.Data.Search.LeadSearchSource>();
        services.AddSingleton<OperatorConsole.Data.Search.ISearchSource, OperatorConsole.Data.Search.RunSearchSource>();
        services.AddSingleton<OperatorConsole.Data.Search.ISearchSource, OperatorConsole.Data.Search.IntegrationSearchSource>();
        services.AddSingleton<OperatorConsole.Data.Search.ISearchSource, OperatorConsole.Data.Search.ApprovalSearchSource>();
        services.AddSingleton<OperatorConsole.Data.Search.ISearchSource, OperatorConsole.Data.Search.AgentJobSearchSource>();
        services.AddSingleton<OperatorConsole.Data.Charts.ChartQueries>();
        services.AddProposalsApprovalsAndBrief();
        services.AddFailures();
        services.AddResults(configuration);
        services.AddSingleton<RiskRuleService>();
        services.AddSingleton<AgentJobService>();
        services.AddSingleton<BuildTaskService>();
        services.AddSingleton<TemplateStarterService>();
        services.AddSingleton<IInterventionSource, AgentJobInterventions>();
        services.AddSingleton<IDemoSeedContributor, BuildOpsDemoSeed>();
        services.AddAssetsAndLearning();
        services.AddAlertsData();
        return services;
    }

    /// <summary>Proposals, the approval gate (with the proposal-send effect), today's brief and the money scorecard.</summary>
    private static IServiceCollection AddProposalsApprovalsAndBrief(this IServiceCollection services)
    {
        services.AddSingleton<ProposalService>();
        services.AddSingleton<ApprovalService>();
        services.AddSingleton<IApprovalSubjectHandler, ProposalSendApprovalHandler>();
        services.AddSingleton<IApprovalOwner, PlaybookPromotionOwner>();
        services.AddSingleton<IApprovalOwner, HighRiskChangeOwner>();
        services.AddSingleton<BriefService>();
        services.AddSingleton<ScorecardService>();
        services.AddSingleton<IDemoSeedContributor, ProposalDemoSeed>();
        return services;
    }
}
