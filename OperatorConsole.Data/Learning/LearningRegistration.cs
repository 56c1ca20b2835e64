using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Learning;
using OperatorConsole.Data.Seed;

namespace Microsoft.Extensions.DependencyInjection;

public static class LearningRegistration
{
    /// <summary>Learning → Action (2.2): lessons, contradictions, the playbook, low-confidence proposals and demo data.</summary>
    public static IServiceCollection AddLearningData(this IServiceCollection services)
    {
        services.AddSingleton<LearningService>();
        services.AddSingleton<SemanticContradictionFinder>();
        services.AddSingleton<LessonLabeller>();
        services.AddSingleton<PlaybookService>();
        services.AddSingleton<ILowConfidenceSource, LowConfidenceLearningSource>();
        services.AddSingleton<IDemoSeedContributor, LearningDemoSeed>();
        return services;
    }
}
