using OperatorConsole.Data.Learning;
using OperatorConsole.Web.Ai;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Api.Contract;
using OperatorConsole.Web.Features.Accounts;
using OperatorConsole.Web.Features.Alerts;
using OperatorConsole.Web.Features.Approvals;
using OperatorConsole.Web.Features.Assets;
using OperatorConsole.Web.Features.Audit;
using OperatorConsole.Web.Features.Chat;
using OperatorConsole.Web.Features.Constraint;
using OperatorConsole.Web.Features.Import;
using OperatorConsole.Web.Features.Search;
using OperatorConsole.Web.Features.Brief;
using OperatorConsole.Web.Features.Failures;
using OperatorConsole.Web.Features.Integrations;
using OperatorConsole.Web.Features.Leads;
using OperatorConsole.Web.Features.Proposals;
using OperatorConsole.Web.Features.Learning;
using OperatorConsole.Web.Features.Results;
using OperatorConsole.Web.Features.Runs;
using OperatorConsole.Web.Features.Settings;
using OperatorConsole.Web.Features.Packages;
using OperatorConsole.Web.Features.Expectations;
using OperatorConsole.Web.Features.Offers;
using OperatorConsole.Web.Features.AgentJobs;
using OperatorConsole.Web.Features.BuildOps;
using OperatorConsole.Web.Features.Risk;
using OperatorConsole.Web.Features.Templates;

namespace OperatorConsole.Web.Features;

/// <summary>The table of contents of the API: one line per feature. Each feature's endpoints live in its folder.</summary>
public static class ConsoleFeatures
{
    public static IServiceCollection AddConsoleFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DatabaseHealthSignal>();
        services.AddSingleton<DatabaseWriteProbe>();
        services.AddSingleton<AuditChainCheck>();
        services.AddSingleton<DatabaseMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<DatabaseMonitor>());
        services.AddSingleton<OpsChatService>();
        services.AddSingleton<ChatToolbox>();
        services.AddSingleton<OperatorConsole.Data.Chat.IEntityCatalogueSource, LiveEntityCatalogue>();
        services.AddSingleton<OperatorConsole.Data.Search.ISearchSource, PageSearchSource>();
        services.AddSingleton<ProposalDrafter>();
        services.AddConsoleAi(configuration);
        services.AddSingleton<ILearningAiEngine, ChatClientLearningEngine>();
        services.AddFailuresFeature();
        services.AddAlertsFeature(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapConsoleApis(this IEndpointRouteBuilder routes)
    {
        // One group around every feature, so rules every request body obeys apply to endpoints added later too.
        var app = routes.MapGroup("").AddEndpointFilterFactory(BodyRules.Factory);
        app.MapLeadsApi();
        app.MapAccountsApi();
        app.MapPipelineRunsApi();
        app.MapIntegrationsApi();
        app.MapAuditApi();
        app.MapSettingsApi();
        app.MapConstraintApi();
        app.MapChatApi();
        app.MapServicePackagesApi().MapExpectationsApi().MapOffersApi();
        app.MapImportApi();
        app.MapExportsApi();
        app.MapSearchApi();
        app.MapProposalsApi();
        app.MapApprovalsApi();
        app.MapBriefAndScorecardApi();
        app.MapFailuresApi();
        app.MapResultsApi();
        app.MapAgentJobsApi();
        app.MapBuildTasksApi();
        app.MapTemplateStartersApi();
        app.MapRiskApi();
        app.MapAssetsApi();
        app.MapLearningApi();
        app.MapAlertsApi();
        return routes;
    }
}
