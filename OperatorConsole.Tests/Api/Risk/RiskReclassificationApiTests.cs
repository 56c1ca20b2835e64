using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Approvals;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Risk;

/// <summary>
/// Changing the risk rules re-classifies the jobs nobody has decided yet (audited per job), and the preview says which
/// jobs would change before anything is saved. A class of its own: saving rules would re-classify other classes' jobs.
/// </summary>
public sealed class RiskReclassificationApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    /// <summary>
    /// A folder name no default rule knows and no other test uses, made of letters only so a word rule matches it exactly
    /// (digits would split it into several words).
    /// </summary>
    private static string UniqueWord() =>
        "zq" + new string(Guid.NewGuid().ToString("N").Select(c => (char)('a' + (c % 26))).ToArray())[..12];

    private async Task<int> RecordAsync(string file)
    {
        var response = await factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs", new
        {
            taskRequested = "reclassify " + file, filesTouched = new[] { file }, branch = "agent/rules", result = "success", testsPassed = 3, testsFailed = 0,
        });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var job = await response.ReadJsonAsync();
        job.GetProperty("riskLevel").GetString().Should().Be("medium", "{0} must start at the default so the rule change is what moves it", file);
        return job.GetProperty("id").GetInt32();
    }

    private async Task<JsonElement> GetJobAsync(int id) =>
        await (await (await factory.CreateOperatorClientAsync()).GetAsync($"/api/agent-jobs/{id}")).ReadJsonAsync();

    /// <summary>The rules in force plus extra ones in front, spelled as the API takes them.</summary>
    private async Task<List<object>> RulesWithAsync(params object[] extra)
    {
        var current = await (await (await factory.CreateViewerClientAsync()).GetAsync("/api/settings/risk-rules")).ReadJsonAsync();
        var rules = new List<object>(extra);
        rules.AddRange(current.GetProperty("rules").EnumerateArray().Select(r => (object)new
        {
            pattern = r.GetProperty("pattern").GetString(),
            @class = r.GetProperty("class").GetString(),
            level = r.GetProperty("level").GetString(),
        }));
        return rules;
    }

    private static string Str(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task SavingRules_ReclassifiesOpenJobs_LeavesDecidedOnes_AndAuditsEachChange()
    {
        var (up, down) = (UniqueWord(), UniqueWord());
        var raised = await RecordAsync($"src/{up}/Summary.cs");
        var lowered = await RecordAsync($"src/{down}/Thing.cs");
        var approved = await RecordAsync($"src/{up}/Approved.cs");
        var op = await factory.CreateOperatorClientAsync();
        (await op.PatchAsJsonAsync($"/api/agent-jobs/{approved}", new { humanApproved = true, reason = "Read the diff" }, ApiJson.Options))
            .StatusCode.Should().Be(HttpStatusCode.OK);

        var rules = await RulesWithAsync(
            new { pattern = up, @class = "money_sensitive", level = "high" },
            new { pattern = down, @class = "ui_only", level = "low" });
        var saved = await op.PutAsJsonAsync("/api/settings/risk-rules", new { rules, reason = "These folders move money / hold only copy" });

        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await saved.ReadJsonAsync()).GetProperty("reclassified").GetInt32().Should().Be(2, "two open jobs changed; the approved one keeps the verdict it was approved on");

        var high = await GetJobAsync(raised);
        high.GetProperty("riskClass").GetString().Should().Be("money_sensitive");
        high.GetProperty("riskLevel").GetString().Should().Be("high");
        high.GetProperty("matchedRule").GetString().Should().Be(up);
        high.GetProperty("requiresReview").GetBoolean().Should().BeTrue();
        (await GetJobAsync(lowered)).GetProperty("riskLevel").GetString().Should().Be("low");
        var kept = await GetJobAsync(approved);
        kept.GetProperty("riskLevel").GetString().Should().Be("medium");
        kept.GetProperty("riskClass").GetString().Should().Be("feature_logic");

        await using (var db = factory.CreateDbContext())
        {
            var audit = await db.AuditEntries.Where(a => a.Action == "agent_job.reclassified"
                && (a.RecordId == Str(raised) || a.RecordId == Str(lowered) || a.RecordId == Str(approved))).ToListAsync();
            audit.Select(a => a.RecordId).Should().BeEquivalentTo([Str(raised), Str(lowered)]);
            var raisedEntry = audit.Single(a => a.RecordId == Str(raised));
            raisedEntry.Before.Should().Contain("medium");
            raisedEntry.After.Should().Contain("high").And.Contain(up);
            raisedEntry.ActorId.Should().NotBeNullOrEmpty();

            // A job that became high asks for its review like a new high-risk job does.
            (await db.Set<ApprovalRequest>().CountAsync(a => a.SubjectType == "agent_job" && a.SubjectId == Str(raised) && a.State == ApprovalState.Pending))
                .Should().Be(1);
        }

        (await op.PostAsync("/api/settings/risk-rules/reset", null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Preview_SaysHowManyAndWhichOpenJobsWouldChangeLevel_AndWritesNothing()
    {
        var (up, down) = (UniqueWord(), UniqueWord());
        var raised = await RecordAsync($"lib/{up}/engine.py");
        var lowered = await RecordAsync($"lib/{down}/copy.py");
        var refused = await RecordAsync($"lib/{up}/refused.py");
        var op = await factory.CreateOperatorClientAsync();
        (await op.PatchAsJsonAsync($"/api/agent-jobs/{refused}", new { humanApproved = false, reason = "Not this way" }, ApiJson.Options))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        var rules = await RulesWithAsync(
            new { pattern = up, @class = "auth_security", level = "high" },
            new { pattern = down, @class = "ui_only", level = "low" });

        // Any signed-in person may ask: it only reads.
        var response = await (await factory.CreateViewerClientAsync()).PostJsonAsync("/api/settings/risk-rules/preview", new { rules });

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        var jobs = body.GetProperty("jobs").EnumerateArray().ToList();
        body.GetProperty("changed").GetInt32().Should().Be(jobs.Count);
        jobs.Select(j => j.GetProperty("id").GetInt32()).Should().BeEquivalentTo([raised, lowered], "the refused job is decided and keeps its verdict");
        var up1 = jobs.Single(j => j.GetProperty("id").GetInt32() == raised);
        up1.GetProperty("fromLevel").GetString().Should().Be("medium");
        up1.GetProperty("toLevel").GetString().Should().Be("high");
        up1.GetProperty("toClass").GetString().Should().Be("auth_security");
        up1.GetProperty("explanation").GetString().Should().Contain(up);
        var down1 = jobs.Single(j => j.GetProperty("id").GetInt32() == lowered);
        down1.GetProperty("fromLevel").GetString().Should().Be("medium");
        down1.GetProperty("toLevel").GetString().Should().Be("low");

        // Nothing was written: same verdicts, no re-classification audit.
        (await GetJobAsync(raised)).GetProperty("riskLevel").GetString().Should().Be("medium");
        await using var db = factory.CreateDbContext();
        (await db.AuditEntries.CountAsync(a => a.Action == "agent_job.reclassified" && (a.RecordId == Str(raised) || a.RecordId == Str(lowered))))
            .Should().Be(0);
    }

    [Fact]
    public async Task Preview_InvalidRulesAre422ByRow_AndAnApiKeyIs403()
    {
        var bad = new { rules = new[] { new { pattern = "!", @class = "infra", level = "high" } } };

        var response = await (await factory.CreateViewerClientAsync()).PostJsonAsync("/api/settings/risk-rules/preview", bad);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("rules[0].pattern", out _).Should().BeTrue();
        (await factory.CreateAgentClient().PostJsonAsync("/api/settings/risk-rules/preview", new { rules = Array.Empty<object>() }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
