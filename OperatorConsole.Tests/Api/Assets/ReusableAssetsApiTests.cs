using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Assets;
using OperatorConsole.Data.Failures;
using OperatorConsole.Domain.Assets;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Settings;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Assets;

public sealed class ReusableAssetsApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private async Task<int> CreateLeadAsync(string status = "shipped", string company = "Asset Test Co")
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/leads", new { title = "Asset test " + Guid.NewGuid().ToString("N")[..6], company, status });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await response.ReadJsonAsync()).GetProperty("id").GetInt32();
    }

    private async Task<int> CountAsync(int leadId)
    {
        await using var db = factory.CreateDbContext();
        return await db.Set<ReusableAssetEntry>().CountAsync(a => a.LeadId == leadId);
    }

    [Fact]
    public async Task Post_NoWithoutReason_Is422AndWritesNothing()
    {
        var leadId = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PostJsonAsync($"/api/leads/{leadId}/reusable-assets", new { extracted = false });

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("notExtractedReason", out _).Should().BeTrue();
        (await CountAsync(leadId)).Should().Be(0);
    }

    [Fact]
    public async Task Post_UnknownType_Is422AndWritesNothing()
    {
        var leadId = await CreateLeadAsync();
        var client = await factory.CreateOperatorClientAsync();

        var response = await client.PostRawAsync($"/api/leads/{leadId}/reusable-assets",
            """{"extracted":true,"type":"spreadsheet","label":"x","storedAt":"y","reuseConfidence":"high"}""");

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("type", out _).Should().BeTrue();
        (await CountAsync(leadId)).Should().Be(0);
    }

    [Fact]
    public async Task Post_WithAnApiKey_Is403AndWritesNothing_ButTheKeyMayRead()
    {
        var leadId = await CreateLeadAsync();
        var agent = factory.CreateAgentClient();

        var response = await agent.PostJsonAsync($"/api/leads/{leadId}/reusable-assets",
            new { extracted = true, type = "prompt", label = "Prompt", storedAt = "repo", reuseConfidence = "high" });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CountAsync(leadId)).Should().Be(0);
        (await agent.GetAsync($"/api/leads/{leadId}/reusable-assets")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await agent.GetAsync("/api/reusable-assets")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Post_AsViewer_Is403()
    {
        var leadId = await CreateLeadAsync();
        var viewer = await factory.CreateViewerClientAsync();

        var response = await viewer.PostJsonAsync($"/api/leads/{leadId}/reusable-assets", new { extracted = false, notExtractedReason = "nothing generic" });

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await CountAsync(leadId)).Should().Be(0);
    }

    [Fact]
    public async Task Post_UnknownLead_Is404()
    {
        var client = await factory.CreateOperatorClientAsync();

        (await client.PostJsonAsync("/api/leads/999999/reusable-assets", new { extracted = false, notExtractedReason = "n/a" }))
            .StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Operator_CreatesEditsAndDeletes_EveryStepAudited_AndTheLibraryShowsTheSourceLead()
    {
        var leadId = await CreateLeadAsync(company: "Library Source Ltd");
        var client = await factory.CreateOperatorClientAsync();

        var created = await client.PostJsonAsync($"/api/leads/{leadId}/reusable-assets",
            new { extracted = true, type = "case_study", label = "Library case study", storedAt = "https://drive.example/case.pdf", reuseConfidence = "medium", notes = "n" });
        created.StatusCode.Should().Be(HttpStatusCode.Created);
        var id = (await created.ReadJsonAsync()).GetProperty("id").GetInt32();

        var library = await (await client.GetAsync("/api/reusable-assets?type=case_study&confidence=medium&q=Library")).ReadJsonAsync();
        var item = library.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetInt32() == id);
        item.GetProperty("company").GetString().Should().Be("Library Source Ltd");
        item.GetProperty("leadId").GetInt32().Should().Be(leadId);
        item.GetProperty("type").GetString().Should().Be("case_study");
        (await (await client.GetAsync("/api/reusable-assets?confidence=low&q=Library")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(0);

        var patched = await client.PatchAsync($"/api/reusable-assets/{id}", JsonContent(new { reuseConfidence = "high" }));
        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        (await patched.ReadJsonAsync()).GetProperty("reuseConfidence").GetString().Should().Be("high");

        // Switching the answer to "no" without a reason is refused; nothing changes.
        (await client.PatchAsync($"/api/reusable-assets/{id}", JsonContent(new { extracted = false }))).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        var agentDelete = await factory.CreateAgentClient().DeleteAsync($"/api/reusable-assets/{id}");
        agentDelete.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await client.DeleteAsync($"/api/reusable-assets/{id}?reason=duplicate")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await client.GetAsync($"/api/reusable-assets/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        await using var db = factory.CreateDbContext();
        var audit = await db.Set<AuditEntry>().Where(a => a.RecordType == "reusable_asset" && a.RecordId == id.ToString()).OrderBy(a => a.Id).ToListAsync();
        audit.Select(a => a.Action).Should().Equal("reusable_asset.created", "reusable_asset.updated", "reusable_asset.deleted");
        var deleted = audit.Last();
        deleted.ActorName.Should().NotBeNullOrEmpty();
        deleted.Reason.Should().Be("duplicate");
        JsonDocument.Parse(deleted.Before!).RootElement.GetProperty("label").GetString().Should().Be("Library case study");
    }

    [Fact]
    public async Task Library_UnknownFilterValue_Is400()
    {
        var client = await factory.CreateOperatorClientAsync();

        (await client.GetAsync("/api/reusable-assets?type=spreadsheet")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ShippedClientWithoutAnEntry_IsAnIntervention_UntilTheLogSaysSomething()
    {
        var shipped = await CreateLeadAsync("shipped", "Forgot To Log Inc");
        var building = await CreateLeadAsync("building", "Still Building Inc");
        var source = factory.Services.GetServices<IInterventionSource>().OfType<MissingReusableAssetSource>().Single();

        var before = await source.GetAsync(factory.Clock.GetUtcNow().UtcDateTime, new Thresholds(), CancellationToken.None);
        before.Should().Contain(i => i.LeadId == shipped && i.Kind == "missing_reusable_asset" && i.Link == $"/leads/{shipped}");
        before.Should().NotContain(i => i.LeadId == building);

        var client = await factory.CreateOperatorClientAsync();
        (await client.PostJsonAsync($"/api/leads/{shipped}/reusable-assets", new { extracted = false, notExtractedReason = "Pure data migration." }))
            .StatusCode.Should().Be(HttpStatusCode.Created);

        var after = await source.GetAsync(factory.Clock.GetUtcNow().UtcDateTime, new Thresholds(), CancellationToken.None);
        after.Should().NotContain(i => i.LeadId == shipped);
    }

    [Fact]
    public async Task OpenApi_DocumentsTheAssetAndLearningEndpoints()
    {
        var document = await factory.CreateAnonymousClient().GetStringAsync("/openapi/v1.json");

        document.Should().Contain("/api/leads/{id}/reusable-assets").And.Contain("/api/reusable-assets/{id}")
            .And.Contain("/api/learning/ingest").And.Contain("/api/learning/proposals/{id}/promotion-decision").And.Contain("/api/playbook");
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body, ApiJson.Options), System.Text.Encoding.UTF8, "application/json");
}
