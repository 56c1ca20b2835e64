using OperatorConsole.Data.Semantic;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Ai;

/// <summary>
/// Keeps stored vectors current: every saved change already arrives as a live event, so the indexer subscribes to
/// the topics of the embedded records, marks their kinds stale and re-syncs them shortly after (a burst of changes,
/// e.g. an import, costs one sync). Searches sync a stale kind themselves, so correctness never waits on this.
/// </summary>
public sealed class SemanticIndexer(ConsoleEvents events, SemanticIndex index, ILogger<SemanticIndexer> logger) : BackgroundService
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changed = new System.Threading.Channels.BoundedChannelOptions(1) { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite };
        var signal = System.Threading.Channels.Channel.CreateBounded<bool>(changed);
        var topics = index.Corpora.SelectMany(c => c.Topics).ToHashSet(StringComparer.Ordinal);
        using var subscription = events.Subscribe(topics, batch =>
        {
            index.MarkStale(batch.Select(c => c.Topic));
            signal.Writer.TryWrite(true);
            return Task.CompletedTask;
        });
        try
        {
            while (await signal.Reader.WaitToReadAsync(stoppingToken))
            {
                await Task.Delay(Settle, stoppingToken);
                signal.Reader.TryRead(out _);
                await SyncStaleAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SyncStaleAsync(CancellationToken ct)
    {
        foreach (var kind in index.StaleKinds())
        {
            try
            {
                var embedded = await index.SyncAsync(kind, ct);
                logger.LogDebug("Semantic index: {Kind} synced, {Count} re-embedded", kind, embedded);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The next search syncs the kind itself; a failed background sync only loses a head start.
                logger.LogWarning(ex, "Semantic index: syncing {Kind} failed", kind);
            }
        }
    }
}
