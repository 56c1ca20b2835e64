using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Import;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Import;
using OperatorConsole.Tests.Api.Import;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Clock;

/// <summary>
/// Issue 19 part 2 over HTTP, on the imported Maven CRM data (2016–2017, fake clock in November 2026): every time-based
/// answer names the same reference time (<c>clock</c>), the money scorecard shows the data's year with the dataset's
/// won total and win rate, <c>?clock=now</c> switches, and a pending approval is never hidden by the anchor.
/// </summary>
public sealed class ClockApiTests(ClockApiTests.MavenConsole factory) : IClassFixture<ClockApiTests.MavenConsole>
{
    /// <summary>One console with the Maven data imported once (8,800 deals) and one approval requested today.</summary>
    public sealed class MavenConsole : ConsoleFactory, IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            var imported = await Services.GetRequiredService<ImportJobService>().RunMavenNowAsync(ImportTestSupport.MavenFolder(), DuplicateMode.Skip, Actor.System);
            imported.Value!.CreatedCount.Should().Be(8800);
            await using var db = CreateDbContext();
            db.Add(new ApprovalRequest
            {
                Subject = ApprovalSubject.Deploy, SubjectType = "lead", SubjectId = "1", Title = "Deploy the scoring model",
                RequestedAt = Clock.GetUtcNow().UtcDateTime.AddHours(-3), RequestedById = "p", RequestedByName = "Partner",
            });
            await db.SaveChangesAsync();
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }

    private static readonly DateTime DataEnd = new(2017, 12, 31, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Scorecard_OnMavenData_ShowsTheDataYearWithTheDatasetsWonTotalAndWinRate()
    {
        var client = await factory.CreateOperatorClientAsync();

        var scorecard = await (await client.GetAsync("/api/scorecard")).ReadJsonAsync();

        var clock = scorecard.GetProperty("clock");
        clock.GetProperty("isDataAsOf").GetBoolean().Should().BeTrue();
        clock.GetProperty("at").GetDateTime().Should().Be(DataEnd);
        clock.GetProperty("label").GetString().Should().Be("data as of 31 Dec 2017");
        var year = Figure(scorecard, "scorecard.won_value.year");
        year.GetProperty("value").GetDecimal().Should().Be(10_005_534m, "SOURCE.md: 4,238 won deals worth 10,005,534, all closed in 2017");
        year.GetProperty("records").GetArrayLength().Should().Be(4238);
        year.GetProperty("current").GetProperty("from").GetDateTime().Should().Be(new DateTime(2017, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Figure(scorecard, "scorecard.win_rate.year").GetProperty("value").GetDecimal().Should().Be(63.2m, "4,238 won of 6,711 decided");
        Figure(scorecard, "scorecard.won_value.month").GetProperty("value").GetDecimal().Should().BePositive("December 2017 had wins");
    }

    [Fact]
    public async Task EveryTimeBasedAnswer_NamesTheSameReferenceTime()
    {
        var client = await factory.CreateOperatorClientAsync();

        var answers = new Dictionary<string, JsonElement>();
        foreach (var url in new[] { "/api/scorecard", "/api/brief", "/api/constraint", "/api/metrics/weekly", "/api/failures?limit=5" })
        {
            var response = await client.GetAsync(url);
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
            answers[url] = (await response.ReadJsonAsync()).GetProperty("clock");
        }

        answers.Values.Select(c => c.GetProperty("at").GetDateTime()).Distinct().Should().Equal([DataEnd], "one screen, one clock");
        answers.Values.Select(c => c.GetProperty("label").GetString()).Distinct().Should().Equal("data as of 31 Dec 2017");
    }

    [Fact]
    public async Task ClockNow_SwitchesTheScorecardToTodayWhereTheDataHasNothing()
    {
        var client = await factory.CreateOperatorClientAsync();

        var scorecard = await (await client.GetAsync("/api/scorecard?clock=now")).ReadJsonAsync();

        scorecard.GetProperty("clock").GetProperty("isDataAsOf").GetBoolean().Should().BeFalse();
        scorecard.GetProperty("clock").GetProperty("at").GetDateTime().Should().Be(factory.Clock.GetUtcNow().UtcDateTime);
        Figure(scorecard, "scorecard.won_value.year").GetProperty("value").GetDecimal().Should().Be(0);
        (await client.GetAsync("/api/scorecard?clock=yesterday")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ClockNow_EveryTimeBasedAnswerNamesToday_TheFailuresReportIncluded()
    {
        var client = await factory.CreateOperatorClientAsync();
        var today = factory.Clock.GetUtcNow().UtcDateTime;

        foreach (var url in new[] { "/api/scorecard", "/api/brief", "/api/constraint", "/api/metrics/weekly", "/api/failures?limit=5" })
        {
            var response = await client.GetAsync(url + (url.Contains('?') ? "&" : "?") + "clock=now");
            response.StatusCode.Should().Be(HttpStatusCode.OK, url);
            var clock = (await response.ReadJsonAsync()).GetProperty("clock");
            clock.GetProperty("isDataAsOf").GetBoolean().Should().BeFalse(url);
            clock.GetProperty("at").GetDateTime().Should().Be(today, url);
        }

        var bad = await client.GetAsync("/api/failures?clock=yesterday");
        bad.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await bad.ReadJsonAsync()).GetProperty("errors").GetProperty("clock").GetArrayLength().Should().Be(1);
        (await client.GetAsync("/api/failures/buckets/stale_by_touch?clock=later")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ClockNow_ADealStaleOnlyAgainstToday_IsTriagedOnTheNowReport()
    {
        var client = await factory.CreateOperatorClientAsync();
        var asOfData = await StaleKeysAsync(client, "data");
        var asOfToday = await StaleKeysAsync(client, "now");

        asOfData.Should().BeSubsetOf(asOfToday, "every open deal stale in 2017 is staler today");
        var onlyToday = asOfToday.Except(asOfData).First(); // a deal touched in the data's last days: fresh then, stale now

        var refused = await client.PostJsonAsync("/api/failures/acknowledgements",
            new { bucket = "stale_by_touch", key = onlyToday, kind = "ack", reason = "Checked against the data's date" });
        refused.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "as of the data's date it is not stale");
        var acknowledged = await client.PostJsonAsync("/api/failures/acknowledgements",
            new { bucket = "stale_by_touch", key = onlyToday, kind = "ack", reason = "Old import; I decide per account", clock = "now" });
        acknowledged.StatusCode.Should().Be(HttpStatusCode.Created, "the viewer switched to now sees it and may decide on it");
        var unknownClock = await client.PostJsonAsync("/api/failures/acknowledgements",
            new { bucket = "stale_by_touch", key = onlyToday, kind = "ack", reason = "x", clock = "tomorrow" });
        unknownClock.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await unknownClock.ReadJsonAsync()).GetProperty("errors").TryGetProperty("clock", out _).Should().BeTrue("the problem names the field");
    }

    [Fact]
    public async Task Chat_AnswersAtTheAskersClock()
    {
        var client = await factory.CreateOperatorClientAsync();
        const string question = "How much did we win this year?";

        var asOfData = await (await client.PostJsonAsync("/api/ops/chat", new { question })).ReadJsonAsync();
        var asOfToday = await (await client.PostJsonAsync("/api/ops/chat?clock=now", new { question })).ReadJsonAsync();

        asOfData.GetProperty("answer").GetString().Should().Contain(10_005_534m.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), "2017 is the data's year");
        asOfToday.GetProperty("answer").GetString().Should().NotContain("10,005,534", "nothing was won in the current year");
        (await client.PostJsonAsync("/api/ops/chat?clock=soon", new { question })).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    private static async Task<HashSet<string>> StaleKeysAsync(HttpClient client, string clock)
    {
        var keys = new HashSet<string>();
        int? offset = 0;
        while (offset is { } from)
        {
            var page = await (await client.GetAsync($"/api/failures/buckets/stale_by_touch?offset={from}&limit=500&clock={clock}")).ReadJsonAsync();
            keys.UnionWith(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!));
            offset = page.GetProperty("nextOffset").ValueKind == JsonValueKind.Number ? page.GetProperty("nextOffset").GetInt32() : null;
        }

        return keys;
    }

    [Fact]
    public async Task Constraint_AnchoredToTheData_StillCountsTheApprovalRequestedToday()
    {
        var client = await factory.CreateOperatorClientAsync();

        var constraint = await (await client.GetAsync("/api/constraint")).ReadJsonAsync();

        constraint.GetProperty("anchoredToLatestData").GetBoolean().Should().BeTrue();
        constraint.GetProperty("snapshot").GetProperty("approvalsPending").GetInt32().Should().Be(1, "the anchor never hides a pending approval");
        constraint.GetProperty("snapshot").GetProperty("oldestApprovalDays").GetDouble().Should().Be(0.1, "its age is real time (3 h), not counted to 2017");
        var brief = await (await client.GetAsync("/api/brief")).ReadJsonAsync();
        brief.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("key").GetString() == "brief.approvals_waiting")
            .GetProperty("count").GetInt32().Should().Be(1);
    }

    private static JsonElement Figure(JsonElement scorecard, string key) =>
        scorecard.GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("key").GetString() == key);
}
