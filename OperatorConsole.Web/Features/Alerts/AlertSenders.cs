using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;
using OperatorConsole.Data.Alerts;
using OperatorConsole.Domain.Alerts;

namespace OperatorConsole.Web.Features.Alerts;

/// <summary>Sends one rendered alert over one kind of channel and reports what the receiver answered.</summary>
public interface IAlertSender
{
    AlertChannelKind Kind { get; }

    Task<AlertSendOutcome> SendAsync(AlertChannel channel, AlertMessage message, CancellationToken ct);
}

/// <summary>
/// POSTs JSON to the channel's URL. The JSON preset is signed (HMAC-SHA256 over "timestamp.body", see
/// <see cref="AlertSignature"/>) when the channel names a configured secret; Slack and Teams authenticate by
/// their URL instead. The named HttpClient carries the standard resilience pipeline (short retries, timeouts,
/// circuit breaker); the queue retries later with its own backoff.
/// </summary>
public sealed class WebhookAlertSender(IHttpClientFactory clients, IConfiguration configuration, TimeProvider time) : IAlertSender
{
    public const string ClientName = "alerts-webhook";

    public AlertChannelKind Kind => AlertChannelKind.Webhook;

    public async Task<AlertSendOutcome> SendAsync(AlertChannel channel, AlertMessage message, CancellationToken ct)
    {
        var body = AlertPayloads.Webhook(channel.Preset, message);
        using var request = new HttpRequestMessage(HttpMethod.Post, channel.WebhookUrl)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        request.Headers.Add(AlertSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-OperatorConsole-Event", message.Event);
        if (channel.SecretName is { } name && configuration[$"{AlertChannelService.SecretsSection}:{name}"] is { Length: > 0 } secret)
        {
            request.Headers.Add(AlertSignature.SignatureHeader, AlertSignature.Sign(secret, timestamp, body));
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
            var answer = await response.Content.ReadAsStringAsync(ct);
            return new AlertSendOutcome(response.IsSuccessStatusCode, (int)response.StatusCode,
                $"{(int)response.StatusCode} {response.ReasonPhrase}: {answer}".Trim(), Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException && !ct.IsCancellationRequested)
        {
            return new AlertSendOutcome(false, null, ex.GetBaseException().Message, Stopwatch.GetElapsedTime(started));
        }
    }
}

/// <summary>E-mail over SMTP with MailKit (STARTTLS or implicit TLS; credentials from <see cref="SmtpOptions"/>).</summary>
public sealed class EmailAlertSender(IOptions<AlertsOptions> options) : IAlertSender
{
    public AlertChannelKind Kind => AlertChannelKind.Email;

    public async Task<AlertSendOutcome> SendAsync(AlertChannel channel, AlertMessage message, CancellationToken ct)
    {
        var smtp = options.Value.Smtp;
        var started = Stopwatch.GetTimestamp();
        if (string.IsNullOrWhiteSpace(smtp.Host))
        {
            return new AlertSendOutcome(false, null, "SMTP is not configured (Alerts:Smtp:Host).", TimeSpan.Zero);
        }

        var mail = new MimeMessage { Subject = message.Title };
        mail.From.Add(MailboxAddress.Parse(smtp.From));
        foreach (var to in AlertChannelRules.Recipients(channel.EmailTo))
        {
            mail.To.Add(MailboxAddress.Parse(to));
        }

        mail.Headers.Add("X-OperatorConsole-Event", message.Event);
        mail.Body = new BodyBuilder { TextBody = AlertPayloads.EmailText(message), HtmlBody = AlertPayloads.EmailHtml(message) }.ToMessageBody();
        try
        {
            using var client = new SmtpClient { Timeout = 15_000 };
            await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, ct);
            if (!string.IsNullOrEmpty(smtp.Username))
            {
                await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", ct);
            }

            var answer = await client.SendAsync(mail, ct);
            await client.DisconnectAsync(true, ct);
            return new AlertSendOutcome(true, 250, answer, Stopwatch.GetElapsedTime(started));
        }
        catch (SmtpCommandException ex)
        {
            return new AlertSendOutcome(false, (int)ex.StatusCode, ex.Message, Stopwatch.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is MailKit.ServiceNotConnectedException or MailKit.ProtocolException or System.Net.Sockets.SocketException
            or IOException or MailKit.Security.AuthenticationException or System.Security.Authentication.AuthenticationException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new AlertSendOutcome(false, null, ex.GetBaseException().Message, Stopwatch.GetElapsedTime(started));
        }
    }
}
