using OperatorConsole.Data.Assets;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class AssetsRegistration
{
    /// <summary>The reusable asset log (2.1): its service, the missing-asset intervention and its demo data.</summary>
    public static IServiceCollection AddAssetsData(this IServiceCollection services)
    {
        services.AddSingleton<ReusableAssetService>();
        services.AddSingleton<IInterventionSource, MissingReusableAssetSource>();
        services.AddSingleton<IDemoSeedContributor, AssetsDemoSeed>();
        return services;
    }
}
