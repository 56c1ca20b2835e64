using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Semantic;

namespace OperatorConsole.Data.Semantic;

/// <summary>A stored record and how close it is to the query (cosine similarity, -1..1).</summary>
public sealed record SemanticHit(string Kind, string RefId, string Preview, float Similarity);

/// <summary>
/// The semantic engine's one entry point. Embeds text through whichever <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>
/// is configured (the local MiniLM model by default, Azure OpenAI by configuration), keeps one vector per record in
/// the database and re-embeds only what changed (content hash + model id). Kinds marked stale by the indexer are
/// synced before they are searched, so a search never reads a vector for text that is no longer there.
/// </summary>
public sealed class SemanticIndex(
    IDbContextFactory<ConsoleDbContext> dbFactory,
    IEmbeddingGenerator<string, Embedding<float>> generator,
    IEnumerable<ISemanticCorpus> corpora,
    TimeProvider time) : IDisposable
{
    private readonly Dictionary<string, ISemanticCorpus> _corpora = corpora.ToDictionary(c => c.Kind, StringComparer.Ordinal);
    private readonly SemaphoreSlim _syncGate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _stale = new(StringComparer.Ordinal);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, float[]> _textCache = new(StringComparer.Ordinal);

    public void Dispose() => _syncGate.Dispose();

    public string Model => generator.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelId ?? generator.GetType().Name;

    public IReadOnlyCollection<ISemanticCorpus> Corpora => _corpora.Values;

    /// <summary>Called when records of these topics changed: their kinds re-sync before the next search.</summary>
    public void MarkStale(IEnumerable<string> topics)
    {
        var changed = topics.ToHashSet(StringComparer.Ordinal);
        foreach (var corpus in _corpora.Values.Where(c => c.Topics.Any(changed.Contains)))
        {
            _stale[corpus.Kind] = true;
        }
    }

    /// <summary>Kinds marked stale since their last sync.</summary>
    public IReadOnlyList<string> StaleKinds() => _stale.Where(s => s.Value).Select(s => s.Key).ToList();

    public async Task<float[]> EmbedAsync(string text, CancellationToken ct = default) => (await EmbedManyAsync([text], ct))[0];

    /// <summary>Embeds texts; short texts asked for repeatedly (intent phrases, labelled examples) are cached in memory.</summary>
    public async Task<IReadOnlyList<float[]>> EmbedManyAsync(IReadOnlyList<string> texts, CancellationToken ct = default)
    {
        var missing = texts.Where(t => !_textCache.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            var vectors = await generator.GenerateAsync(missing, cancellationToken: ct);
            for (var i = 0; i < missing.Count; i++)
            {
                if (missing[i].Length <= 300 && _textCache.Count < 20_000)
                {
                    _textCache[missing[i]] = vectors[i].Vector.ToArray();
                }
                else
                {
                    return await EmbedUncachedAsync(texts, ct);
                }
            }
        }

        return texts.Select(t => _textCache[t]).ToList();
    }

    private async Task<IReadOnlyList<float[]>> EmbedUncachedAsync(IReadOnlyList<string> texts, CancellationToken ct) =>
        (await generator.GenerateAsync(texts, cancellationToken: ct)).Select(e => e.Vector.ToArray()).ToList();

    /// <summary>Brings one kind's stored vectors up to date with its records; returns how many were (re-)embedded.</summary>
    public async Task<int> SyncAsync(string kind, CancellationToken ct = default)
    {
        var corpus = _corpora[kind];
        await _syncGate.WaitAsync(ct);
        try
        {
            _stale[kind] = false;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var items = (await corpus.LoadAsync(db, ct)).DistinctBy(i => i.RefId, StringComparer.Ordinal).ToDictionary(i => i.RefId, StringComparer.Ordinal);
            var stored = await db.Set<EmbeddingRecord>().Where(e => e.Kind == kind).ToListAsync(ct);
            var model = Model;
            var storedByRef = stored.ToDictionary(e => e.RefId, StringComparer.Ordinal);
            db.RemoveRange(stored.Where(e => !items.ContainsKey(e.RefId)));
            var changed = items.Values.Where(i => !storedByRef.TryGetValue(i.RefId, out var e) || e.ContentHash != Hash(i.Text) || e.Model != model).ToList();
            var now = time.GetUtcNow().UtcDateTime;
            for (var start = 0; start < changed.Count; start += 64)
            {
                var batch = changed.Skip(start).Take(64).ToList();
                var vectors = await generator.GenerateAsync(batch.Select(b => b.Text), cancellationToken: ct);
                for (var i = 0; i < batch.Count; i++)
                {
                    Upsert(db, storedByRef, kind, batch[i], vectors[i].Vector.Span, model, now);
                }
            }

            await db.SaveChangesAsync(ct);
            return changed.Count;
        }
        finally
        {
            _syncGate.Release();
        }
    }

    private static void Upsert(ConsoleDbContext db, Dictionary<string, EmbeddingRecord> stored, string kind, SemanticItem item, ReadOnlySpan<float> vector, string model, DateTime now)
    {
        if (!stored.TryGetValue(item.RefId, out var record))
        {
            record = new EmbeddingRecord { Kind = kind, RefId = item.RefId, ContentHash = "", Model = model, Vector = [], Preview = "" };
            db.Add(record);
        }

        record.ContentHash = Hash(item.Text);
        record.Model = model;
        record.Dimensions = vector.Length;
        record.Vector = Vectors.ToBytes(vector);
        record.Preview = item.Text.Length > 200 ? item.Text[..200] : item.Text;
        record.UpdatedAt = now;
    }

    /// <summary>The stored vectors of a kind (synced first if stale or never synced).</summary>
    public async Task<IReadOnlyList<(string RefId, string Preview, float[] Vector)>> VectorsAsync(string kind, CancellationToken ct = default)
    {
        if (_stale.GetValueOrDefault(kind, true))
        {
            await SyncAsync(kind, ct);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var model = Model;
        return (await db.Set<EmbeddingRecord>().AsNoTracking().Where(e => e.Kind == kind && e.Model == model)
                .Select(e => new { e.RefId, e.Preview, e.Vector }).ToListAsync(ct))
            .Select(e => (e.RefId, e.Preview, Vectors.FromBytes(e.Vector))).ToList();
    }

    /// <summary>The records of a kind nearest in meaning to <paramref name="query"/>, best first.</summary>
    public async Task<IReadOnlyList<SemanticHit>> SearchAsync(string kind, string query, int take = 5, CancellationToken ct = default)
    {
        var q = await EmbedAsync(query, ct);
        return (await VectorsAsync(kind, ct))
            .Select(v => new SemanticHit(kind, v.RefId, v.Preview, Vectors.Cosine(q, v.Vector)))
            .OrderByDescending(h => h.Similarity).Take(take).ToList();
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
