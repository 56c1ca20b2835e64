using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;
using OperatorConsole.Tests.Infrastructure;
using static OperatorConsole.Tests.Api.Proposals.ProposalTestData;

namespace OperatorConsole.Tests.Api.Audit;

public sealed class AuditTrailTests(ConsoleFactory factory) : IClassFixture<ConsoleFactory>
{
    [Fact]
    public async Task DbContext_RefusesToChangeOrDeleteAnAuditEntry()
    {
        var op = await factory.CreateOperatorClientAsync();
        await CreateLeadAsync(op);

        await using (var db = factory.CreateDbContext())
        {
            var entry = await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync();
            entry.Summary = "rewritten history";
            await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<AuditLogIsAppendOnlyException>();
        }

        await using (var db = factory.CreateDbContext())
        {
            var entry = await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync();
            db.AuditEntries.Remove(entry);
            await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<AuditLogIsAppendOnlyException>();
        }

        // Even raw SQL is refused by the database's own guard.
        await using (var db = factory.CreateDbContext())
        {
            await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("UPDATE AuditEntries SET Summary = 'x'")).Should().ThrowAsync<SqliteException>();
            await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AuditEntries")).Should().ThrowAsync<SqliteException>();
        }

        await using var check = factory.CreateDbContext();
        (await check.AuditEntries.AnyAsync(e => e.Summary == "rewritten history")).Should().BeFalse();
    }

    [Fact]
    public async Task ExportCsv_IsOperatorOnly_StreamsTheFilteredEntries()
    {
        var op = await factory.CreateOperatorClientAsync();
        var lead = await CreateLeadAsync(op, "=HYPERLINK(\"http://evil\")");
        await CreateDraftAsync(op, lead.Id);

        var response = await op.GetAsync("/api/audit/export.csv?recordType=lead&action=lead.created");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].Trim().Should().Be("id,at,actorKind,actorId,actorName,action,recordType,recordId,summary,reason,before,after");
        lines.Skip(1).Should().NotBeEmpty().And.OnlyContain(l => l.Contains(",lead.created,lead,"));
        // A title that a spreadsheet would run as a formula is escaped.
        lines.Should().NotContain(l => l.Contains(",=HYPERLINK"));

        (await (await factory.CreateViewerClientAsync()).GetAsync("/api/audit/export.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await factory.CreateAgentClient().GetAsync("/api/audit/export.csv")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }
}
