using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Audit;
using OperatorConsole.Tests.Infrastructure;
using static OperatorConsole.Tests.Api.Proposals.ProposalTestData;

namespace OperatorConsole.Tests.Api.Audit;

/// <summary>
/// The audit log is a hash chain that detects rewriting, removal and insertion; INSERT OR REPLACE cannot
/// rewrite an entry; refused attempts at a human gate are themselves audited. Each test has its own database,
/// because tampering tests break the chain on purpose.
/// </summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly ConsoleFactory _factory = new();

    [Fact]
    public async Task Chain_IsIntactAfterOrdinaryWork_AndTheApiSaysSo()
    {
        var op = await _factory.CreateOperatorClientAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateLeadAsync(op);
        }

        var report = await (await op.GetAsync("/api/audit/verify")).ReadJsonAsync();
        report.GetProperty("intact").GetBoolean().Should().BeTrue();
        await using var db = _factory.CreateDbContext();
        report.GetProperty("entries").GetInt32().Should().Be(await db.AuditEntries.CountAsync()).And.BeGreaterThan(3);
        (await db.AuditEntries.AnyAsync(e => e.Hash == null)).Should().BeFalse("every entry is sealed as it is written");
    }

    [Fact]
    public async Task InsertOrReplace_CannotRewriteAnEntry()
    {
        var op = await _factory.CreateOperatorClientAsync();
        await CreateLeadAsync(op);
        await using var db = _factory.CreateDbContext();
        var victim = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).FirstAsync();

        var replace = () => db.Database.ExecuteSqlAsync(
            $"INSERT OR REPLACE INTO AuditEntries (Id, At, ActorKind, ActorId, ActorName, Action, RecordType, RecordId, Summary) VALUES ({victim.Id}, '2026-01-01 00:00:00', 'User', 'x', 'Mallory', 'nothing.happened', 'lead', '1', 'rewritten')");
        await replace.Should().ThrowAsync<SqliteException>();
        var sameLink = () => db.Database.ExecuteSqlAsync(
            $"INSERT OR REPLACE INTO AuditEntries (At, ActorKind, ActorId, ActorName, Action, RecordType, RecordId, Summary, PreviousHash, Hash) VALUES ('2026-01-01 00:00:00', 'User', 'x', 'Mallory', 'nothing.happened', 'lead', '1', 'forked', {victim.PreviousHash}, 'f')");
        await sameLink.Should().ThrowAsync<SqliteException>("replacing through the chain link would delete the entry that holds it");

        (await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Id == victim.Id)).Summary.Should().Be(victim.Summary);
        (await VerifyAsync()).Intact.Should().BeTrue();
    }

    [Fact]
    public async Task RewrittenEntry_IsDetected_ByTheApiTheHealthCheckAndTheCommand()
    {
        var op = await _factory.CreateOperatorClientAsync();
        await CreateLeadAsync(op);
        await CreateLeadAsync(op);
        long victim;
        await using (var db = _factory.CreateDbContext())
        {
            victim = await db.AuditEntries.OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync();
            // An attacker with the database file drops the guard and edits an entry in place.
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoUpdate");
            await db.Database.ExecuteSqlAsync($"UPDATE AuditEntries SET Summary = 'nothing to see' WHERE Id = {victim}");
        }

        var report = await (await op.GetAsync("/api/audit/verify")).ReadJsonAsync();
        report.GetProperty("intact").GetBoolean().Should().BeFalse();
        report.GetProperty("brokenAtId").GetInt64().Should().Be(victim);
        var ready = await _factory.CreateAnonymousClient().GetAsync("/health/ready");
        (await ready.Content.ReadAsStringAsync()).Should().Be("Degraded");
    }

    [Fact]
    public async Task RemovedOrSlippedInEntries_AreDetected()
    {
        var op = await _factory.CreateOperatorClientAsync();
        for (var i = 0; i < 3; i++)
        {
            await CreateLeadAsync(op);
        }

        await using (var db = _factory.CreateDbContext())
        {
            var middle = await db.AuditEntries.OrderBy(e => e.Id).Skip(1).Select(e => e.Id).FirstAsync();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER AuditEntries_NoDelete");
            await db.Database.ExecuteSqlAsync($"DELETE FROM AuditEntries WHERE Id = {middle}");
        }

        var removed = await VerifyAsync();
        removed.Intact.Should().BeFalse();
        removed.Problem.Should().Contain("missing");

        var fresh = new ConsoleFactory();
        try
        {
            await CreateLeadAsync(await fresh.CreateOperatorClientAsync());
            await using var db = fresh.CreateDbContext();
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO AuditEntries (At, ActorKind, ActorId, ActorName, Action, RecordType, RecordId, Summary) " +
                "VALUES ('2026-01-01 00:00:00', 'User', 'x', 'Mallory', 'approval.decided', 'approval', '1', 'approved by nobody')");
            (await AuditChain.VerifyAsync(db, DateTime.UtcNow)).Intact.Should().BeFalse("an entry written around the app has no place in the chain");
            (await AuditChain.SealUnsealedAsync(db)).Should().Be(0, "the backfill never seals an entry slipped in after the chain began");
        }
        finally
        {
            fresh.Dispose();
        }
    }

    [Fact]
    public async Task RefusedGateAttempts_AreAudited()
    {
        await _factory.EnsureViewerAsync();
        var viewer = await _factory.CreateViewerClientAsync();
        var agent = _factory.CreateAgentClient();

        (await viewer.PostRawAsync("/api/api-keys", """{"name":"sneaky","scopes":["read"]}""")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await agent.GetAsync("/api/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        await using var db = _factory.CreateDbContext();
        var refused = await db.AuditEntries.Where(e => e.Action == "gate.refused").ToListAsync();
        refused.Should().Contain(e => e.ActorName == "Viewer" && e.RecordId.StartsWith("POST /api/api-keys"));
        refused.Should().Contain(e => e.ActorId.StartsWith("key:") && e.RecordId.StartsWith("GET /api/audit"));
        (await VerifyAsync()).Intact.Should().BeTrue();
    }

    private async Task<AuditChainReport> VerifyAsync()
    {
        await using var db = _factory.CreateDbContext();
        return await AuditChain.VerifyAsync(db, DateTime.UtcNow);
    }

    public void Dispose() => _factory.Dispose();
}
