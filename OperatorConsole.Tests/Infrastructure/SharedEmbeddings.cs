using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Web.Ai;

namespace OperatorConsole.Tests.Infrastructure;

/// <summary>
/// The real MiniLM model, loaded once per test run (about 90 MB of weights, seconds to load) and shared by every test
/// whose subject is semantic quality. Everything else runs on the lexical generator (ConsoleFactory's default).
/// </summary>
public static class SharedEmbeddings
{
    private static readonly Lazy<MiniLmEmbeddingGenerator> Model = new(() => new MiniLmEmbeddingGenerator());

    public static MiniLmEmbeddingGenerator MiniLm => Model.Value;

    /// <summary>Registers the shared model instead of the lexical generator (the container does not own or dispose it).</summary>
    public static void UseMiniLm(IServiceCollection services) =>
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(MiniLm);
}
