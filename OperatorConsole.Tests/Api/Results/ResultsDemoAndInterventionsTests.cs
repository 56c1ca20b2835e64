using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Results;
using OperatorConsole.Domain.Settings;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Results;

/// <summary>The console filled with the demo business.</summary>
public sealed class DemoConsoleFactory : ConsoleFactory
{
    public DemoConsoleFactory()
    {
        SeedDemo = true;
    }
}

public sealed class ResultsDemoAndInterventionsTests(DemoConsoleFactory factory) : IClassFixture<DemoConsoleFactory>
{
    private async Task<Dictionary<string, JsonElement>> ClientsByCompanyAsync()
    {
        var client = await factory.CreateOperatorClientAsync();
        var json = await (await client.GetAsync("/api/clients?pageSize=500")).ReadJsonAsync();
        return json.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("company").GetString()!);
    }

    private static string[] Flags(JsonElement row) => row.GetProperty("flags").EnumerateArray().Select(f => f.GetString()!).ToArray();

    [Fact]
    public async Task Demo_ShowsEveryClientWithOnTrackOffTrackUnmeasuredAndNoTarget()
    {
        var clients = await ClientsByCompanyAsync();

        clients.Should().HaveCount(10);
        clients["Helio SaaS"].GetProperty("track").GetString().Should().Be("on_track");
        clients["Oak Street Dental"].GetProperty("track").GetString().Should().Be("on_track");
        clients["Quill Agency"].GetProperty("track").GetString().Should().Be("off_track");
        Flags(clients["Vector Growth"]).Should().Contain("unmeasured");
        Flags(clients["GreenLeaf Foods"]).Should().Equal("no_target");
        clients["Coastal Tours"].GetProperty("track").GetString().Should().Be("target_met");
        clients["Coastal Tours"].GetProperty("delta").GetProperty("state").GetString().Should().Be("percent_undefined");
        clients["Sparkline Electric"].GetProperty("delta").GetProperty("state").GetString().Should().Be("no_outcome");
        clients["PulseFit"].GetProperty("track").GetString().Should().Be("awaiting_measurement");
        clients.Values.Count(c => Flags(c).Contains("off_track")).Should().Be(1);
        clients.Values.Count(c => Flags(c).Contains("unmeasured")).Should().Be(1);
    }

    [Fact]
    public async Task Demo_ShippedClientHasOutcomesInterventionsAndProofLinks()
    {
        var clients = await ClientsByCompanyAsync();
        var helio = clients["Helio SaaS"].GetProperty("leadId").GetInt32();
        var viewer = await factory.CreateViewerClientAsync();

        var json = await (await viewer.GetAsync($"/api/leads/{helio}/client-success")).ReadJsonAsync();

        json.GetProperty("outcomes").GetArrayLength().Should().Be(4);
        json.GetProperty("current").GetProperty("value").GetDecimal().Should().Be(7.1m);
        json.GetProperty("delta").GetProperty("absolute").GetDecimal().Should().Be(-6.9m);
        json.GetProperty("delta").GetProperty("movement").GetString().Should().Be("better");
        json.GetProperty("proofArtifacts").EnumerateArray().Should().Contain(p => p.GetProperty("url").GetString()!.StartsWith("https://", StringComparison.Ordinal));
        json.GetProperty("interventions").GetArrayLength().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Interventions_NameOffTrackUnmeasuredAndTargetlessClients()
    {
        var source = factory.Services.GetServices<IInterventionSource>().OfType<ResultsInterventionSource>().Single();

        var items = await source.GetAsync(factory.Clock.GetUtcNow().UtcDateTime, new Thresholds(), CancellationToken.None);

        items.Should().ContainSingle(i => i.Kind == ResultsInterventionSource.OffTrack).Which.Title.Should().Contain("Quill Agency");
        items.Should().ContainSingle(i => i.Kind == ResultsInterventionSource.Unmeasured).Which.Title.Should().Contain("Vector Growth");
        items.Should().ContainSingle(i => i.Kind == ResultsInterventionSource.NoTarget).Which.Title.Should().Contain("GreenLeaf Foods");
        items.Should().OnlyContain(i => i.Link.StartsWith("/leads/", StringComparison.Ordinal) && i.LeadId != null);
    }

    [Fact]
    public async Task Interventions_FollowTheUnmeasuredThreshold()
    {
        var source = factory.Services.GetServices<IInterventionSource>().OfType<ResultsInterventionSource>().Single();

        // With a 3-day threshold Quill (measured 4 d ago) and Vector (45 d) are flagged; Helio (2 d) is not.
        var strict = await source.GetAsync(factory.Clock.GetUtcNow().UtcDateTime, new Thresholds { ResultUnmeasuredDays = 3 }, CancellationToken.None);

        strict.Where(i => i.Kind == ResultsInterventionSource.Unmeasured).Select(i => i.Title)
            .Should().Contain(t => t.Contains("Vector Growth")).And.Contain(t => t.Contains("Quill Agency")).And.NotContain(t => t.Contains("Helio SaaS"));
    }
}
