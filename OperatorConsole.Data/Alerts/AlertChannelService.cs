using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using OperatorConsole.Data.Audit;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Domain.Alerts;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Data.Alerts;

/// <summary>Alert channels and their routing: operator-only, every change audited with before and after (never a secret).</summary>
public sealed class AlertChannelService(IDbContextFactory<ConsoleDbContext> dbFactory, TimeProvider time, IConfiguration configuration)
{
    public const string SecretsSection = "Alerts:Secrets";

    /// <summary>Whether any channel is enabled (someone is to be alerted at all).</summary>
    public async Task<bool> AnyEnabledAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<AlertChannel>().AnyAsync(c => c.Enabled, ct);
    }

    public async Task<IReadOnlyList<AlertChannelView>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channels = await db.Set<AlertChannel>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
        return channels.Select(ToView).ToList();
    }

    public async Task<AlertChannelView?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<AlertChannel>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return channel is null ? null : ToView(channel);
    }

    public async Task<OperationResult<AlertChannelView>> CreateAsync(AlertChannelRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<AlertChannelView>(actor, "Only a signed-in operator can add an alert channel.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var errors = await ValidateAsync(db, request, null, ct);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<AlertChannelView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var channel = new AlertChannel { Name = request.Name!.Trim(), CreatedAt = now };
        Apply(channel, request, now);
        db.Add(channel);
        await db.SaveWithAuditAsync(() => db.Audit(actor, now, "alert_channel.created", "alert_channel", channel.Id,
            $"Added alert channel \"{channel.Name}\" ({channel.Kind.ToString().ToLowerInvariant()})", request.Reason, after: ToView(channel)), ct);
        return OperationResult<AlertChannelView>.Created(ToView(channel));
    }

    public async Task<OperationResult<AlertChannelView>> UpdateAsync(int id, AlertChannelRequest request, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<AlertChannelView>(actor, "Only a signed-in operator can change an alert channel.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<AlertChannel>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return OperationResult<AlertChannelView>.NotFound($"Alert channel {id} does not exist.");
        }

        var errors = await ValidateAsync(db, request, channel, ct);
        if (!errors.IsEmpty)
        {
            return errors.ToResult<AlertChannelView>();
        }

        var now = time.GetUtcNow().UtcDateTime;
        var before = ToView(channel);
        Apply(channel, request, now);
        db.Audit(actor, now, "alert_channel.changed", "alert_channel", channel.Id, $"Changed alert channel \"{channel.Name}\"", request.Reason, before, ToView(channel));
        await db.SaveChangesAsync(ct);
        return OperationResult<AlertChannelView>.Ok(ToView(channel));
    }

    /// <summary>Removes the channel; what it still had queued is refused, not sent.</summary>
    public async Task<OperationResult<AlertChannelView>> DeleteAsync(int id, string? reason, Actor actor, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<AlertChannelView>(actor, "Only a signed-in operator can remove an alert channel.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<AlertChannel>().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return OperationResult<AlertChannelView>.NotFound($"Alert channel {id} does not exist.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var view = ToView(channel);
        var pending = await db.Set<AlertDelivery>().Where(d => d.ChannelId == id && d.Status == AlertDeliveryStatus.Pending).ToListAsync(ct);
        foreach (var delivery in pending)
        {
            delivery.Status = AlertDeliveryStatus.Refused;
            delivery.LastError = "The channel was removed.";
        }

        db.Remove(channel);
        db.Audit(actor, now, "alert_channel.removed", "alert_channel", id, $"Removed alert channel \"{channel.Name}\"", reason, before: view);
        await db.SaveChangesAsync(ct);
        return OperationResult<AlertChannelView>.Ok(view);
    }

    /// <summary>Queues a test message for the channel (the worker sends it like any alert, so the log shows the answer).</summary>
    public async Task<OperationResult<AlertDeliveryView>> SendTestAsync(int id, Actor actor, string consoleUrl, CancellationToken ct = default)
    {
        if (HumanGate.OperatorOnly<AlertDeliveryView>(actor, "Only a signed-in operator can send a test alert.") is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var channel = await db.Set<AlertChannel>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (channel is null)
        {
            return OperationResult<AlertDeliveryView>.NotFound($"Alert channel {id} does not exist.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var message = new AlertMessage(AlertKind.Test, $"Test alert from the Operator Console to \"{channel.Name}\"",
            $"Sent by {actor.DisplayName}. If you can read this, the channel works.", now, consoleUrl,
            new AlertItem("test", "test", "test", "Open the alert settings", AlertRouting.Absolute(consoleUrl, "/settings")));
        var delivery = AlertQueue.Enqueue(db, channel, message, now);
        await db.SaveWithAuditAsync(() => db.Audit(actor, now, "alert_channel.test_sent", "alert_channel", channel.Id,
            $"Sent a test alert to \"{channel.Name}\" (delivery {delivery.Id})"), ct);
        return OperationResult<AlertDeliveryView>.Created(AlertQueue.ToView(delivery, channel.Name, []));
    }

    private static async Task<ValidationErrors> ValidateAsync(ConsoleDbContext db, AlertChannelRequest request, AlertChannel? existing, CancellationToken ct)
    {
        var errors = AlertChannelRules.Validate(request, existing?.WebhookUrl is not null && existing.Kind == request.Kind);
        if (!errors.IsEmpty || request.Kind is not { } kind)
        {
            return errors;
        }

        var name = request.Name!.Trim();
        if (await db.Set<AlertChannel>().AnyAsync(c => c.Name == name && c.Id != (existing == null ? 0 : existing.Id), ct))
        {
            return errors.Add("name", $"A channel named '{name}' already exists.");
        }

        var url = string.IsNullOrWhiteSpace(request.WebhookUrl) ? existing?.WebhookUrl : request.WebhookUrl.Trim();
        return await ClientAddressGuard.CheckAsync(db, kind, request.EmailTo ?? [], url, ct);
    }

    private static void Apply(AlertChannel channel, AlertChannelRequest r, DateTime now)
    {
        channel.Name = r.Name!.Trim();
        channel.Kind = r.Kind!.Value;
        channel.Enabled = r.Enabled ?? true;
        channel.Preset = channel.Kind == AlertChannelKind.Webhook ? r.Preset ?? WebhookPreset.Json : WebhookPreset.Json;
        if (channel.Kind == AlertChannelKind.Webhook)
        {
            channel.WebhookUrl = string.IsNullOrWhiteSpace(r.WebhookUrl) ? channel.WebhookUrl : r.WebhookUrl.Trim();
            channel.EmailTo = null;
        }
        else
        {
            channel.WebhookUrl = null;
            channel.EmailTo = string.Join(",", (r.EmailTo ?? []).Select(a => a.Trim()));
        }

        channel.SecretName = string.IsNullOrWhiteSpace(r.SecretName) ? null : r.SecretName.Trim();
        channel.Buckets = r.Buckets is null ? AlertRouting.DefaultBuckets
            : string.Join(",", r.Buckets.Select(FailureBucketExtensions.FromCode).OfType<FailureBucket>().Distinct().Select(b => b.Code()));
        channel.MinAgeMinutes = r.MinAgeMinutes ?? 0;
        channel.MinCount = r.MinCount ?? 1;
        channel.QuietFromMinute = AlertRouting.ParseClock(r.QuietFrom);
        channel.QuietToMinute = AlertRouting.ParseClock(r.QuietTo);
        channel.TimeZone = string.IsNullOrWhiteSpace(r.TimeZone) ? "UTC" : r.TimeZone.Trim();
        channel.ReminderHours = r.ReminderHours;
        channel.SendResolved = r.SendResolved ?? true;
        channel.DigestHour = r.DigestHour;
        channel.UpdatedAt = now;
    }

    public AlertChannelView ToView(AlertChannel c) => new(
        c.Id, c.Name, c.Kind, c.Enabled, c.Kind == AlertChannelKind.Webhook ? AlertChannelRules.MaskUrl(c.WebhookUrl) : null, c.Preset,
        c.SecretName, c.SecretName is not null && !string.IsNullOrEmpty(configuration[$"{SecretsSection}:{c.SecretName}"]),
        AlertChannelRules.Recipients(c.EmailTo), AlertRouting.ParseBuckets(c.Buckets).Order().Select(b => b.Code()).ToList(),
        c.MinAgeMinutes, c.MinCount, AlertRouting.FormatClock(c.QuietFromMinute), AlertRouting.FormatClock(c.QuietToMinute), c.TimeZone,
        c.ReminderHours, c.SendResolved, c.DigestHour, c.ConsecutiveFailures, c.LastDeliveredAt, c.LastFailedAt, c.LastError,
        c.ConsecutiveFailures >= AlertRouting.BrokenAfterFailures);
}
