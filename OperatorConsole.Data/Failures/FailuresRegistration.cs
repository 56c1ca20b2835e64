using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class FailuresServiceCollectionExtensions
{
    /// <summary>The failures report, acknowledgements and their demo data.</summary>
    public static IServiceCollection AddFailures(this IServiceCollection services)
    {
        services.AddSingleton<FailuresService>();
        services.AddSingleton<FailureAcknowledgementService>();
        services.AddSingleton<IDemoSeedContributor, FailuresDemoSeed>();
        return services;
    }
}
