using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OperatorConsole.Domain.Alerts;

/// <summary>
/// Webhook signing, in the style of Stripe and Slack: HMAC-SHA256 over "<c>{timestamp}.{body}</c>" with a shared
/// secret, sent as <see cref="SignatureHeader"/> (<c>sha256=&lt;hex&gt;</c>) beside <see cref="TimestampHeader"/>
/// (Unix seconds). Signing the timestamp with the body lets a receiver refuse a replayed request.
/// </summary>
public static class AlertSignature
{
    public const string SignatureHeader = "X-OperatorConsole-Signature";
    public const string TimestampHeader = "X-OperatorConsole-Timestamp";

    /// <summary>How old a request a receiver should still accept (see <see cref="Verify"/>).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, long timestamp, string body)
    {
        var payload = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>What a receiver does: the signature matches (in constant time) and the timestamp is recent.</summary>
    public static bool Verify(string secret, string? timestampHeader, string? signatureHeader, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp) || signatureHeader is null)
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(timestamp);
        if (age.Duration() > (tolerance ?? DefaultTolerance))
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signatureHeader);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
