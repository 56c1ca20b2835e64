using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Domain.Audit;
using OperatorConsole.Domain.Failures;
using OperatorConsole.Domain.Leads;
using OperatorConsole.Tests.Infrastructure;

namespace OperatorConsole.Tests.Api.Failures;

/// <summary>
/// Triage at scale through the API: open deals only, next steps, groups, paging per bucket, and bulk decisions.
/// Each test tags its own leads and filters on the tag, so the shared database does not disturb it.
/// </summary>
public sealed class FailureTriageApiTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    private static string Tag() => "T" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<JsonElement> BucketAsync(HttpClient client, string bucket, string q, int offset = 0, int limit = 50, bool acknowledged = false)
    {
        var response = await client.GetAsync($"/api/failures/buckets/{bucket}?q={q}&offset={offset}&limit={limit}{(acknowledged ? "&include=acknowledged" : "")}");
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    private static IEnumerable<string> Keys(JsonElement page) => page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("key").GetString()!);

    [Fact]
    public async Task AClosedDeal_IsNeverStale_AnOpenOneIs()
    {
        var tag = Tag();
        var open = await factory.AddLeadAsync($"{tag} open", LeadStatus.Qualified, 400, 300);
        foreach (var closed in new[] { LeadStatus.Approved, LeadStatus.Building, LeadStatus.Shipped, LeadStatus.Lost })
        {
            await factory.AddLeadAsync($"{tag} {closed}", closed, 400, 300);
        }

        var page = await BucketAsync(await factory.CreateOperatorClientAsync(), "stale_by_touch", tag);

        Keys(page).Should().Equal("lead:" + open.Id);
    }

    [Fact]
    public async Task NextStep_PlannedKeepsADealOffTheList_OverdueBringsItBack_AndIsAudited()
    {
        var tag = Tag();
        var lead = await factory.AddLeadAsync($"{tag} deal", LeadStatus.Proposal, 60, 30);
        var client = await factory.CreateOperatorClientAsync();
        var due = factory.Clock.GetUtcNow().UtcDateTime.AddDays(2);

        var set = await client.PutAsJsonAsync($"/api/leads/{lead.Id}/next-step", new { what = "Send the revised quote", dueAt = due });
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        (await BucketAsync(client, "stale_by_touch", tag)).GetProperty("total").GetInt32().Should().Be(0);

        factory.Clock.Advance(TimeSpan.FromDays(3));
        client = await factory.CreateOperatorClientAsync();
        var item = (await BucketAsync(client, "stale_by_touch", tag)).GetProperty("items").EnumerateArray().Single();
        item.GetProperty("signal").GetString().Should().Be("overdue_next_step");
        item.GetProperty("nextStep").GetString().Should().Be("Send the revised quote");
        item.GetProperty("daysSinceTouch").GetInt32().Should().Be(33, "the touch age stays visible");

        (await client.PostAsync($"/api/leads/{lead.Id}/next-step/done", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsync($"/api/leads/{lead.Id}/next-step/done", null)).StatusCode.Should().Be(HttpStatusCode.Conflict);
        (await client.PutAsJsonAsync($"/api/leads/{lead.Id}/next-step", new { what = "" })).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        await using var db = factory.CreateDbContext();
        (await db.Set<AuditEntry>().CountAsync(a => a.RecordType == "lead" && a.RecordId == lead.Id.ToString() && a.Action.StartsWith("lead.next_step"))).Should().Be(2);
    }

    [Fact]
    public async Task Report_ShowsTheThreeGroupsWithTheirCounts_AndPagesEachBucket()
    {
        var tag = Tag();
        for (var i = 0; i < 12; i++)
        {
            await factory.AddLeadAsync($"{tag} lead {i:00}", LeadStatus.New, 30 + i, null);
        }

        var client = await factory.CreateOperatorClientAsync();
        var report = await (await client.GetAsync("/api/failures?limit=5")).ReadJsonAsync();
        var counts = report.GetProperty("groups");
        report.GetProperty("pageLimit").GetInt32().Should().Be(5);
        report.GetProperty("staleByTouch").GetArrayLength().Should().Be(5);
        report.GetProperty("counts").GetProperty("staleByTouch").GetInt32().Should().BeGreaterThanOrEqualTo(12);
        counts.GetProperty("urgent").GetInt32().Should().Be(counts.GetProperty("broken").GetInt32() + counts.GetProperty("needsDecision").GetInt32());
        counts.GetProperty("nudges").GetInt32().Should().BeGreaterThanOrEqualTo(12);
        (counts.GetProperty("broken").GetInt32() + counts.GetProperty("needsDecision").GetInt32() + counts.GetProperty("nudges").GetInt32())
            .Should().Be(report.GetProperty("counts").GetProperty("total").GetInt32());

        var first = await BucketAsync(client, "stale_by_touch", tag, 0, 10);
        var rest = await BucketAsync(client, "stale_by_touch", tag, 10, 10);
        first.GetProperty("total").GetInt32().Should().Be(12);
        first.GetProperty("nextOffset").GetInt32().Should().Be(10);
        rest.GetProperty("nextOffset").ValueKind.Should().Be(JsonValueKind.Null);
        Keys(first).Concat(Keys(rest)).Should().OnlyHaveUniqueItems().And.HaveCount(12);

        (await client.GetAsync("/api/failures?limit=0")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/failures/buckets/stale_by_touch?offset=-1")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/failures/buckets/nope")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BulkAck_CoversExactlyTheFilteredItems_IsOneAuditEntry_AndNothingElseChanges()
    {
        var tag = Tag();
        var matching = new List<Lead>();
        for (var i = 0; i < 3; i++)
        {
            matching.Add(await factory.AddLeadAsync($"{tag} match {i}", LeadStatus.Qualified, 30, 9 + i));
        }

        var alreadyAcked = await factory.AddLeadAsync($"{tag} match acked", LeadStatus.Qualified, 30, 9);
        var other = await factory.AddLeadAsync($"{tag}-other", LeadStatus.Qualified, 30, 9);
        var client = await factory.CreateOperatorClientAsync();
        (await client.PostJsonAsync("/api/failures/acknowledgements",
            new { bucket = "stale_by_touch", key = "lead:" + alreadyAcked.Id, kind = "ack", reason = "mine" })).StatusCode.Should().Be(HttpStatusCode.Created);
        await using var before = factory.CreateDbContext();
        var auditBefore = await before.Set<AuditEntry>().CountAsync();
        var acksBefore = await before.Set<FailureAcknowledgement>().AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        var leadsBefore = await before.Set<Lead>().AsNoTracking().OrderBy(l => l.Id).Select(l => new { l.Id, l.UpdatedAt, l.Status }).ToListAsync();

        var response = await client.PostJsonAsync("/api/failures/acknowledgements/bulk",
            new { bucket = "stale_by_touch", q = $"{tag} match", kind = "ack", reason = "Imported history, handled in the weekly review" });

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var decision = await response.ReadJsonAsync();
        decision.GetProperty("count").GetInt32().Should().Be(3);
        decision.GetProperty("covered").EnumerateArray().Select(c => c.GetProperty("key").GetString())
            .Should().BeEquivalentTo(matching.Select(l => "lead:" + l.Id));
        var decisionId = decision.GetProperty("decisionId").GetString();

        await using var after = factory.CreateDbContext();
        var newAudit = await after.Set<AuditEntry>().OrderBy(a => a.Id).Skip(auditBefore).ToListAsync();
        newAudit.Should().ContainSingle().Which.Action.Should().Be("failure.bulk_acknowledged");
        newAudit[0].RecordId.Should().Be(decisionId);
        newAudit[0].Reason.Should().Be("Imported history, handled in the weekly review");
        foreach (var lead in matching)
        {
            newAudit[0].After.Should().Contain("lead:" + lead.Id);
        }

        newAudit[0].After.Should().NotContain("lead:" + other.Id).And.NotContain("lead:" + alreadyAcked.Id);
        var acksAfter = await after.Set<FailureAcknowledgement>().AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        acksAfter.Take(acksBefore.Count).Should().BeEquivalentTo(acksBefore, "existing acknowledgements are untouched");
        acksAfter.Skip(acksBefore.Count).Select(a => a.RecordKey).Should().BeEquivalentTo(matching.Select(l => "lead:" + l.Id));
        acksAfter.Skip(acksBefore.Count).Should().OnlyContain(a => a.DecisionId == decisionId);
        (await after.Set<Lead>().AsNoTracking().OrderBy(l => l.Id).Select(l => new { l.Id, l.UpdatedAt, l.Status }).ToListAsync())
            .Should().BeEquivalentTo(leadsBefore, "a triage decision changes no lead");
        Keys(await BucketAsync(client, "stale_by_touch", tag)).Should().Equal("lead:" + other.Id);
        (await (await client.GetAsync($"/api/failures/acknowledgements?decision={decisionId}")).ReadJsonAsync())
            .GetProperty("total").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task BulkSnooze_ItemComesBackAloneWhenItGetsWorse_AndBulkIsOperatorOnly()
    {
        var tag = Tag();
        var slow = await factory.AddLeadAsync($"{tag} a", LeadStatus.New, 30, 8);
        await factory.AddLeadAsync($"{tag} b", LeadStatus.New, 30, 8);
        var client = await factory.CreateOperatorClientAsync();
        var until = factory.Clock.GetUtcNow().UtcDateTime.AddDays(60);

        var viewer = await factory.CreateViewerClientAsync();
        (await viewer.PostJsonAsync("/api/failures/acknowledgements/bulk", new { bucket = "stale_by_touch", q = tag, kind = "snooze", until, reason = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await client.PostJsonAsync("/api/failures/acknowledgements/bulk", new { bucket = "stale_by_touch", q = tag, kind = "snooze", until }))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "a bulk decision needs its reason");
        (await client.PostJsonAsync("/api/failures/acknowledgements/bulk", new { bucket = "stale_by_touch", q = tag, kind = "snooze", until, reason = "Old import" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        (await BucketAsync(client, "stale_by_touch", tag)).GetProperty("total").GetInt32().Should().Be(0);

        // Six more days without a touch: not yet a full threshold (7 d) worse, still snoozed; the seventh brings both back.
        factory.Clock.Advance(TimeSpan.FromDays(6));
        client = await factory.CreateOperatorClientAsync();
        (await BucketAsync(client, "stale_by_touch", tag)).GetProperty("total").GetInt32().Should().Be(0);
        factory.Clock.Advance(TimeSpan.FromDays(1));
        client = await factory.CreateOperatorClientAsync();
        Keys(await BucketAsync(client, "stale_by_touch", tag)).Should().HaveCount(2).And.Contain("lead:" + slow.Id);
        (await client.PostJsonAsync("/api/failures/acknowledgements/bulk", new { bucket = "failed_runs", q = tag + "-none", kind = "ack", reason = "x" }))
            .StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity, "nothing matches");
    }

    [Fact]
    public async Task NoticesTurnedOffPerStage_LeaveTheReport_AndTheChangeIsAudited()
    {
        var tag = Tag();
        await factory.AddLeadAsync($"{tag} shipped", LeadStatus.Shipped, 30, 1, 3);
        var client = await factory.CreateOperatorClientAsync();
        (await BucketAsync(client, "interventions", tag)).GetProperty("items").EnumerateArray()
            .Should().Contain(i => i.GetProperty("kind").GetString() == NoticeKindsCode);

        var thresholds = await (await client.GetAsync("/api/settings/thresholds")).ReadJsonAsync();
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(thresholds.GetRawText())!;
        body["noticesOff"] = new[] { new { kind = NoticeKindsCode, stage = "shipped" } };
        var saved = await client.PutAsJsonAsync("/api/settings/thresholds", body);
        saved.StatusCode.Should().Be(HttpStatusCode.OK, await saved.Content.ReadAsStringAsync());

        (await BucketAsync(client, "interventions", tag)).GetProperty("items").EnumerateArray()
            .Should().NotContain(i => i.GetProperty("kind").GetString() == NoticeKindsCode);
        await using var db = factory.CreateDbContext();
        (await db.Set<AuditEntry>().AnyAsync(a => a.Action == "settings.changed" && a.After!.Contains(NoticeKindsCode))).Should().BeTrue();

        body["noticesOff"] = new[] { new { kind = "not_a_notice" } };
        (await client.PutAsJsonAsync("/api/settings/thresholds", body)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        body["noticesOff"] = Array.Empty<object>();
        (await client.PutAsJsonAsync("/api/settings/thresholds", body)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    private const string NoticeKindsCode = OperatorConsole.Domain.Settings.NoticeKinds.MissingReusableAsset;
}
