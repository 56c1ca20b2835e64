using OperatorConsole.Data.Assets;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Learning;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class AssetsAndLearningServiceCollectionExtensions
{
    /// <summary>Reusable asset log (2.1) and Learning → Action (2.2): services, failure sources and demo data.</summary>
    public static IServiceCollection AddAssetsAndLearning(this IServiceCollection services)
    {
        services.AddSingleton<ReusableAssetService>();
        services.AddSingleton<IInterventionSource, MissingReusableAssetSource>();
        services.AddSingleton<IDemoSeedContributor, AssetsDemoSeed>();
        services.AddSingleton<LearningService>();
        services.AddSingleton<SemanticContradictionFinder>();
        services.AddSingleton<LessonLabeller>();
        services.AddSingleton<PlaybookService>();
        services.AddSingleton<ILowConfidenceSource, LowConfidenceLearningSource>();
        services.AddSingleton<IDemoSeedContributor, LearningDemoSeed>();
        return services;
    }
}
