using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Domain.Alerts;

/// <summary>One failure item as an alert carries it.</summary>
public sealed record AlertItem(string Bucket, string Group, string Key, string Title, string Link, DateTime? Since = null);

/// <summary>A titled list in a digest ("Broken", "Waiting for a decision (oldest first)" …).</summary>
public sealed record DigestSection(string Title, int Count, IReadOnlyList<AlertItem> Items);

/// <summary>
/// What is sent, independent of the channel: the webhook presets and the e-mail render it. Links are absolute
/// (the console's public URL comes from <c>Alerts:ConsoleUrl</c>).
/// </summary>
public sealed record AlertMessage(
    AlertKind Kind,
    string Title,
    string Text,
    DateTime At,
    string ConsoleUrl,
    AlertItem? Item = null,
    IReadOnlyList<DigestSection>? Sections = null)
{
    /// <summary>The stable event name receivers switch on.</summary>
    public string Event => Kind switch
    {
        AlertKind.Opened => "failure.opened",
        AlertKind.Reminder => "failure.reminder",
        AlertKind.Resolved => "failure.resolved",
        AlertKind.Digest => "digest.daily",
        _ => "channel.test",
    };

    public static AlertMessage ForItem(AlertKind kind, FailureBucket bucket, string key, string title, string link, DateTime since, DateTime now, string consoleUrl)
    {
        var group = bucket.Group();
        var item = new AlertItem(bucket.Code(), group.Code(), key, title, AlertRouting.Absolute(consoleUrl, link), since);
        var prefix = kind switch
        {
            AlertKind.Reminder => "Still open",
            AlertKind.Resolved => "Resolved",
            _ => group.Label(),
        };
        return new AlertMessage(kind, $"{prefix} · {bucket.Label()}: {title}", title, now, consoleUrl, item);
    }
}
