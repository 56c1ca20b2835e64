using OperatorConsole.Data.Integrations;

namespace Microsoft.Extensions.DependencyInjection;

public static class IntegrationsRegistration
{
    /// <summary>Integration health (heartbeats and expected intervals).</summary>
    public static IServiceCollection AddIntegrationsData(this IServiceCollection services)
    {
        services.AddSingleton<IntegrationService>();
        return services;
    }
}
