using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OperatorConsole.Data.Import;

/// <summary>Job ids waiting for the worker. The job itself lives in the database; the queue only says "go".</summary>
public sealed class ImportQueue
{
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(int jobId) => _channel.Writer.TryWrite(jobId);

    internal ChannelReader<int> Reader => _channel.Reader;
}

/// <summary>
/// Runs imports one at a time in the background, so an import continues when the operator navigates away, and
/// picks up jobs that a restart interrupted.
/// </summary>
public sealed class ImportWorker(ImportQueue queue, ImportJobService jobs, ILogger<ImportWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var id in await jobs.RequeueUnfinishedAsync(stoppingToken))
            {
                queue.Enqueue(id);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not look for unfinished import jobs");
        }

        await foreach (var id in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await jobs.RunAsync(id, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // One broken job must not stop the worker; the job stays Running and is retried on the next start.
                logger.LogError(ex, "Import job {JobId} crashed", id);
            }
        }
    }
}
