using Microsoft.EntityFrameworkCore;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// Deals imported from the Maven sample before leads could say "no creation date": the migration marks the Prospecting
/// rows (first imported stage New) and nothing else — not the sample's dated deals, not a hand-made lead, not another
/// CSV. SQL Server gets the same statement in its own dialect.
/// </summary>
public sealed class UndatedLeadsMigrationTests : IDisposable
{
    private readonly TempSqliteFile _file = new("oc-undated");

    [Fact]
    public async Task MavenProspectingRowsImportedBefore_AreMarkedUndated_AndNothingElse()
    {
        await using (var before = await _file.OpenJustBeforeAsync("_Undated_LeadCreatedAtEstimated"))
        {
            await before.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Lead" ("Id", "Title", "Source", "Status", "IsArchived", "CreatedAt", "UpdatedAt", "StatusChangedAt")
                VALUES (1, 'Prospecting', 'maven-crm', 'New', 0, '2017-12-31 00:00:00', '2017-12-31 00:00:00', '2017-12-31 00:00:00'),
                       (2, 'Prospecting, since worked', 'maven-crm', 'Qualified', 0, '2017-12-31 00:00:00', '2026-11-02 09:00:00', '2026-11-02 09:00:00'),
                       (3, 'Engaging', 'maven-crm', 'Qualified', 0, '2017-12-31 00:00:00', '2017-12-31 00:00:00', '2017-12-31 00:00:00'),
                       (4, 'Typed in', 'referral', 'New', 0, '2026-11-04 09:00:00', '2026-11-04 09:00:00', '2026-11-04 09:00:00'),
                       (5, 'Other CSV', 'hubspot', 'New', 0, '2026-11-05 09:00:00', '2026-11-05 09:00:00', '2026-11-05 09:00:00');
                INSERT INTO "LeadStatusChange" ("LeadId", "FromStatus", "ToStatus", "ChangedAt", "ActorKind", "ActorId", "ActorName", "Reason")
                VALUES (1, NULL, 'New', '2017-12-31 00:00:00', 'System', 'import', 'Import', 'Imported (maven-crm)'),
                       (2, NULL, 'New', '2017-12-31 00:00:00', 'System', 'import', 'Import', 'Imported (maven-crm)'),
                       (2, 'New', 'Qualified', '2026-11-02 09:00:00', 'User', 'op', 'Operator', 'Called them'),
                       (3, NULL, 'Qualified', '2017-12-31 00:00:00', 'System', 'import', 'Import', 'Imported (maven-crm)'),
                       (4, NULL, 'New', '2026-11-04 09:00:00', 'User', 'op', 'Operator', NULL),
                       (5, NULL, 'New', '2026-11-05 09:00:00', 'System', 'import', 'Import', 'Imported (hubspot)');
                """);
        }

        await using var upgraded = _file.Open();
        await upgraded.Database.MigrateAsync();

        var marked = await upgraded.Database
            .SqlQueryRaw<int>("""SELECT "Id" AS "Value" FROM "Lead" WHERE "CreatedAtEstimated" = 1 ORDER BY "Id" """).ToListAsync();
        marked.Should().Equal(1, 2);
    }

    [Fact]
    public void SqlServerScript_MarksTheSameRows()
    {
        var script = MigrationScripts.SqlServer;

        script.Should().Contain("ALTER TABLE [Lead] ADD [CreatedAtEstimated] bit NOT NULL DEFAULT CAST(0 AS bit)")
            .And.Contain("UPDATE [Lead] SET [CreatedAtEstimated] = 1 WHERE [Source] = 'maven-crm'");
    }

    public void Dispose() => _file.Dispose();
}
