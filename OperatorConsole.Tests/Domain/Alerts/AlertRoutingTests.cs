using System.Text.Json;
using OperatorConsole.Domain.Alerts;

namespace OperatorConsole.Tests.Domain.Alerts;

public sealed class AlertRoutingTests
{
    private static AlertChannel Channel(string? from, string? to, string zone = "UTC") => new()
    {
        Name = "c", QuietFromMinute = AlertRouting.ParseClock(from), QuietToMinute = AlertRouting.ParseClock(to), TimeZone = zone,
    };

    [Theory]
    // Berlin is UTC+1 in November: 22:00–07:00 local is 21:00–06:00 UTC.
    [InlineData("2026-11-25T21:59:00Z", true)]
    [InlineData("2026-11-25T20:59:00Z", false)]
    [InlineData("2026-11-25T21:00:00Z", true)]
    [InlineData("2026-11-26T05:59:00Z", true)]
    [InlineData("2026-11-26T06:00:00Z", false)]
    public void QuietHours_SpanMidnight_InTheChannelsZone(string utc, bool quiet)
    {
        var at = DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        AlertRouting.IsQuiet(Channel("22:00", "07:00", "Europe/Berlin"), at).Should().Be(quiet);
    }

    [Fact]
    public void QuietHours_FollowSummerTime()
    {
        // 05:30 UTC in July is 07:30 in Berlin (CEST): no longer quiet; in January it is 06:30 local: still quiet.
        AlertRouting.IsQuiet(Channel("22:00", "07:00", "Europe/Berlin"), new DateTime(2026, 7, 1, 5, 30, 0, DateTimeKind.Utc)).Should().BeFalse();
        AlertRouting.IsQuiet(Channel("22:00", "07:00", "Europe/Berlin"), new DateTime(2026, 1, 1, 5, 30, 0, DateTimeKind.Utc)).Should().BeTrue();
    }

    [Fact]
    public void NoQuietHours_NeverQuiet() =>
        AlertRouting.IsQuiet(Channel(null, null), new DateTime(2026, 1, 1, 3, 0, 0, DateTimeKind.Utc)).Should().BeFalse();

    [Fact]
    public void Backoff_Grows_AndIsCapped()
    {
        var waits = Enumerable.Range(1, 8).Select(AlertRouting.Backoff).ToList();
        waits[0].Should().Be(TimeSpan.FromSeconds(30));
        waits.Should().BeInAscendingOrder();
        waits[^1].Should().BeLessThanOrEqualTo(TimeSpan.FromHours(9));
    }

    [Fact]
    public void Signature_IsHmacOverTimestampDotBody_AndRejectsReplays()
    {
        var now = new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
        var ts = now.ToUnixTimeSeconds();
        var signature = AlertSignature.Sign("k", ts, "{\"a\":1}");
        var expected = "sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData("k"u8.ToArray(), System.Text.Encoding.UTF8.GetBytes($"{ts}.{{\"a\":1}}")));
        signature.Should().Be(expected);
        AlertSignature.Verify("k", ts.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, "{\"a\":1}", now.AddMinutes(4)).Should().BeTrue();
        AlertSignature.Verify("k", ts.ToString(System.Globalization.CultureInfo.InvariantCulture), signature, "{\"a\":1}", now.AddMinutes(6)).Should().BeFalse();
        AlertSignature.Verify("k", (ts + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), signature, "{\"a\":1}", now).Should().BeFalse();
        AlertSignature.Verify("k", "not-a-number", signature, "{\"a\":1}", now).Should().BeFalse();
    }

    [Fact]
    public void TeamsPreset_IsAMessageWithAnAdaptiveCard()
    {
        var message = new AlertMessage(AlertKind.Opened, "Broken · Failed runs: x", "x", DateTime.UtcNow, "https://c.test",
            new AlertItem("failed_runs", "broken", "run:1", "x", "https://c.test/runs/1"));
        var json = JsonDocument.Parse(AlertPayloads.Webhook(WebhookPreset.Teams, message)).RootElement;
        json.GetProperty("type").GetString().Should().Be("message");
        var card = json.GetProperty("attachments")[0];
        card.GetProperty("contentType").GetString().Should().Be("application/vnd.microsoft.card.adaptive");
        card.GetProperty("content").GetProperty("actions")[0].GetProperty("url").GetString().Should().Be("https://c.test/runs/1");
    }

    [Fact]
    public void DomainsOf_ListsTheHostAndItsParents() =>
        AlertChannelRules.DomainsOf("hooks.eu.acme.com").Should().Equal("hooks.eu.acme.com", "eu.acme.com", "acme.com");
}
