using Microsoft.EntityFrameworkCore;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// Stage changes written by an import before the <c>Imported</c> column existed said so only in their reason: the
/// migration marks those, and no change someone made in the console, and a deal whose latest change is one has an
/// imported stage (ADR 221). SQL Server gets the same statements.
/// </summary>
public sealed class ImportedStatusChangeMigrationTests : IDisposable
{
    private readonly TempSqliteFile _file = new("oc-imported-change");

    [Fact]
    public async Task ChangesAnImportWrote_AreMarkedImported_AndNoneAPersonMade()
    {
        await using (var before = await _file.OpenJustBeforeAsync("_StatusChange_Imported"))
        {
            await before.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Lead" ("Id", "Title", "Source", "Status", "IsArchived", "CreatedAtEstimated", "CreatedAt", "UpdatedAt", "StatusChangedAt")
                VALUES (1, 'Won in the CRM', 'maven-crm', 'Approved', 0, 0, '2017-03-01 00:00:00', '2017-05-01 00:00:00', '2017-05-01 00:00:00'),
                       (2, 'Re-imported as won', 'hubspot', 'Approved', 0, 0, '2026-11-01 00:00:00', '2026-11-03 00:00:00', '2026-11-03 00:00:00'),
                       (3, 'Approved here', 'referral', 'Approved', 0, 0, '2026-11-04 09:00:00', '2026-11-06 09:00:00', '2026-11-06 09:00:00'),
                       (4, 'Imported, then called', 'hubspot', 'Qualified', 0, 0, '2026-11-01 00:00:00', '2026-11-07 00:00:00', '2026-11-07 00:00:00');
                INSERT INTO "LeadStatusChange" ("Id", "LeadId", "FromStatus", "ToStatus", "ChangedAt", "ActorKind", "ActorId", "ActorName", "Reason")
                VALUES (1, 1, NULL, 'Qualified', '2017-03-01 00:00:00', 'System', 'import', 'Import', 'Imported (maven-crm)'),
                       (2, 1, 'Qualified', 'Approved', '2017-05-01 00:00:00', 'System', 'import', 'Import', 'Imported history'),
                       (3, 2, NULL, 'New', '2026-11-01 00:00:00', 'User', 'op', 'Operator', 'Imported (hubspot)'),
                       (4, 2, 'New', 'Approved', '2026-11-03 00:00:00', 'User', 'op', 'Operator', 'Updated by import'),
                       (5, 3, NULL, 'New', '2026-11-04 09:00:00', 'User', 'op', 'Operator', NULL),
                       (6, 3, 'New', 'Approved', '2026-11-06 09:00:00', 'User', 'op', 'Operator', 'Imported (their words): signed'),
                       (7, 4, NULL, 'New', '2026-11-01 00:00:00', 'User', 'op', 'Operator', 'Imported (hubspot)'),
                       (8, 4, 'New', 'Qualified', '2026-11-07 00:00:00', 'User', 'op', 'Operator', 'Called them');
                """);
        }

        await using var upgraded = _file.Open();
        await upgraded.Database.MigrateAsync();

        var imported = await upgraded.Database
            .SqlQueryRaw<int>("""SELECT "Id" AS "Value" FROM "LeadStatusChange" WHERE "Imported" = 1 ORDER BY "Id" """).ToListAsync();
        imported.Should().Equal([1, 2, 3, 4, 7], "a person's reason that starts like an import's, on a later change, is not one");
        var stageImported = await upgraded.Database
            .SqlQueryRaw<int>("""SELECT "Id" AS "Value" FROM "Lead" WHERE "StatusImported" = 1 ORDER BY "Id" """).ToListAsync();
        stageImported.Should().Equal([1, 2], "a deal's stage is imported when its latest change is");
    }

    [Fact]
    public void SqlServerScript_MarksTheSameChanges()
    {
        var script = MigrationScripts.SqlServer;

        script.Should().Contain("UPDATE [LeadStatusChange] SET [Imported] = 1")
            .And.Contain("OR ([FromStatus] IS NULL AND [Reason] LIKE 'Imported (%');")
            .And.Contain("UPDATE [Lead] SET [StatusImported] = 1");
    }

    public void Dispose() => _file.Dispose();
}
