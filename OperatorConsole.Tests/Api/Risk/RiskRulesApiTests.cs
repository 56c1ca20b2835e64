using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Risk;

public sealed class RiskRulesApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task Get_WithoutSavedRules_ReturnsTheAppsettingsDefaults()
    {
        var viewer = await factory.CreateViewerClientAsync();

        var body = await (await viewer.GetAsync("/api/settings/risk-rules")).ReadJsonAsync();

        // Other tests of this class save and then reset, so the list (not the flag) is what is checked here.
        var rules = body.GetProperty("rules").EnumerateArray().ToList();
        rules.Should().HaveCount(OperatorConsole.Domain.Risk.RiskRules.Defaults.Count, "with no saved rules the built-in defaults apply");
        rules.Select(r => r.GetProperty("pattern").GetString())
            .Should().Equal(OperatorConsole.Domain.Risk.RiskRules.Defaults.Select(r => r.Pattern));
    }

    [Fact]
    public async Task Put_ByOperator_IsPersistedAudited_AndUsedForNewJobs()
    {
        var op = await factory.CreateOperatorClientAsync();
        var rules = new[]
        {
            new { pattern = "docs/**", @class = "ui_only", level = "low" },
            new { pattern = "*.sql", @class = "infra", level = "high" },
        };

        var saved = await op.PutAsJsonAsync("/api/settings/risk-rules", new { rules, reason = "SQL migrations are infra here" });

        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());
        (await saved.ReadJsonAsync()).GetProperty("isCustomised").GetBoolean().Should().BeTrue();
        await using (var db = factory.CreateDbContext())
        {
            var audit = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.RecordType == "settings" && a.RecordId == "risk_rules");
            audit.Action.Should().Be("settings.changed");
            audit.Reason.Should().Be("SQL migrations are infra here");
            audit.After.Should().Contain("*.sql");
        }

        var job = await factory.CreateAgentClient().PostJsonAsync("/api/agent-jobs",
            new { taskRequested = "migration", filesTouched = new[] { "db/001_init.sql" }, result = "success" });
        var body = await job.ReadJsonAsync();
        body.GetProperty("riskClass").GetString().Should().Be("infra");
        body.GetProperty("matchedRule").GetString().Should().Be("*.sql");

        (await op.PostAsync("/api/settings/risk-rules/reset", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        var reset = await (await op.GetAsync("/api/settings/risk-rules")).ReadJsonAsync();
        reset.GetProperty("rules").GetArrayLength().Should().Be(OperatorConsole.Domain.Risk.RiskRules.Defaults.Count);
    }

    [Fact]
    public async Task Put_InvalidRules_Is422ByRow_AndKeysAndViewersAre403()
    {
        var op = await factory.CreateOperatorClientAsync();
        var bad = new { rules = new[] { new { pattern = "*.cs", @class = "scary", level = "high" }, new { pattern = "", @class = "infra", level = "extreme" } } };

        var response = await op.PutAsJsonAsync("/api/settings/risk-rules", bad);

        response.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        errors.TryGetProperty("rules[0].class", out _).Should().BeTrue();
        errors.TryGetProperty("rules[1].pattern", out _).Should().BeTrue();
        errors.TryGetProperty("rules[1].level", out _).Should().BeTrue();

        var good = new { rules = new[] { new { pattern = "*.cs", @class = "infra", level = "high" } } };
        (await factory.CreateAgentClient().PutAsJsonAsync("/api/settings/risk-rules", good)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await (await factory.CreateViewerClientAsync()).PutAsJsonAsync("/api/settings/risk-rules", good)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Test_ClassifiesEachPathAndOverall_WithUnsavedRules()
    {
        var viewer = await factory.CreateViewerClientAsync();

        var result = await (await viewer.PostJsonAsync("/api/settings/risk-rules/test", new
        {
            files = new[] { "a.razor", "lib/x.go" },
            rules = new[] { new { pattern = "*.go", @class = "pipeline_logic", level = "medium" } },
        })).ReadJsonAsync();

        result.GetProperty("riskClass").GetString().Should().Be("pipeline_logic");
        result.GetProperty("matchedRule").GetString().Should().Be("*.go");
        var files = result.GetProperty("files").EnumerateArray().ToList();
        files[0].GetProperty("riskClass").GetString().Should().Be("feature_logic");
        files[0].GetProperty("matchedRule").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
    }
}
