using OperatorConsole.Data.Leads;

namespace Microsoft.Extensions.DependencyInjection;

public static class LeadsRegistration
{
    /// <summary>Leads: the lead service, next steps, expected close dates, the pipeline by stage and the leads CSV export.</summary>
    public static IServiceCollection AddLeadsData(this IServiceCollection services)
    {
        services.AddSingleton<LeadService>();
        services.AddSingleton<NextStepService>();
        services.AddSingleton<ExpectedCloseService>();
        services.AddSingleton<PipelineStageService>();
        services.AddSingleton<LeadExportService>();
        return services;
    }
}
