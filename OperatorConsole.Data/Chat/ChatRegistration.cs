using Microsoft.Extensions.DependencyInjection.Extensions;
using OperatorConsole.Data.Chat.Topics;

namespace Microsoft.Extensions.DependencyInjection;

public static class ChatRegistration
{
    /// <summary>The ops chat's fact sources; each topic is one typed source over the service its card uses.</summary>
    public static IServiceCollection AddChatContext(this IServiceCollection services)
    {
        services.AddSingleton<OperatorConsole.Data.Chat.ChatHistoryService>();
        services.AddSingleton<OperatorConsole.Data.Chat.BuiltInChatEngine>();
        services.AddSingleton<OperatorConsole.Data.Chat.EntityCatalogueLoader>();
        services.TryAddSingleton<OperatorConsole.Data.Chat.IEntityCatalogueSource>(sp => sp.GetRequiredService<OperatorConsole.Data.Chat.EntityCatalogueLoader>());
        services.AddSingleton<IChatTopicSource, FailuresTopic>();
        services.AddSingleton<IChatTopicSource, IntegrationsTopic>();
        services.AddSingleton<IChatTopicSource, PipelineTopic>();
        services.AddSingleton<IChatTopicSource, ProposalsTopic>();
        services.AddSingleton<IChatTopicSource, MoneyTopic>();
        services.AddSingleton<IChatTopicSource, ApprovalsTopic>();
        services.AddSingleton<IChatTopicSource, BuildOpsTopic>();
        services.AddSingleton<IChatTopicSource, AgentJobsTopic>();
        services.AddSingleton<IChatTopicSource, ResultsTopic>();
        services.AddSingleton<IChatTopicSource, ConstraintTopic>();
        services.AddSingleton<IChatTopicSource, LearningTopic>();
        services.AddSingleton<IChatTopicSource, BriefTopic>();
        services.AddSingleton<IChatTopicSource, RankingTopic>();
        services.AddSingleton<IChatTopicSource, EntityTopic>();
        services.AddSingleton<TouchActivityFacts>();
        services.AddSingleton<PeriodAheadFacts>();
        services.AddSingleton<ExpectedCloseFacts>();
        return services;
    }
}
