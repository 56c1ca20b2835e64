using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Expectations;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Expectations;
using OperatorConsole.Domain.Settings;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Packages;

public sealed class ExpectationsApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task TwoSaves_MakeTwoSnapshots_NewestFirst_FirstUnchanged()
    {
        var client = await factory.CreateOperatorClientAsync();
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Onboarding portal");

        var first = await client.PostJsonAsync($"/api/leads/{leadId}/expectations", new
        {
            requestedOutcome = "Zero staff touch in 4 weeks",
            realisticOutcomeRange = "60–70% automated, 8–10 weeks",
            riskFlags = new[] { "unrealistic_timeline" },
            askCalibration = "over_asking",
            actualNeed = "Fewer e-mails",
        });
        first.StatusCode.Should().Be(HttpStatusCode.Created);
        var firstBody = await first.ReadJsonAsync();
        factory.Clock.Advance(TimeSpan.FromHours(2));

        var second = await client.PostJsonAsync($"/api/leads/{leadId}/expectations", new
        {
            requestedOutcome = "Zero staff touch in 4 weeks",
            realisticOutcomeRange = "60–70% automated, 8–10 weeks",
            riskFlags = new[] { "unrealistic_timeline", "data_not_ready" },
            askCalibration = "aligned",
            actualNeed = "Fewer e-mails",
            resetScript = "- A person reviews edge cases",
        });
        second.StatusCode.Should().Be(HttpStatusCode.Created);

        var history = await (await client.GetAsync($"/api/leads/{leadId}/expectations")).ReadJsonAsync();
        var items = history.EnumerateArray().ToList();
        items.Should().HaveCount(2);
        items[0].GetProperty("number").GetInt32().Should().Be(2);
        items[1].GetProperty("number").GetInt32().Should().Be(1);
        items[1].GetProperty("askCalibration").GetString().Should().Be("over_asking");
        items[1].GetProperty("resetScript").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        items[1].GetProperty("createdAt").GetDateTime().Should().Be(firstBody.GetProperty("createdAt").GetDateTime());
        items[0].GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("field").GetString())
            .Should().BeEquivalentTo(["askCalibration", "riskFlags", "resetScript"]);

        await using var db = factory.CreateDbContext();
        var stored = await db.Set<ExpectationSnapshot>().Where(s => s.LeadId == leadId).OrderBy(s => s.Number).ToListAsync();
        stored.Should().HaveCount(2);
        stored[0].AskCalibration.Should().Be(AskCalibration.OverAsking);
        stored[0].RiskFlags.Should().Equal("unrealistic_timeline");
        stored[0].ResetScript.Should().BeNull();
    }

    [Fact]
    public async Task Post_WithApiKey_Is403AndWritesNothing()
    {
        var client = await factory.CreateOperatorClientAsync();
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Key tries");

        var response = await factory.CreateAgentClient().PostJsonAsync($"/api/leads/{leadId}/expectations", new { requestedOutcome = "x" });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = factory.CreateDbContext();
        (await db.Set<ExpectationSnapshot>().AnyAsync(s => s.LeadId == leadId)).Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"requestedOutcome":"x","riskFlags":["not_a_flag"]}""", "riskFlags")]
    [InlineData("""{"requestedOutcome":"x","askCalibration":"way_too_much"}""", "askCalibration")]
    [InlineData("""{}""", "requestedOutcome")]
    [InlineData("""{"requestedOutcome":"x","underAskingFlag":true,"overAskingFlag":true}""", "overAskingFlag")]
    [InlineData("""{"requestedOutcome":"x","underAskingFlag":false}""", "overAskingFlag")]
    [InlineData("""{"requestedOutcome":"x","overAskingFlag":true,"askCalibration":"under_asking"}""", "askCalibration")]
    public async Task Post_InvalidSnapshot_Is422AndWritesNothing(string json, string field)
    {
        var client = await factory.CreateOperatorClientAsync();
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Bad input");

        var response = await client.PostRawAsync($"/api/leads/{leadId}/expectations", json);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        PackagesTestData.ErrorFields(await response.ReadJsonAsync()).Should().Contain(field);
        await using var db = factory.CreateDbContext();
        (await db.Set<ExpectationSnapshot>().AnyAsync(s => s.LeadId == leadId)).Should().BeFalse();
    }

    [Theory]
    [InlineData("""{"underAskingFlag":true}""", "under_asking", true, false)]
    [InlineData("""{"overAskingFlag":true,"underAskingFlag":false}""", "over_asking", false, true)]
    [InlineData("""{"underAskingFlag":false,"overAskingFlag":false}""", "aligned", false, false)]
    [InlineData("""{"askCalibration":"over_asking"}""", "over_asking", false, true)]
    public async Task SeedFlags_AreAcceptedAndWritten_NextToTheCalibration(string json, string calibration, bool under, bool over)
    {
        var client = await factory.CreateOperatorClientAsync();
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Flags");

        var response = await client.PostRawAsync($"/api/leads/{leadId}/expectations", json);

        response.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await response.ReadJsonAsync();
        body.GetProperty("askCalibration").GetString().Should().Be(calibration);
        body.GetProperty("underAskingFlag").GetBoolean().Should().Be(under);
        body.GetProperty("overAskingFlag").GetBoolean().Should().Be(over);
    }

    [Fact]
    public async Task SeedFlags_AreNull_UntilTheAskIsAssessed()
    {
        var client = await factory.CreateOperatorClientAsync();
        var leadId = await PackagesTestData.CreateLeadAsync(client, "No ask yet");

        var body = await (await client.PostJsonAsync($"/api/leads/{leadId}/expectations", new { requestedOutcome = "x" })).ReadJsonAsync();

        body.GetProperty("underAskingFlag").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        body.GetProperty("overAskingFlag").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task UnknownLead_Is404()
    {
        var client = await factory.CreateOperatorClientAsync();
        (await client.GetAsync("/api/leads/999999/expectations")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await client.PostJsonAsync("/api/leads/999999/expectations", new { requestedOutcome = "x" })).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RiskFlags_OperatorReplacesList_NewFlagAccepted_ApiKeyCannotChangeIt()
    {
        var client = await factory.CreateOperatorClientAsync();
        var defaults = await (await client.GetAsync("/api/expectations/risk-flags")).ReadJsonAsync();
        defaults.EnumerateArray().Select(f => f.GetString()).Should().Contain("unrealistic_timeline");
        (await factory.CreateAgentClient().PutJsonAsync("/api/expectations/risk-flags", new { flags = new[] { "x" } })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        var flags = defaults.EnumerateArray().Select(f => f.GetString()!).Append("legacy_stack").ToArray();
        (await client.PutJsonAsync("/api/expectations/risk-flags", new { flags })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PutJsonAsync("/api/expectations/risk-flags", new { flags = Array.Empty<string>() })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        var leadId = await PackagesTestData.CreateLeadAsync(client, "Old stack");
        (await client.PostJsonAsync($"/api/leads/{leadId}/expectations", new { riskFlags = new[] { "legacy_stack" } })).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Intervention_ProposalLeadOverAskingWithoutScript_UntilAScriptIsSaved()
    {
        var client = await factory.CreateOperatorClientAsync();
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Over-asker");
        var qualifiedId = await PackagesTestData.CreateLeadAsync(client, "Over-asker, not yet in proposal");
        await PackagesTestData.MoveLeadAsync(client, leadId, "proposal");
        await client.PostJsonAsync($"/api/leads/{leadId}/expectations", new { requestedOutcome = "Guaranteed 2x revenue", askCalibration = "over_asking" });
        await client.PostJsonAsync($"/api/leads/{qualifiedId}/expectations", new { requestedOutcome = "Guaranteed 2x revenue", askCalibration = "over_asking" });
        var source = factory.Services.GetServices<IInterventionSource>().OfType<OverAskingInterventionSource>().Single();

        var before = await source.GetAsync(factory.Clock.GetUtcNow().UtcDateTime, new Thresholds(), CancellationToken.None);
        before.Where(i => i.LeadId == leadId).Should().ContainSingle().Which.Kind.Should().Be("over_asking_no_reset_script");
        before.Should().NotContain(i => i.LeadId == qualifiedId);

        await client.PostJsonAsync($"/api/leads/{leadId}/expectations", new { requestedOutcome = "Guaranteed 2x revenue", askCalibration = "over_asking", resetScript = "- No one can guarantee revenue" });
        var after = await source.GetAsync(factory.Clock.GetUtcNow().UtcDateTime, new Thresholds(), CancellationToken.None);
        after.Should().NotContain(i => i.LeadId == leadId);
    }
}
