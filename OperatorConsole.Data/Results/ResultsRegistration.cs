using Microsoft.Extensions.Configuration;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Results;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class ResultsRegistration
{
    /// <summary>Client success, proof storage (section "Storage"), the ledger's interventions, its CSV export and demo data.</summary>
    public static IServiceCollection AddResultsData(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        services.AddSingleton(storage);
        services.AddSingleton<ProofFileStore>();
        services.AddSingleton<ClientSuccessService>();
        services.AddSingleton<ProofArtifactService>();
        services.AddSingleton<ResultsExportService>();
        services.AddSingleton<IInterventionSource, ResultsInterventionSource>();
        services.AddSingleton<IDemoSeedContributor, ResultsDemoSeed>();
        return services;
    }
}
