using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Assets;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Settings;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Learning;

public sealed class DemoSeededFactory : ConsoleFactory
{
    public DemoSeededFactory() => SeedDemo = true;
}

public sealed class AssetsAndLearningDemoSeedTests(DemoSeededFactory factory) : IClassFixture<DemoSeededFactory>
{
    [Fact]
    public async Task DemoSeed_ShowsAssets_AVersionedPlaybook_AndProposalsWorthActingOn()
    {
        var client = await factory.CreateOperatorClientAsync();

        var assets = await (await client.GetAsync("/api/reusable-assets")).ReadJsonAsync();
        assets.GetProperty("total").GetInt32().Should().BeGreaterThan(4);
        assets.GetProperty("items").EnumerateArray().Should().Contain(a => !a.GetProperty("extracted").GetBoolean());

        var source = factory.Services.GetServices<IInterventionSource>().OfType<MissingReusableAssetSource>().Single();
        var missing = await source.GetAsync(factory.Clock.GetUtcNow().UtcDateTime, new Thresholds(), CancellationToken.None);
        missing.Should().ContainSingle().Which.Title.Should().Contain(AssetsDemoSeed.DeliberatelyMissingCompany);

        var playbook = (await (await client.GetAsync("/api/playbook")).ReadJsonAsync()).EnumerateArray().ToList();
        playbook.Should().Contain(e => e.GetProperty("versions").GetArrayLength() >= 2);

        var proposals = (await (await client.GetAsync("/api/learning/proposals?pageSize=200")).ReadJsonAsync()).GetProperty("items").EnumerateArray().ToList();
        // Built-in confidences are calibrated (no cap below the floor): "low" is exactly "below the floor".
        proposals.Where(p => p.GetProperty("engine").GetString() == "built_in").Should().NotBeEmpty()
            .And.OnlyContain(p => p.GetProperty("lowConfidence").GetBoolean() == (p.GetProperty("confidence").GetDouble() < 0.6));
        proposals.Should().Contain(p => p.GetProperty("contradictions").GetArrayLength() > 0 && p.GetProperty("state").GetString() == "open");
        proposals.Should().Contain(p => p.GetProperty("state").GetString() == "promotion_requested");
        var promoted = proposals.Single(p => p.GetProperty("state").GetString() == "promoted");
        var impact = promoted.GetProperty("impact");
        impact.GetProperty("metric").GetString().Should().Be("proposal_cycle_days");
        impact.GetProperty("beforeCount").GetInt32().Should().BeGreaterThan(0);
    }
}
