using OperatorConsole.Web.Api;
using OperatorConsole.Web.Features.Audit;
using OperatorConsole.Web.Features.Integrations;
using OperatorConsole.Web.Features.Leads;
using OperatorConsole.Web.Features.Results;
using OperatorConsole.Web.Features.Runs;
using OperatorConsole.Web.Features.Settings;

namespace OperatorConsole.Web.Features;

/// <summary>The table of contents of the API: one line per feature. Each feature's endpoints live in its folder.</summary>
public static class ConsoleFeatures
{
    public static IServiceCollection AddConsoleFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<DatabaseHealthSignal>();
        return services;
    }

    public static IEndpointRouteBuilder MapConsoleApis(this IEndpointRouteBuilder app)
    {
        app.MapLeadsApi();
        app.MapPipelineRunsApi();
        app.MapIntegrationsApi();
        app.MapAuditApi();
        app.MapSettingsApi();
        app.MapResultsApi();
        return app;
    }
}
