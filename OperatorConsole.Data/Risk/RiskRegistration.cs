using OperatorConsole.Data.Risk;

namespace Microsoft.Extensions.DependencyInjection;

public static class RiskRegistration
{
    /// <summary>The change-risk rules agent jobs are classified by.</summary>
    public static IServiceCollection AddRiskData(this IServiceCollection services)
    {
        services.AddSingleton<RiskRuleService>();
        return services;
    }
}
