using MailKit.Security;

namespace OperatorConsole.Web.Features.Alerts;

/// <summary>
/// <c>Alerts</c> configuration. Credentials live here (appsettings, environment or user secrets), never in the
/// database, and no API or screen echoes them.
/// </summary>
public sealed class AlertsOptions
{
    public const string Section = "Alerts";

    /// <summary>The console's public address, for absolute links in alerts.</summary>
    public string ConsoleUrl { get; set; } = "http://localhost:5080";

    /// <summary>Set false to stop this instance delivering (e.g. all but one instance of a scale-out).</summary>
    public bool Deliver { get; set; } = true;

    /// <summary>How often time alone is checked (quiet hours ending, reminders, minimum age, the digest hour).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Per-request timeout of a webhook call (the resilience pipeline retries within the attempt).</summary>
    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;

    /// <summary>StartTls (587), SslOnConnect (465, implicit TLS), StartTlsWhenAvailable, or None (a local relay only).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string From { get; set; } = "Operator Console <alerts@console.local>";
}
