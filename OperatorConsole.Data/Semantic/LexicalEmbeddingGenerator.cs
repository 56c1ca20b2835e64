using System.Text;
using Microsoft.Extensions.AI;

namespace OperatorConsole.Data.Semantic;

/// <summary>
/// A deterministic bag-of-words embedding (hashed word stems and character trigrams into 384 buckets): similar
/// wording gives similar vectors, meaning does not. It loads nothing and costs microseconds, so tests whose subject
/// is not semantic quality use it (Semantic:Embeddings=lexical), and the real model is tested once per run.
/// </summary>
public sealed class LexicalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "lexical-hash-384";
    public const int Dimensions = 384;

    private readonly EmbeddingGeneratorMetadata _metadata = new("lexical", defaultModelId: ModelId, defaultModelDimensions: Dimensions);

    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var result = new GeneratedEmbeddings<Embedding<float>>(values.Select(v => new Embedding<float>(Embed(v)) { ModelId = ModelId }));
        return Task.FromResult(result);
    }

    public static float[] Embed(string text)
    {
        var vector = new float[Dimensions];
        foreach (var word in OperatorConsole.Domain.Semantic.TextTokens.Words(text))
        {
            var stem = OperatorConsole.Domain.Semantic.TextTokens.Stem(word);
            vector[Bucket(stem)] += 1f;
            var padded = $"#{stem}#";
            for (var i = 0; i + 3 <= padded.Length; i++)
            {
                vector[Bucket(padded.Substring(i, 3))] += 0.25f;
            }
        }

        return vector;
    }

    // FNV-1a: stable across processes and runtimes (string.GetHashCode is randomised per process).
    private static int Bucket(string token)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(token))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return (int)(hash % Dimensions);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
