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
