using OperatorConsole.Data.Packages;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class PackagesRegistration
{
    /// <summary>Service packages (sprint 3) and the demo's packages with the leads and offers sold on them.</summary>
    public static IServiceCollection AddServicePackagesData(this IServiceCollection services)
    {
        services.AddSingleton<ServicePackageService>();
        services.AddSingleton<IDemoSeedContributor, PackagesDemoSeed>();
        return services;
    }
}
