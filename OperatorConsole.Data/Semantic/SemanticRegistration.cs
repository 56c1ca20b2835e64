using OperatorConsole.Data.Semantic;

namespace Microsoft.Extensions.DependencyInjection;

public static class SemanticRegistration
{
    /// <summary>The semantic index and the kinds of records it embeds (the generator itself is chosen by the host).</summary>
    public static IServiceCollection AddSemanticIndex(this IServiceCollection services)
    {
        services.AddSingleton<SemanticIndex>();
        services.AddSingleton<ISemanticCorpus, PlaybookCorpus>();
        services.AddSingleton<ISemanticCorpus, LearningProposalCorpus>();
        services.AddSingleton<ISemanticCorpus, TranscriptCorpus>();
        services.AddSingleton<ISemanticCorpus, NameCorpus>();
        return services;
    }
}
