using OperatorConsole.Data.Expectations;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Offers;
using OperatorConsole.Data.Packages;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class PackagesRegistration
{
    /// <summary>Sprint 3: service packages, expectation management and the offer ladder (one line in AddData).</summary>
    public static IServiceCollection AddServicePackagesExpectationsOffers(this IServiceCollection services)
    {
        services.AddSingleton<ServicePackageService>();
        services.AddSingleton<ExpectationService>();
        services.AddSingleton<OfferService>();
        services.AddSingleton<IInterventionSource, OverAskingInterventionSource>();
        services.AddSingleton<IDemoSeedContributor, PackagesDemoSeed>();
        return services;
    }
}
