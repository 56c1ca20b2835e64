using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Data.Integrations;
using OperatorConsole.Domain.Alerts;

namespace OperatorConsole.Data.Alerts;

public sealed record AlertAttemptView(DateTime At, bool Ok, int? StatusCode, int LatencyMs, string? Response);

public sealed record AlertDeliveryView(
    long Id, int ChannelId, string ChannelName, AlertKind Kind, string Title, AlertDeliveryStatus Status, int Attempts, DateTime CreatedAt,
    DateTime NextAttemptAt, DateTime? DeliveredAt, string? LastError, IReadOnlyList<AlertAttemptView> AttemptLog);

/// <summary>What one send produced: the receiver's status code and answer, or the error.</summary>
public sealed record AlertSendOutcome(bool Ok, int? StatusCode, string? Response, TimeSpan Latency);

/// <summary>A due delivery with everything the sender needs.</summary>
public sealed record DueDelivery(long Id, AlertChannel Channel, AlertMessage Message, int Attempts);

/// <summary>
/// The delivery queue and log, in the database so queued alerts survive a restart. Each attempt is a row; a
/// failure schedules the next try with <see cref="AlertRouting.Backoff"/>; a channel that keeps failing reports
/// itself as a broken integration, so the alerting never fails silently.
/// </summary>
public sealed class AlertQueue(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A channel's broken-integration row must not go "silent" between alerts: a year of quiet is fine.</summary>
    private const int ChannelIntervalMinutes = 366 * 24 * 60;

    public static AlertDelivery Enqueue(ConsoleDbContext db, AlertChannel channel, AlertMessage message, DateTime now)
    {
        var delivery = new AlertDelivery
        {
            ChannelId = channel.Id,
            Kind = message.Kind,
            Title = message.Title.Length > 500 ? message.Title[..500] : message.Title,
            MessageJson = JsonSerializer.Serialize(message, Json),
            Status = AlertDeliveryStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        };
        db.Add(delivery);
        return delivery;
    }

    /// <summary>Pending deliveries whose time has come, oldest first.</summary>
    public async Task<IReadOnlyList<DueDelivery>> DueAsync(int max, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
            from d in db.Set<AlertDelivery>().AsNoTracking()
            where d.Status == AlertDeliveryStatus.Pending && d.NextAttemptAt <= now
            join c in db.Set<AlertChannel>().AsNoTracking() on d.ChannelId equals c.Id into channels
            from c in channels.DefaultIfEmpty()
            orderby d.NextAttemptAt, d.Id
            select new { d.Id, d.MessageJson, d.Attempts, Channel = c })
            .Take(max).ToListAsync(ct);
        return rows.Select(r => new DueDelivery(r.Id, r.Channel!, JsonSerializer.Deserialize<AlertMessage>(r.MessageJson, Json)!, r.Attempts)).ToList();
    }

    /// <summary>When the next pending delivery is due (the worker sleeps until then unless woken).</summary>
    public async Task<DateTime?> NextDueAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<AlertDelivery>().AsNoTracking().Where(d => d.Status == AlertDeliveryStatus.Pending)
            .OrderBy(d => d.NextAttemptAt).Select(d => (DateTime?)d.NextAttemptAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>Never sent: the channel is gone, disabled or would reach a client.</summary>
    public async Task RefuseAsync(long deliveryId, string why, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.Set<AlertDelivery>().FirstAsync(d => d.Id == deliveryId, ct);
        delivery.Status = AlertDeliveryStatus.Refused;
        delivery.LastError = Truncate(why);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Logs the attempt, updates the delivery (delivered, retry later, or given up) and the channel's health.</summary>
    public async Task RecordAsync(long deliveryId, AlertSendOutcome outcome, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var delivery = await db.Set<AlertDelivery>().FirstAsync(d => d.Id == deliveryId, ct);
        var channel = await db.Set<AlertChannel>().FirstOrDefaultAsync(c => c.Id == delivery.ChannelId, ct);
        delivery.Attempts++;
        db.Add(new AlertDeliveryAttempt
        {
            DeliveryId = delivery.Id,
            ChannelId = delivery.ChannelId,
            At = now,
            Ok = outcome.Ok,
            StatusCode = outcome.StatusCode,
            LatencyMs = (int)Math.Min(int.MaxValue, outcome.Latency.TotalMilliseconds),
            Response = Truncate(outcome.Response),
        });
        if (outcome.Ok)
        {
            delivery.Status = AlertDeliveryStatus.Delivered;
            delivery.DeliveredAt = now;
            delivery.LastError = null;
        }
        else
        {
            delivery.LastError = Truncate(outcome.Response ?? "No answer.");
            delivery.Status = delivery.Attempts >= AlertRouting.MaxAttempts ? AlertDeliveryStatus.Failed : AlertDeliveryStatus.Pending;
            delivery.NextAttemptAt = now + AlertRouting.Backoff(delivery.Attempts);
        }

        if (channel is not null)
        {
            await UpdateChannelHealthAsync(db, channel, outcome, now, ct);
        }

        await db.SaveChangesAsync(ct);
    }

    private static async Task UpdateChannelHealthAsync(ConsoleDbContext db, AlertChannel channel, AlertSendOutcome outcome, DateTime now, CancellationToken ct)
    {
        if (outcome.Ok)
        {
            var wasBroken = channel.ConsecutiveFailures >= AlertRouting.BrokenAfterFailures;
            channel.ConsecutiveFailures = 0;
            channel.LastDeliveredAt = now;
            await IntegrationService.ReportAsync(db, channel.IntegrationName, true,
                $"Alert channel \"{channel.Name}\" delivered{(wasBroken ? " again" : "")}.", now, registerIfMissing: false, ChannelIntervalMinutes, ct);
            return;
        }

        channel.ConsecutiveFailures++;
        channel.LastFailedAt = now;
        channel.LastError = Truncate(outcome.Response ?? "No answer.");
        if (channel.ConsecutiveFailures >= AlertRouting.BrokenAfterFailures)
        {
            await IntegrationService.ReportAsync(db, channel.IntegrationName, false,
                $"Alert channel \"{channel.Name}\" failed {channel.ConsecutiveFailures} deliveries in a row: {channel.LastError}",
                now, registerIfMissing: true, ChannelIntervalMinutes, ct);
        }
    }

    public async Task<IReadOnlyList<AlertDeliveryView>> ListAsync(int? channelId, int take, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<AlertDelivery>().AsNoTracking();
        if (channelId is { } id)
        {
            query = query.Where(d => d.ChannelId == id);
        }

        var deliveries = await query.OrderByDescending(d => d.Id).Take(Math.Clamp(take, 1, 500)).ToListAsync(ct);
        var ids = deliveries.Select(d => d.Id).ToList();
        var attempts = (await db.Set<AlertDeliveryAttempt>().AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).ToListAsync(ct))
            .OrderBy(a => a.Id).ToLookup(a => a.DeliveryId);
        var channelIds = deliveries.Select(d => d.ChannelId).Distinct().ToList();
        var names = await db.Set<AlertChannel>().AsNoTracking().Where(c => channelIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return deliveries.Select(d => ToView(d, names.GetValueOrDefault(d.ChannelId, "(removed)"), attempts[d.Id])).ToList();
    }

    public static AlertDeliveryView ToView(AlertDelivery d, string channelName, IEnumerable<AlertDeliveryAttempt> attempts) => new(
        d.Id, d.ChannelId, channelName, d.Kind, d.Title, d.Status, d.Attempts, d.CreatedAt, d.NextAttemptAt, d.DeliveredAt, d.LastError,
        attempts.Select(a => new AlertAttemptView(a.At, a.Ok, a.StatusCode, a.LatencyMs, a.Response)).ToList());

    private static string? Truncate(string? text) =>
        text is null ? null : text.Length > AlertChannelRules.ErrorMax ? text[..AlertChannelRules.ErrorMax] : text;
}
