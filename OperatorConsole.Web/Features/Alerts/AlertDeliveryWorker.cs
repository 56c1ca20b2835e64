using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OperatorConsole.Data.Alerts;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Web.Live;

namespace OperatorConsole.Web.Features.Alerts;

/// <summary>
/// Delivers the queue. Wakes when a delivery is saved (the live event of <see cref="AlertDelivery"/>, so also for
/// deliveries queued by another instance) or when the next retry is due by <see cref="TimeProvider"/>; on start
/// it sends whatever a previous run left queued. Sends one at a time: alerts are few, and ordering per channel
/// stays natural.
/// </summary>
public sealed class AlertDeliveryWorker(
    AlertQueue queue,
    IEnumerable<IAlertSender> senders,
    IDbContextFactory<ConsoleDbContext> dbFactory,
    ConsoleEvents events,
    TimeProvider time,
    IOptions<AlertsOptions> options,
    ILogger<AlertDeliveryWorker> logger) : BackgroundService
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Dictionary<AlertChannelKind, IAlertSender> _senders = senders.ToDictionary(s => s.Kind);

    /// <summary>Deliveries attempted since start (tests and the benchmark wait on it).</summary>
    public long Attempts => Interlocked.Read(ref _attempts);

    private long _attempts;

    /// <summary>Raised after each attempt is recorded (tests and the benchmark).</summary>
    public event Action<long, AlertSendOutcome>? Attempted;

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already signalled: one wake-up covers every delivery queued so far.
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Deliver)
        {
            return;
        }

        using var subscription = events.Subscribe([nameof(AlertDelivery)], _ =>
        {
            Wake();
            return Task.CompletedTask;
        });
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                await WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be busy or down: keep the worker alive and try again shortly.
                logger.LogError(ex, "Delivering alerts failed; trying again shortly");
                await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task DeliverDueAsync(CancellationToken ct)
    {
        while (await queue.DueAsync(20, ct) is { Count: > 0 } due)
        {
            foreach (var delivery in due)
            {
                await DeliverAsync(delivery, ct);
            }
        }
    }

    private async Task DeliverAsync(DueDelivery delivery, CancellationToken ct)
    {
        if (await RefusalAsync(delivery, ct) is { } why)
        {
            await queue.RefuseAsync(delivery.Id, why, ct);
            return;
        }

        var outcome = await _senders[delivery.Channel.Kind].SendAsync(delivery.Channel, delivery.Message, ct);
        await queue.RecordAsync(delivery.Id, outcome, ct);
        Interlocked.Increment(ref _attempts);
        if (!outcome.Ok)
        {
            logger.LogWarning("Alert delivery {Delivery} to channel {Channel} failed: {Error}", delivery.Id, delivery.Channel.Name, outcome.Response);
        }

        Attempted?.Invoke(delivery.Id, outcome);
    }

    /// <summary>Why a delivery must not be sent at all: its channel is gone or off, or now points at a client (axiom 1).</summary>
    private async Task<string?> RefusalAsync(DueDelivery delivery, CancellationToken ct)
    {
        if (delivery.Channel is null)
        {
            return "The channel was removed.";
        }

        if (!delivery.Channel.Enabled && delivery.Message.Kind != AlertKind.Test)
        {
            return "The channel is disabled.";
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ClientAddressGuard.CheckAsync(db, delivery.Channel.Kind, AlertChannelRules.Recipients(delivery.Channel.EmailTo), delivery.Channel.WebhookUrl, ct);
        return errors.IsEmpty ? null : "Refused: " + string.Join(" ", errors.ToDictionary().SelectMany(e => e.Value));
    }

    private async Task WaitAsync(CancellationToken ct)
    {
        var next = await queue.NextDueAsync(ct);
        var wait = next is { } at ? at - time.GetUtcNow().UtcDateTime : Timeout.InfiniteTimeSpan;
        if (next is not null && wait <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = next is null ? Task.Delay(Timeout.Infinite, timeout.Token) : Task.Delay(wait, time, timeout.Token);
        await Task.WhenAny(_wake.WaitAsync(timeout.Token), delay);
        await timeout.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }

    public override void Dispose()
    {
        base.Dispose();
        _wake.Dispose();
    }
}
