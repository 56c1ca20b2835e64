using OperatorConsole.Data.AgentJobs;
using OperatorConsole.Data.Failures;

namespace Microsoft.Extensions.DependencyInjection;

public static class AgentJobsRegistration
{
    /// <summary>The coding-agent job ledger, its interventions and its CSV export.</summary>
    public static IServiceCollection AddAgentJobsData(this IServiceCollection services)
    {
        services.AddSingleton<AgentJobService>();
        services.AddSingleton<IInterventionSource, AgentJobInterventions>();
        services.AddSingleton<AgentJobExportService>();
        return services;
    }
}
