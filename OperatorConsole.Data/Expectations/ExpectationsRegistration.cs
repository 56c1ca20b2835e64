using OperatorConsole.Data.Expectations;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class ExpectationsRegistration
{
    /// <summary>Expectation management: snapshots, the risk-flag list, over-asking as an intervention, and its demo histories.</summary>
    public static IServiceCollection AddExpectationsData(this IServiceCollection services)
    {
        services.AddSingleton<ExpectationService>();
        services.AddSingleton<IInterventionSource, OverAskingInterventionSource>();
        services.AddSingleton<IDemoSeedContributor, ExpectationsDemoSeed>();
        return services;
    }
}
