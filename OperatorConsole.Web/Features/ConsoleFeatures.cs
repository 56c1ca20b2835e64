using OperatorConsole.Web.Ai;
using OperatorConsole.Web.Api;
using OperatorConsole.Web.Api.Contract;
using OperatorConsole.Web.Features.Accounts;
using OperatorConsole.Web.Features.Teams;
using OperatorConsole.Web.Features.AgentJobs;
using OperatorConsole.Web.Features.Alerts;
using OperatorConsole.Web.Features.Approvals;
using OperatorConsole.Web.Features.Assets;
using OperatorConsole.Web.Features.Audit;
using OperatorConsole.Web.Features.Brief;
using OperatorConsole.Web.Features.BuildOps;
using OperatorConsole.Web.Features.Chat;
using OperatorConsole.Web.Features.CommandCenter;
using OperatorConsole.Web.Features.Constraint;
using OperatorConsole.Web.Features.Expectations;
using OperatorConsole.Web.Features.Failures;
using OperatorConsole.Web.Features.Import;
using OperatorConsole.Web.Features.Integrations;
using OperatorConsole.Web.Features.Leads;
using OperatorConsole.Web.Features.Learning;
using OperatorConsole.Web.Features.Offers;
using OperatorConsole.Web.Features.Packages;
using OperatorConsole.Web.Features.Proposals;
using OperatorConsole.Web.Features.Results;
using OperatorConsole.Web.Features.Risk;
using OperatorConsole.Web.Features.Runs;
using OperatorConsole.Web.Features.Search;
using OperatorConsole.Web.Features.Settings;
using OperatorConsole.Web.Features.Templates;

namespace OperatorConsole.Web.Features;

/// <summary>
/// The table of contents of the web layer: one line per feature, each registered and mapped from its own folder
/// (<c>Features/X/…Registration.cs</c>, <c>Features/X/XApi.cs</c>). A feature's CSV export is part of its API.
/// </summary>
public static class ConsoleFeatures
{
    public static IServiceCollection AddConsoleFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        // Shared by the features below: the database's health as the screens see it, and the AI clients.
        services.AddDatabaseHealth();
        services.AddConsoleAi(configuration);

        services.AddAuditFeature();
        services.AddChatFeature();
        services.AddSearchFeature();
        services.AddProposalsFeature();
        services.AddLearningFeature();
        services.AddFailuresFeature();
        services.AddBriefFeature();
        services.AddAlertsFeature(configuration);
        return services;
    }

    public static IEndpointRouteBuilder MapConsoleApis(this IEndpointRouteBuilder routes)
    {
        // One group around every feature, so the rules every request body and query string obey apply to endpoints
        // added later too.
        var app = routes.MapGroup("").AddEndpointFilterFactory(QueryRules.Factory).AddEndpointFilterFactory(BodyRules.Factory);
        app.MapLeadsApi();
        app.MapAccountsApi();
        app.MapTeamsApi();
        app.MapPipelineRunsApi();
        app.MapIntegrationsApi();
        app.MapAuditApi();
        app.MapSettingsApi();
        app.MapConstraintApi();
        app.MapChatApi();
        app.MapServicePackagesApi();
        app.MapExpectationsApi();
        app.MapOffersApi();
        app.MapImportApi();
        app.MapSearchApi();
        app.MapProposalsApi();
        app.MapApprovalsApi();
        app.MapBriefAndScorecardApi();
        app.MapCommandCenterApi();
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
