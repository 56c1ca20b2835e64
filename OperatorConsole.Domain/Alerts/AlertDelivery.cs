using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Domain.Alerts;

/// <summary>Why a message is sent.</summary>
public enum AlertKind
{
    /// <summary>A new item reached the channel's rules.</summary>
    Opened,

    /// <summary>The item is still open N hours after the last message.</summary>
    Reminder,

    /// <summary>The item cleared (fixed, not acknowledged).</summary>
    Resolved,

    Digest,

    /// <summary>"Send test" from Settings.</summary>
    Test,
}

public enum AlertDeliveryStatus
{
    /// <summary>Queued; the worker sends it at <see cref="AlertDelivery.NextAttemptAt"/>.</summary>
    Pending,
    Delivered,

    /// <summary>Gave up after <see cref="AlertRouting.MaxAttempts"/> attempts.</summary>
    Failed,

    /// <summary>Never sent: the channel was deleted, disabled or would write to a client.</summary>
    Refused,
}

/// <summary>
/// One message queued for one channel, in the database so it survives a restart. The worker sends due ones,
/// records every attempt, and retries with backoff until it is delivered or given up.
/// </summary>
public class AlertDelivery
{
    public long Id { get; set; }
    public int ChannelId { get; set; }
    public AlertKind Kind { get; set; }
    public required string Title { get; set; }

    /// <summary>The <see cref="AlertMessage"/> as JSON: rendered per preset at send time.</summary>
    public required string MessageJson { get; set; }
    public AlertDeliveryStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? DeliveredAt { get; set; }
    public string? LastError { get; set; }
}

/// <summary>One try at a delivery: the receiver's status and answer, and how long it took.</summary>
public class AlertDeliveryAttempt
{
    public long Id { get; set; }
    public long DeliveryId { get; set; }
    public int ChannelId { get; set; }
    public DateTime At { get; set; }
    public bool Ok { get; set; }

    /// <summary>HTTP status, or the SMTP reply code; null when nothing answered.</summary>
    public int? StatusCode { get; set; }
    public int LatencyMs { get; set; }

    /// <summary>The receiver's answer (truncated) or the error.</summary>
    public string? Response { get; set; }
}

/// <summary>
/// What a channel has been told about one failure item: the de-duplication record. One open notice per channel
/// and item; it is resolved when the item clears, and a later failure of the same key starts a new notice.
/// </summary>
public class AlertNotice
{
    public long Id { get; set; }
    public int ChannelId { get; set; }
    public FailureBucket Bucket { get; set; }
    public required string ItemKey { get; set; }
    public required string Title { get; set; }
    public required string Link { get; set; }
    public DateTime FirstSeenAt { get; set; }

    /// <summary>When the "opened" alert was queued; null while it waits (min age, count, quiet hours).</summary>
    public DateTime? OpenedSentAt { get; set; }

    /// <summary>Last alert or reminder queued (reminders count from here).</summary>
    public DateTime? LastSentAt { get; set; }
    public DateTime? ResolvedAt { get; set; }
}
