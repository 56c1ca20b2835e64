using Azure;
using Azure.AI.OpenAI;
using Microsoft.Extensions.AI;

namespace OperatorConsole.Web.Ai;

/// <summary>Chat:AzureOpenAI settings. All three must be set for the AI engines to be used.</summary>
public sealed class AzureOpenAiOptions
{
    public const string Section = "Chat:AzureOpenAI";

    public string? Endpoint { get; set; }
    public string? Deployment { get; set; }
    public string? ApiKey { get; set; }

    public bool IsComplete =>
        !string.IsNullOrWhiteSpace(Endpoint) && !string.IsNullOrWhiteSpace(Deployment) && !string.IsNullOrWhiteSpace(ApiKey);
}

public static class AiRegistration
{
    /// <summary>
    /// Registers one <see cref="IChatClient"/> (Azure OpenAI) when Chat:AzureOpenAI:Endpoint, Deployment and ApiKey
    /// are all set, and nothing otherwise: features ask for it optionally and use their built-in engines without
    /// it. Shared by every AI feature (learning extraction, ops chat).
    /// </summary>
    public static IServiceCollection AddConsoleAi(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AzureOpenAiOptions.Section).Get<AzureOpenAiOptions>() ?? new AzureOpenAiOptions();
        services.AddSingleton(options);
        if (options.IsComplete)
        {
            services.AddSingleton<IChatClient>(_ =>
                new AzureOpenAIClient(new Uri(options.Endpoint!), new AzureKeyCredential(options.ApiKey!))
                    .GetChatClient(options.Deployment!)
                    .AsIChatClient());
        }

        AddEmbeddings(services, configuration, options);
        return services;
    }

    /// <summary>
    /// One <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>: Semantic:Embeddings = minilm (default: the local model
    /// shipped in the package), azure (Azure OpenAI, deployment Semantic:AzureDeployment on the Chat:AzureOpenAI
    /// endpoint) or lexical (hashed words, no model; for tests and tiny machines).
    /// </summary>
    private static void AddEmbeddings(IServiceCollection services, IConfiguration configuration, AzureOpenAiOptions azure)
    {
        var engine = configuration["Semantic:Embeddings"]?.Trim().ToLowerInvariant() ?? "minilm";
        var deployment = configuration["Semantic:AzureDeployment"];
        switch (engine)
        {
            case "azure" when azure.IsComplete && !string.IsNullOrWhiteSpace(deployment):
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(_ =>
                    new AzureOpenAIClient(new Uri(azure.Endpoint!), new AzureKeyCredential(azure.ApiKey!))
                        .GetEmbeddingClient(deployment)
                        .AsIEmbeddingGenerator());
                break;
            case "azure":
                throw new InvalidOperationException("Semantic:Embeddings=azure needs Chat:AzureOpenAI (Endpoint, Deployment, ApiKey) and Semantic:AzureDeployment.");
            case "lexical":
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, OperatorConsole.Data.Semantic.LexicalEmbeddingGenerator>();
                break;
            case "minilm":
                services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>, MiniLmEmbeddingGenerator>();
                break;
            default:
                throw new InvalidOperationException($"Semantic:Embeddings must be minilm, azure or lexical (was '{engine}').");
        }

        services.AddHostedService<SemanticIndexer>();
    }
}
