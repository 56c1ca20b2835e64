using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OperatorConsole.Data.Failures;
using OperatorConsole.Data.Learning;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Common;
using OperatorConsole.Domain.Learning;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Learning;

public sealed class LearningApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private const string ContradictingNote = "Retro notes.\nWe should stop offering a discount on the first call; it made the price look padded.";

    /// <summary>A playbook entry of its own per test (unique words), so tests do not see each other's entries.</summary>
    private async Task<PlaybookEntry> SeedEntryAsync(LearningClass cls, string title, string text)
    {
        await using var db = factory.CreateDbContext();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var entry = new PlaybookEntry { Class = cls, Title = title, CurrentVersion = 1, CreatedAt = now, UpdatedAt = now };
        entry.Versions.Add(new PlaybookEntryVersion { Number = 1, Text = text, CreatedAt = now, CreatedById = "seed", CreatedByName = "Seed" });
        db.Add(entry);
        await db.SaveChangesAsync();
        return entry;
    }

    private static async Task<JsonElement> IngestAsync(HttpClient client, string text)
    {
        var response = await client.PostJsonAsync("/api/learning/ingest", new { text });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    [Fact]
    public async Task Ingest_PastedText_WithoutAi_UsesTheBuiltInExtractorAndSaysSo()
    {
        var client = await factory.CreateOperatorClientAsync();

        var result = await IngestAsync(client, "Call notes.\nNext time we should send the proposal within 24 hours of the discovery call.");

        result.GetProperty("learning").GetProperty("engine").GetString().Should().Be("built_in");
        result.GetProperty("learning").GetProperty("engineNote").GetString().Should().Contain("not configured");
        var proposal = result.GetProperty("proposals").EnumerateArray().Single();
        proposal.GetProperty("engine").GetString().Should().Be("built_in");
        result.GetProperty("learning").GetProperty("engineNote").GetString().Should().Contain("nearest labelled examples");
        // No cap below the floor any more: the calibrated confidence decides, and "low" follows it.
        var confidence = proposal.GetProperty("confidence").GetDouble();
        confidence.Should().BeInRange(0.01, 0.99);
        proposal.GetProperty("lowConfidence").GetBoolean().Should().Be(confidence < 0.6);
        proposal.GetProperty("class").GetString().Should().Be("sales");
    }

    [Fact]
    public async Task Ingest_UploadedVtt_IsReadAsATranscript()
    {
        var client = await factory.CreateOperatorClientAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "TestData", "learning", "discovery-call.vtt")));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/vtt");
        form.Add(file, "file", "discovery-call.vtt");

        var response = await client.PostAsync("/api/learning/ingest", form);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var result = await response.ReadJsonAsync();
        result.GetProperty("learning").GetProperty("sourceKind").GetString().Should().Be("transcript");
        result.GetProperty("learning").GetProperty("fileName").GetString().Should().Be("discovery-call.vtt");
        result.GetProperty("proposals").GetArrayLength().Should().BeGreaterThan(3);
    }

    [Fact]
    public async Task Ingest_WrongFileTypeOrNoText_Is422_AndAnApiKeyGets403()
    {
        var client = await factory.CreateOperatorClientAsync();
        using var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4"u8.ToArray()), "file", "notes.pdf" } };
        await using var db = factory.CreateDbContext();
        var before = await db.Set<IngestedLearning>().CountAsync();

        (await client.PostAsync("/api/learning/ingest", form)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await client.PostJsonAsync("/api/learning/ingest", new { text = "  " })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await client.PostRawAsync("/api/learning/ingest", """{"text":"x","sourceKind":"podcast"}""")).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await factory.CreateAgentClient().PostJsonAsync("/api/learning/ingest", new { text = "We should always do X." })).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await db.Set<IngestedLearning>().CountAsync()).Should().Be(before);
    }

    [Fact]
    public async Task Ingest_ProposalAgainstTheSeededPlaybook_ShowsTheContradictionSideBySide()
    {
        var entry = await SeedEntryAsync(LearningClass.Sales, "Discount on the first call", "Offer a 10% discount on the first call to close quickly.");
        var client = await factory.CreateOperatorClientAsync();

        var result = await IngestAsync(client, ContradictingNote);

        var proposal = result.GetProperty("proposals").EnumerateArray().Single(p => p.GetProperty("text").GetString()!.Contains("stop offering"));
        var contradiction = proposal.GetProperty("contradictions").EnumerateArray().Single(c => c.GetProperty("playbookEntryId").GetInt32() == entry.Id);
        contradiction.GetProperty("playbookText").GetString().Should().Be("Offer a 10% discount on the first call to close quickly.");
        contradiction.GetProperty("entryTitle").GetString().Should().Be("Discount on the first call");
        contradiction.GetProperty("source").GetString().Should().Be("detected");
        contradiction.GetProperty("reason").GetString().Should().Contain("stop");
    }

    [Fact]
    public async Task Promotion_NeedsAnOperatorsDecision_ThenWritesANewVersionAndTheAudit_AndKeepsTheOldOne()
    {
        var entry = await SeedEntryAsync(LearningClass.Sales, "Discount policy (promotion test)", "Offer a 10% discount on the first call to close quickly.");
        var client = await factory.CreateOperatorClientAsync();
        var agent = factory.CreateAgentClient();
        var proposal = (await IngestAsync(client, ContradictingNote)).GetProperty("proposals").EnumerateArray()
            .Single(p => p.GetProperty("text").GetString()!.Contains("stop offering"));
        var id = proposal.GetProperty("id").GetInt32();

        // A machine can neither ask for the promotion nor decide it.
        (await agent.PostJsonAsync($"/api/learning/proposals/{id}/promote", new { metric = "win_rate" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync($"/api/learning/proposals/{id}/promote", new { })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        var requested = await client.PostJsonAsync($"/api/learning/proposals/{id}/promote", new { metric = "win_rate", targetEntryId = entry.Id });
        requested.StatusCode.Should().Be(HttpStatusCode.Created, await requested.Content.ReadAsStringAsync());
        var approvalId = (await requested.ReadJsonAsync()).GetProperty("approvalRequestId").GetInt32();

        // Requesting changes nothing in the playbook.
        var pendingEntry = await (await client.GetAsync($"/api/playbook/{entry.Id}")).ReadJsonAsync();
        pendingEntry.GetProperty("currentVersion").GetInt32().Should().Be(1);
        pendingEntry.GetProperty("versions").GetArrayLength().Should().Be(1);

        (await agent.PostJsonAsync($"/api/learning/proposals/{id}/promotion-decision", new { approve = true, reason = "bot" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync($"/api/learning/proposals/{id}/promotion-decision", new { approve = true })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await client.PostJsonAsync($"/api/learning/proposals/{id}/promote", new { metric = "win_rate" })).StatusCode.Should().Be(HttpStatusCode.Conflict);

        var decided = await client.PostJsonAsync($"/api/learning/proposals/{id}/promotion-decision", new { approve = true, reason = "Two lost deals blamed the padded price." });
        decided.StatusCode.Should().Be(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());
        var decision = await decided.ReadJsonAsync();
        decision.GetProperty("state").GetString().Should().Be("approved");
        decision.GetProperty("proposal").GetProperty("state").GetString().Should().Be("promoted");

        var promoted = await (await client.GetAsync($"/api/playbook/{entry.Id}")).ReadJsonAsync();
        promoted.GetProperty("currentVersion").GetInt32().Should().Be(2);
        var versions = promoted.GetProperty("versions").EnumerateArray().ToList();
        versions.Select(v => v.GetProperty("number").GetInt32()).Should().Equal(2, 1);
        versions[1].GetProperty("text").GetString().Should().Be("Offer a 10% discount on the first call to close quickly.");
        versions[0].GetProperty("text").GetString().Should().Contain("stop offering a discount");
        versions[0].GetProperty("approvalRequestId").GetInt32().Should().Be(approvalId);
        versions[0].GetProperty("reason").GetString().Should().Be("Two lost deals blamed the padded price.");

        await using var db = factory.CreateDbContext();
        var approval = await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == approvalId);
        approval.State.Should().Be(ApprovalState.Approved);
        approval.DecidedByName.Should().NotBeNullOrEmpty();
        approval.DecidedAt.Should().Be(factory.Clock.GetUtcNow().UtcDateTime);
        approval.DecisionNote.Should().Be("Two lost deals blamed the padded price.");
        var actions = await db.Set<AuditEntry>().Where(a => a.ActorKind == ActorKind.User
                && ((a.RecordType == "learning_proposal" && a.RecordId == id.ToString())
                    || (a.RecordType == "approval_request" && a.RecordId == approvalId.ToString())
                    || (a.RecordType == "playbook_entry" && a.RecordId == entry.Id.ToString())))
            .Select(a => a.Action).ToListAsync();
        actions.Should().Contain(["learning_proposal.promotion_requested", "approval.approved", "playbook.version_created", "learning_proposal.promoted"]);

        // A decided request cannot be decided again.
        (await client.PostJsonAsync($"/api/learning/proposals/{id}/promotion-decision", new { approve = false, reason = "changed my mind" })).StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Promotion_Rejected_LeavesThePlaybookAlone()
    {
        var client = await factory.CreateOperatorClientAsync();
        var proposal = (await IngestAsync(client, "Lesson: the onboarding checklist for zebra projects was missing the credentials step.")).GetProperty("proposals")[0];
        var id = proposal.GetProperty("id").GetInt32();
        await using var db = factory.CreateDbContext();
        var versionsBefore = await db.Set<PlaybookEntryVersion>().CountAsync();

        (await client.PostJsonAsync($"/api/learning/proposals/{id}/promote", new { metric = "time_to_ship_days", title = "Zebra onboarding" })).StatusCode.Should().Be(HttpStatusCode.Created);
        var decided = await client.PostJsonAsync($"/api/learning/proposals/{id}/promotion-decision", new { approve = false, reason = "Too specific to one client." });

        decided.StatusCode.Should().Be(HttpStatusCode.OK);
        (await decided.ReadJsonAsync()).GetProperty("proposal").GetProperty("state").GetString().Should().Be("promotion_rejected");
        (await db.Set<PlaybookEntryVersion>().CountAsync()).Should().Be(versionsBefore);
    }

    [Fact]
    public async Task DecidePromotion_CalledWithAnApiKeyActor_IsForbidden_AndTheRequestStaysPending()
    {
        var client = await factory.CreateOperatorClientAsync();
        var id = (await IngestAsync(client, "We should always record the discovery call for the yak-shaving team.")).GetProperty("proposals")[0].GetProperty("id").GetInt32();
        var approvalId = (await (await client.PostJsonAsync($"/api/learning/proposals/{id}/promote", new { metric = "win_rate" })).ReadJsonAsync())
            .GetProperty("approvalRequestId").GetInt32();
        var playbook = factory.Services.GetRequiredService<PlaybookService>();

        var result = await playbook.DecidePromotionAsync(approvalId, true, "automated", new Actor(ActorKind.ApiKey, "key:1", "agent"));
        var viewer = await playbook.DecidePromotionAsync(approvalId, true, "viewer", new Actor(ActorKind.User, "v", "Viewer", IsOperator: false));

        result.Status.Should().Be(OperationStatus.Forbidden);
        viewer.Status.Should().Be(OperationStatus.Forbidden);
        await using var db = factory.CreateDbContext();
        (await db.Set<ApprovalRequest>().SingleAsync(a => a.Id == approvalId)).State.Should().Be(ApprovalState.Pending);
    }

    [Fact]
    public async Task Patch_ClassConfidenceProduced_IsAHumanEdit_AndMovesTheProposalOutOfLowConfidence()
    {
        var client = await factory.CreateOperatorClientAsync();
        var id = (await IngestAsync(client, "Next time we should automate the weekly quokka report instead of copying it by hand.")).GetProperty("proposals")[0].GetProperty("id").GetInt32();
        var source = factory.Services.GetServices<ILowConfidenceSource>().OfType<LowConfidenceLearningSource>().Single();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        (await source.GetAsync(now, 0.6, CancellationToken.None)).Should().Contain(i => i.RecordId == id.ToString() && i.Engine == "built_in");

        var patched = await client.PatchAsync($"/api/learning/proposals/{id}",
            new StringContent("""{"class":"ops","confidence":0.9,"produced":"automation"}""", System.Text.Encoding.UTF8, "application/json"));

        patched.StatusCode.Should().Be(HttpStatusCode.OK);
        var view = await patched.ReadJsonAsync();
        view.GetProperty("class").GetString().Should().Be("ops");
        view.GetProperty("produced").GetString().Should().Be("automation");
        view.GetProperty("humanReviewed").GetBoolean().Should().BeTrue();
        (await source.GetAsync(now, 0.6, CancellationToken.None)).Should().NotContain(i => i.RecordId == id.ToString());
        (await client.PatchAsync($"/api/learning/proposals/{id}", new StringContent("""{"confidence":1.5}""", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await client.PatchAsync($"/api/learning/proposals/{id}", new StringContent("""{"contradictions":[{"playbookEntryId":987654}]}""", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await factory.CreateAgentClient().PatchAsync($"/api/learning/proposals/{id}", new StringContent("""{"confidence":0.1}""", System.Text.Encoding.UTF8, "application/json")))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ListProposals_FiltersAndRefusesUnknownValues()
    {
        var client = await factory.CreateOperatorClientAsync();
        await IngestAsync(client, "Lesson: the llama prompt hallucinated order numbers until we gave the model the id.");

        var ai = await (await client.GetAsync("/api/learning/proposals?class=ai&engine=built_in&promoted=false&q=llama")).ReadJsonAsync();
        ai.GetProperty("total").GetInt32().Should().Be(1);
        (await (await client.GetAsync("/api/learning/proposals?class=sales&q=llama")).ReadJsonAsync()).GetProperty("total").GetInt32().Should().Be(0);
        (await client.GetAsync("/api/learning/proposals?class=marketing")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/learning/proposals?engine=gpt")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await factory.CreateAgentClient().GetAsync("/api/playbook")).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
