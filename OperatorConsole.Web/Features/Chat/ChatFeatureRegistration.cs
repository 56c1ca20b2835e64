namespace OperatorConsole.Web.Features.Chat;

public static class ChatFeatureRegistration
{
    /// <summary>The ops chat: the model-backed service, its tools and the live entity catalogue (replacing the Data layer's loader).</summary>
    public static IServiceCollection AddChatFeature(this IServiceCollection services)
    {
        services.AddSingleton<OpsChatService>();
        services.AddSingleton<ChatToolbox>();
        services.AddSingleton<OperatorConsole.Data.Chat.IEntityCatalogueSource, LiveEntityCatalogue>();
        return services;
    }
}
