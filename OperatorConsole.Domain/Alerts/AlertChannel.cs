namespace OperatorConsole.Domain.Alerts;

/// <summary>How a channel reaches people.</summary>
public enum AlertChannelKind
{
    Webhook,
    Email,
}

/// <summary>The body a webhook receives: our own signed JSON, or what a Slack / Teams incoming webhook accepts.</summary>
public enum WebhookPreset
{
    Json,
    Slack,
    Teams,
}

/// <summary>
/// One outgoing channel to the agency's own people (axiom 1: never a client) and its routing: which failure
/// buckets reach it, after how long or how many, outside which quiet hours, with reminders, resolved messages and
/// a daily digest. Secrets are not stored here: the webhook signing secret and the SMTP credentials come from
/// configuration (or user secrets), named by <see cref="SecretName"/>; the API and the UI never echo them.
/// </summary>
public class AlertChannel
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public AlertChannelKind Kind { get; set; }
    public bool Enabled { get; set; } = true;

    /// <summary>Webhook target (https, or http to a loopback receiver). A Slack URL is itself a credential: views mask it.</summary>
    public string? WebhookUrl { get; set; }
    public WebhookPreset Preset { get; set; }

    /// <summary>Configuration key under <c>Alerts:Secrets</c> holding the HMAC signing secret (JSON preset).</summary>
    public string? SecretName { get; set; }

    /// <summary>E-mail recipients, comma-separated: the agency's own addresses only.</summary>
    public string? EmailTo { get; set; }

    /// <summary>Bucket codes routed to this channel, comma-separated (e.g. "failed_runs,broken_integrations").</summary>
    public string Buckets { get; set; } = AlertRouting.DefaultBuckets;

    /// <summary>An item alerts only once it has been open this long (lets a flapping job settle).</summary>
    public int MinAgeMinutes { get; set; }

    /// <summary>A bucket alerts only when it holds at least this many open items (nudges are noisy one by one).</summary>
    public int MinCount { get; set; } = 1;

    /// <summary>Quiet hours in <see cref="TimeZone"/>, minutes after midnight; both null: never quiet.</summary>
    public int? QuietFromMinute { get; set; }
    public int? QuietToMinute { get; set; }

    /// <summary>IANA or Windows time zone id for quiet hours and the digest hour.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Remind every N hours while an alerted item stays open; null: no reminders.</summary>
    public int? ReminderHours { get; set; }
    public bool SendResolved { get; set; } = true;

    /// <summary>Local hour (0–23) of the daily digest; null: no digest.</summary>
    public int? DigestHour { get; set; }

    /// <summary>Local date of the last digest queued, so one day never gets two.</summary>
    public DateOnly? LastDigestOn { get; set; }

    /// <summary>Failed deliveries in a row; at <see cref="AlertRouting.BrokenAfterFailures"/> the channel is a broken integration.</summary>
    public int ConsecutiveFailures { get; set; }
    public DateTime? LastDeliveredAt { get; set; }
    public DateTime? LastFailedAt { get; set; }
    public string? LastError { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    /// <summary>The integration this channel reports its health as (Failures &amp; Interventions → Broken integrations).</summary>
    public string IntegrationName => AlertRouting.IntegrationName(Id);
}
