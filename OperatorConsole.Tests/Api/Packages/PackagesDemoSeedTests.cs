using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Expectations;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Expectations;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Domain.Offers;
using OperatorConsole.Domain.Packages;
using OperatorConsole.Domain.Settings;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Packages;

public sealed class DemoSeededConsoleFactory : ConsoleFactory
{
    public DemoSeededConsoleFactory() => SeedDemo = true;
}

public sealed class PackagesDemoSeedTests(DemoSeededConsoleFactory factory) : IClassFixture<DemoSeededConsoleFactory>
{
    [Fact]
    public async Task DemoSeed_HasPackagesWithLinkedLeadsOffersAndExpectationHistory()
    {
        var client = await factory.CreateOperatorClientAsync();
        await using var db = factory.CreateDbContext();

        var packages = await db.Set<ServicePackage>().ToListAsync();
        packages.Count(p => !p.IsArchived).Should().BeInRange(3, 4);
        packages.Should().Contain(p => p.IsArchived);
        (await db.Set<Lead>().CountAsync(l => l.ServicePackageId != null)).Should().BeGreaterThan(8);
        (await db.Set<LeadOffer>().CountAsync()).Should().BeGreaterThan(8);
        (await db.Set<ExpectationSnapshot>().Select(s => s.LeadId).Distinct().CountAsync()).Should().BeGreaterThanOrEqualTo(3);

        var premium = packages.Single(p => p.Name == "Custom AI Revenue System");
        var detail = await (await client.GetAsync($"/api/service-packages/{premium.Id}")).ReadJsonAsync();
        detail.GetProperty("trackRecord").GetProperty("won").GetInt32().Should().BeGreaterThan(0);
        detail.GetProperty("trackRecord").GetProperty("lost").GetInt32().Should().BeGreaterThan(0);

        var performance = await (await client.GetAsync("/api/offers/performance")).ReadJsonAsync();
        performance.GetProperty("rows").EnumerateArray().Should().Contain(r => r.GetProperty("wonValue").GetDecimal() > 0);
    }

    [Fact]
    public async Task DemoSeed_OverAskingProposalLeadWithoutScript_IsAnIntervention()
    {
        var source = factory.Services.GetServices<IInterventionSource>().OfType<OverAskingInterventionSource>().Single();

        var interventions = await source.GetAsync(factory.Clock.GetUtcNow().UtcDateTime, new Thresholds(), CancellationToken.None);

        interventions.Should().ContainSingle(i => i.Kind == "over_asking_no_reset_script").Which.Title.Should().Contain("Cobalt Insurance");
    }

    [Fact]
    public async Task DemoSeed_ExpectationHistoryShowsMovement()
    {
        var client = await factory.CreateOperatorClientAsync();
        await using var db = factory.CreateDbContext();
        var lead = await db.Set<Lead>().SingleAsync(l => l.Title.StartsWith("Contract review"));

        var history = (await (await client.GetAsync($"/api/leads/{lead.Id}/expectations")).ReadJsonAsync()).EnumerateArray().ToList();

        history.Should().HaveCount(2);
        history[0].GetProperty("askCalibration").GetString().Should().Be("aligned");
        history[1].GetProperty("askCalibration").GetString().Should().Be("over_asking");
        (await client.GetAsync($"/api/leads/{lead.Id}/expectations")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
