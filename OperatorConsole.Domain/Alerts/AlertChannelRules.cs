using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Failures;

namespace OperatorConsole.Domain.Alerts;

/// <summary>Create or replace a channel (PUT replaces it; an empty <see cref="WebhookUrl"/> on update keeps the stored one).</summary>
public sealed record AlertChannelRequest(
    string? Name,
    AlertChannelKind? Kind,
    bool? Enabled = true,
    string? WebhookUrl = null,
    WebhookPreset? Preset = WebhookPreset.Json,
    string? SecretName = null,
    IReadOnlyList<string>? EmailTo = null,
    IReadOnlyList<string>? Buckets = null,
    int? MinAgeMinutes = 0,
    int? MinCount = 1,
    string? QuietFrom = null,
    string? QuietTo = null,
    string? TimeZone = "UTC",
    int? ReminderHours = null,
    bool? SendResolved = true,
    int? DigestHour = null,
    string? Reason = null);

/// <summary>A channel as the API and the UI show it: never a secret, and the webhook URL masked.</summary>
public sealed record AlertChannelView(
    int Id,
    string Name,
    AlertChannelKind Kind,
    bool Enabled,
    string? Target,
    WebhookPreset Preset,
    string? SecretName,
    bool SecretConfigured,
    IReadOnlyList<string> EmailTo,
    IReadOnlyList<string> Buckets,
    int MinAgeMinutes,
    int MinCount,
    string? QuietFrom,
    string? QuietTo,
    string TimeZone,
    int? ReminderHours,
    bool SendResolved,
    int? DigestHour,
    int ConsecutiveFailures,
    DateTime? LastDeliveredAt,
    DateTime? LastFailedAt,
    string? LastError,
    bool Broken);

public static class AlertChannelRules
{
    public const int NameMax = 100;
    public const int UrlMax = 1000;
    public const int EmailToMax = 2000;
    public const int ErrorMax = 2000;

    /// <summary>Field rules that need nothing but the request (the client-address rule needs the database).</summary>
    public static ValidationErrors Validate(AlertChannelRequest r, bool hasStoredUrl)
    {
        var errors = new ValidationErrors().Required("name", r.Name, NameMax).MaxLength("secretName", r.SecretName, 100);
        if (r.Kind is null)
        {
            errors.Add("kind", "'kind' is required: webhook or email.");
        }

        errors.Defined("kind", r.Kind).Defined("preset", r.Preset);
        if (r.Kind == AlertChannelKind.Webhook && !(hasStoredUrl && string.IsNullOrWhiteSpace(r.WebhookUrl)))
        {
            ValidateUrl(errors, r.WebhookUrl);
        }

        if (r.Kind == AlertChannelKind.Email)
        {
            ValidateRecipients(errors, r.EmailTo);
        }

        var buckets = r.Buckets ?? [];
        foreach (var code in buckets.Where(c => FailureBucketExtensions.FromCode(c) is null))
        {
            errors.Add("buckets", $"Unknown bucket '{code}': use " + string.Join(", ", Enum.GetValues<FailureBucket>().Select(b => b.Code())) + ".");
        }

        errors.Range("minAgeMinutes", r.MinAgeMinutes, 0, 7 * 24 * 60)
            .Range("minCount", r.MinCount, 1, 10_000)
            .Range("reminderHours", r.ReminderHours, 1, 24 * 14)
            .Range("digestHour", r.DigestHour, 0, 23);
        ValidateQuietHours(errors, r);
        if (AlertRouting.FindZone(r.TimeZone ?? "UTC") is null)
        {
            errors.Add("timeZone", $"Unknown time zone '{r.TimeZone}' (use an IANA id such as Europe/Berlin).");
        }

        return errors;
    }

    private static void ValidateUrl(ValidationErrors errors, string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            errors.Add("webhookUrl", "A webhook channel needs 'webhookUrl'.");
            return;
        }

        errors.MaxLength("webhookUrl", url, UrlMax);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add("webhookUrl", "'webhookUrl' must be an absolute https URL.");
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            // Alerts name clients and failures: they do not cross the internet in clear text.
            errors.Add("webhookUrl", "'webhookUrl' must use https (plain http only to a receiver on this machine).");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            errors.Add("webhookUrl", "Put no credentials in the URL; sign requests with a configured secret instead.");
        }
    }

    private static void ValidateRecipients(ValidationErrors errors, IReadOnlyList<string>? to)
    {
        if (to is null || to.Count == 0)
        {
            errors.Add("emailTo", "An e-mail channel needs at least one recipient in 'emailTo'.");
            return;
        }

        if (to.Count > 20)
        {
            errors.Add("emailTo", "At most 20 recipients.");
        }

        foreach (var address in to)
        {
            if (string.IsNullOrWhiteSpace(address) || !System.Net.Mail.MailAddress.TryCreate(address.Trim(), out var parsed) || parsed.Address != address.Trim())
            {
                errors.Add("emailTo", $"'{address}' is not an e-mail address.");
            }
        }

        if (string.Join(",", to).Length > EmailToMax)
        {
            errors.Add("emailTo", $"The recipients must fit in {EmailToMax} characters.");
        }
    }

    private static void ValidateQuietHours(ValidationErrors errors, AlertChannelRequest r)
    {
        var from = AlertRouting.ParseClock(r.QuietFrom);
        var to = AlertRouting.ParseClock(r.QuietTo);
        if (from == -1)
        {
            errors.Add("quietFrom", "'quietFrom' must be a time such as 22:00.");
        }

        if (to == -1)
        {
            errors.Add("quietTo", "'quietTo' must be a time such as 07:00.");
        }

        if ((from is null) != (to is null))
        {
            errors.Add(from is null ? "quietFrom" : "quietTo", "Quiet hours need both 'quietFrom' and 'quietTo'.");
        }
    }

    /// <summary>The stored recipients as a list.</summary>
    public static IReadOnlyList<string> Recipients(string? emailTo) =>
        (emailTo ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>"https://hooks.slack.com/…": enough to recognise the target, not enough to post to it.</summary>
    public static string? MaskUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : null;

    /// <summary>
    /// Mail domains shared by everyone: a lead writing from one does not make the whole provider a client
    /// (only that exact address is refused).
    /// </summary>
    public static readonly IReadOnlySet<string> PublicMailDomains = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com",
        "proton.me", "protonmail.com", "gmx.com", "gmx.de", "web.de", "aol.com",
    };

    /// <summary>The host and each parent domain of a webhook host ("hooks.acme.com" → itself and "acme.com").</summary>
    public static IReadOnlyList<string> DomainsOf(string host)
    {
        var labels = host.ToLowerInvariant().Split('.');
        var result = new List<string>();
        for (var i = 0; i < labels.Length - 1; i++)
        {
            result.Add(string.Join('.', labels[i..]));
        }

        return result;
    }
}
