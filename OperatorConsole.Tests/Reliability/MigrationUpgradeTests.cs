using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// A database created by the first release (its InitialCreate, with data in it) upgrades in place: later migrations
/// add their columns and backfill them, and nothing already stored is lost.
/// </summary>
public sealed class MigrationUpgradeTests : IDisposable
{
    private const string ReleasedInitialCreate = "20261125104101_InitialCreate";
    private readonly TempSqliteFile _file = new("oc-upgrade");

    private SqliteConsoleDbContext Open() => _file.Open();

    [Fact]
    public async Task ReleasedDatabase_WithRuns_UpgradesAndBackfillsEachLeadsLastRunFinish()
    {
        await using (var released = Open())
        {
            await released.GetService<IMigrator>().MigrateAsync(ReleasedInitialCreate);
            await released.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Lead" ("Id", "Title", "Status", "IsArchived", "CreatedAt", "UpdatedAt", "StatusChangedAt", "LastRunStatus", "LastRunId", "LastRunStartedAt")
                VALUES (1, 'Ran once', 'New', 0, '2026-11-20 09:00:00', '2026-11-20 09:00:00', '2026-11-20 09:00:00', 'Fail', 7, '2026-11-21 10:00:00'),
                       (2, 'Never ran', 'New', 0, '2026-11-20 09:00:00', '2026-11-20 09:00:00', '2026-11-20 09:00:00', NULL, NULL, NULL);
                INSERT INTO "PipelineRun" ("Id", "LeadId", "Kind", "StartedAt", "FinishedAt", "Status", "RecordedAt", "ActorKind", "ActorId", "ActorName")
                VALUES (7, 1, 'enrich', '2026-11-21 10:00:00', '2026-11-21 10:00:30', 'Fail', '2026-11-21 10:00:31', 'ApiKey', '1', 'Pipeline runner');
                """);
        }

        await using var upgraded = Open();
        (await upgraded.Database.GetPendingMigrationsAsync()).Should().NotBeEmpty("the release is behind the current model");
        await upgraded.Database.MigrateAsync();

        (await upgraded.Database.GetPendingMigrationsAsync()).Should().BeEmpty();
        var finished = await upgraded.Database
            .SqlQueryRaw<string?>("""SELECT "LastRunFinishedAt" AS "Value" FROM "Lead" ORDER BY "Id" """)
            .ToListAsync();
        finished.Should().Equal("2026-11-21 10:00:30", null);
        (await upgraded.Database.SqlQueryRaw<string>("""SELECT "Title" AS "Value" FROM "Lead" ORDER BY "Id" """).ToListAsync())
            .Should().Equal("Ran once", "Never ran");
    }

    public void Dispose() => _file.Dispose();
}
