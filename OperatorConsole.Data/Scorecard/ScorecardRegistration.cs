using OperatorConsole.Data.Scorecard;

namespace Microsoft.Extensions.DependencyInjection;

public static class ScorecardRegistration
{
    /// <summary>The money scorecard.</summary>
    public static IServiceCollection AddScorecardData(this IServiceCollection services)
    {
        services.AddSingleton<ScorecardService>();
        return services;
    }
}
