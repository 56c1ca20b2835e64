using System.Net;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Packages;

public sealed class OffersApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task PutOffer_AsOperator_SetsTypeReasonAndScore()
    {
        var client = await factory.CreateOperatorClientAsync();
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Clinic bot");

        var response = await client.PutJsonAsync($"/api/leads/{leadId}/offer", new { offerType = "productized", whyChosen = "Same as three clinics", upgradePath = "Retainer", repeatabilityScore = 5 });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var offer = await (await client.GetAsync($"/api/leads/{leadId}/offer")).ReadJsonAsync();
        offer.GetProperty("offerType").GetString().Should().Be("productized");
        offer.GetProperty("repeatabilityScore").GetInt32().Should().Be(5);
        offer.GetProperty("whyChosen").GetString().Should().Be("Same as three clinics");
        (await (await client.GetAsync($"/api/leads/{leadId}")).ReadJsonAsync()).GetProperty("offerType").GetString().Should().Be("productized");
    }

    [Theory]
    [InlineData("""{"offerType":"productized","repeatabilityScore":0}""", "repeatabilityScore")]
    [InlineData("""{"offerType":"productized","repeatabilityScore":6}""", "repeatabilityScore")]
    [InlineData("""{"offerType":"mega_deal","repeatabilityScore":3}""", "offerType")]
    [InlineData("""{"repeatabilityScore":3}""", "offerType")]
    public async Task PutOffer_Invalid_Is422AndWritesNothing(string json, string field)
    {
        var client = await factory.CreateOperatorClientAsync();
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Invalid offer", offerType: "fast_cash_dfy");

        var response = await client.PutRawAsync($"/api/leads/{leadId}/offer", json);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        PackagesTestData.ErrorFields(await response.ReadJsonAsync()).Should().Contain(field);
        await using var db = factory.CreateDbContext();
        (await db.Set<LeadOffer>().AnyAsync(o => o.LeadId == leadId)).Should().BeFalse();
        (await db.Set<Lead>().SingleAsync(l => l.Id == leadId)).OfferType.Should().Be(OfferType.FastCashDfy);
    }

    [Fact]
    public async Task PutOffer_WithApiKey_Is403AndWritesNothing()
    {
        var client = await factory.CreateOperatorClientAsync();
        var leadId = await PackagesTestData.CreateLeadAsync(client, "Key offer");

        var response = await factory.CreateAgentClient().PutJsonAsync($"/api/leads/{leadId}/offer", new { offerType = "productized", repeatabilityScore = 3 });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = factory.CreateDbContext();
        (await db.Set<LeadOffer>().AnyAsync(o => o.LeadId == leadId)).Should().BeFalse();
        (await db.Set<Lead>().SingleAsync(l => l.Id == leadId)).OfferType.Should().BeNull();
    }

    [Fact]
    public async Task PutOffer_UnknownLead_Is404() =>
        (await (await factory.CreateOperatorClientAsync()).PutJsonAsync("/api/leads/999999/offer", new { offerType = "productized" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);

    [Fact]
    public async Task LeadsList_FilteredByOfferType_ReturnsOnlyThatType()
    {
        var client = await factory.CreateOperatorClientAsync();
        var marker = Guid.NewGuid().ToString("N")[..8];
        var productized = await PackagesTestData.CreateLeadAsync(client, $"{marker} productized");
        var dfy = await PackagesTestData.CreateLeadAsync(client, $"{marker} dfy");
        await client.PutJsonAsync($"/api/leads/{productized}/offer", new { offerType = "productized", repeatabilityScore = 4 });
        await client.PutJsonAsync($"/api/leads/{dfy}/offer", new { offerType = "fast_cash_dfy", repeatabilityScore = 2 });

        var page = await (await factory.CreateAgentClient().GetAsync($"/api/leads?offerType=productized&q={marker}")).ReadJsonAsync();

        page.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("id").GetInt32()).Should().Equal(productized);
        page.GetProperty("total").GetInt32().Should().Be(1);
        (await client.GetAsync("/api/leads?offerType=mega_deal")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Performance_ReportsRevenueAndWinRateByOfferType()
    {
        var client = await factory.CreateOperatorClientAsync();
        var report0 = await (await client.GetAsync("/api/offers/performance")).ReadJsonAsync();
        decimal Revenue(System.Text.Json.JsonElement report, string type) =>
            report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("offerType").GetString() == type).GetProperty("wonValue").GetDecimal();
        var before = Revenue(report0, "premium_custom_system");

        var won = await PackagesTestData.CreateLeadAsync(client, "Premium won", offerType: "premium_custom_system", value: 30000);
        var lost = await PackagesTestData.CreateLeadAsync(client, "Premium lost", offerType: "premium_custom_system", value: 40000);
        await PackagesTestData.MoveLeadAsync(client, won, "approved");
        await PackagesTestData.MoveLeadAsync(client, lost, "lost");

        var viewer = await factory.CreateViewerClientAsync();
        var report = await (await viewer.GetAsync("/api/offers/performance")).ReadJsonAsync();
        Revenue(report, "premium_custom_system").Should().Be(before + 30000);
        var row = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("offerType").GetString() == "premium_custom_system");
        row.GetProperty("won").GetInt32().Should().BeGreaterThanOrEqualTo(1);
        row.GetProperty("lost").GetInt32().Should().BeGreaterThanOrEqualTo(1);
    }
}
