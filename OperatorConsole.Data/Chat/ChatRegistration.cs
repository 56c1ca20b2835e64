namespace Microsoft.Extensions.DependencyInjection;

public static class ChatRegistration
{
    /// <summary>The ops chat's fact sources; each feature adds its own source here.</summary>
    public static IServiceCollection AddChatContext(this IServiceCollection services)
    {
        services.AddSingleton<OperatorConsole.Data.Chat.ChatContextBuilder>();
        services.AddSingleton<OperatorConsole.Data.Chat.ChatHistoryService>();
        services.AddSingleton<OperatorConsole.Data.Chat.IChatContextSource, OperatorConsole.Data.Chat.PipelineContextSource>();
        services.AddSingleton<OperatorConsole.Data.Chat.IChatContextSource, OperatorConsole.Data.Chat.IntegrationsContextSource>();
        services.AddSingleton<OperatorConsole.Data.Chat.IChatContextSource, OperatorConsole.Data.Chat.ConstraintContextSource>();
        services.AddSingleton<OperatorConsole.Data.Chat.IChatContextSource, OperatorConsole.Data.Chat.FailuresContextSource>();
        services.AddSingleton<OperatorConsole.Data.Chat.IChatContextSource, OperatorConsole.Data.Chat.BriefContextSource>();
        services.AddSingleton<OperatorConsole.Data.Chat.IChatContextSource, OperatorConsole.Data.Chat.ScorecardContextSource>();
        services.AddSingleton<OperatorConsole.Data.Chat.IChatContextSource, OperatorConsole.Data.Chat.ResultsContextSource>();
        services.AddSingleton<OperatorConsole.Data.Chat.IChatContextSource, OperatorConsole.Data.Chat.LearningContextSource>();
        return services;
    }
}
