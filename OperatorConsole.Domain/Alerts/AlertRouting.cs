using System.Globalization;
using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Domain.Alerts;

/// <summary>The pure rules of alerting: routing, quiet hours, backoff and when a channel counts as broken.</summary>
public static class AlertRouting
{
    /// <summary>By default a channel hears what the badge counts: breakage and decisions, not nudges.</summary>
    public static readonly string DefaultBuckets = string.Join(",",
        Enum.GetValues<FailureBucket>().Where(b => b.Group().IsUrgent()).Select(b => b.Code()));

    /// <summary>Failed deliveries in a row after which the channel shows as a broken integration.</summary>
    public const int BrokenAfterFailures = 3;

    /// <summary>Queue attempts before a delivery is given up (each attempt already retries HTTP briefly).</summary>
    public const int MaxAttempts = 6;

    public const string IntegrationPrefix = "alert-channel-";

    public static string IntegrationName(int channelId) => IntegrationPrefix + channelId.ToString(CultureInfo.InvariantCulture);

    /// <summary>30 s, 2 min, 8 min, 32 min, ~2 h: a receiver that is down for a deploy still gets the alert.</summary>
    public static TimeSpan Backoff(int attemptsSoFar) =>
        TimeSpan.FromSeconds(30 * Math.Pow(4, Math.Clamp(attemptsSoFar - 1, 0, 5)));

    public static IReadOnlySet<FailureBucket> ParseBuckets(string? codes) =>
        (codes ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(FailureBucketExtensions.FromCode).OfType<FailureBucket>().ToHashSet();

    public static string Absolute(string consoleUrl, string link) =>
        link.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || link.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? link
            : consoleUrl.TrimEnd('/') + "/" + link.TrimStart('/');

    public static TimeZoneInfo? FindZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone) ? zone : null;
    }

    public static DateTime Local(AlertChannel channel, DateTime utcNow) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), FindZone(channel.TimeZone) ?? TimeZoneInfo.Utc);

    /// <summary>
    /// Whether <paramref name="utcNow"/> falls in the channel's quiet hours (local time, start inclusive, end
    /// exclusive; a window such as 22:00–07:00 spans midnight).
    /// </summary>
    public static bool IsQuiet(AlertChannel channel, DateTime utcNow)
    {
        if (channel.QuietFromMinute is not { } from || channel.QuietToMinute is not { } to || from == to)
        {
            return false;
        }

        var local = Local(channel, utcNow);
        var minute = (local.Hour * 60) + local.Minute;
        return from < to ? minute >= from && minute < to : minute >= from || minute < to;
    }

    /// <summary>Whether the channel's digest is due: its local hour has come and today's has not been queued.</summary>
    public static bool DigestDue(AlertChannel channel, DateTime utcNow)
    {
        if (channel.DigestHour is not { } hour || !channel.Enabled)
        {
            return false;
        }

        var local = Local(channel, utcNow);
        var today = DateOnly.FromDateTime(local);
        return local.Hour >= hour && channel.LastDigestOn != today;
    }

    /// <summary>"22:00" → 1320; null or empty → null; anything else → -1 (invalid).</summary>
    public static int? ParseClock(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? (t.Hour * 60) + t.Minute
            : -1;
    }

    public static string? FormatClock(int? minute) =>
        minute is { } m ? $"{m / 60:00}:{m % 60:00}" : null;
}
