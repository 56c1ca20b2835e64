using OperatorConsole.Data.Learning;

namespace OperatorConsole.Web.Features.Learning;

public static class LearningFeatureRegistration
{
    /// <summary>Learning extraction with the configured chat model (without one, the built-in extractor is used).</summary>
    public static IServiceCollection AddLearningFeature(this IServiceCollection services)
    {
        services.AddSingleton<ILearningAiEngine, ChatClientLearningEngine>();
        return services;
    }
}
