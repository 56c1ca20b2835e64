using OperatorConsole.Data.Idempotency;

namespace OperatorConsole.Web.Api;

/// <summary>
/// Removes expired Idempotency-Key records once at start and then every hour, so the table stays small.
/// The store keeps records twice the promised 24 hours, so pruning late or early never breaks a replay.
/// The timer runs on the app's TimeProvider: tests move time instead of waiting.
/// </summary>
internal sealed class IdempotencyPruner(IdempotencyStore store, TimeProvider time, ILogger<IdempotencyPruner> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>Completed prune passes (tests wait on it rather than sleeping).</summary>
    public int Passes => Volatile.Read(ref _passes);

    private int _passes;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                await PruneOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task PruneOnceAsync(CancellationToken ct)
    {
        try
        {
            var removed = await store.PruneAsync(ct);
            if (removed > 0)
            {
                logger.LogInformation("Pruned {Count} expired idempotency records", removed);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A busy database is retried next hour; pruning is housekeeping, never worth crashing the host.
            logger.LogWarning(ex, "Pruning idempotency records failed; retrying in {Interval}", Interval);
        }
        finally
        {
            Interlocked.Increment(ref _passes);
        }
    }
}
