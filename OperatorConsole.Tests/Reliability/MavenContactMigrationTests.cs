using Microsoft.EntityFrameworkCore;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// Deals imported from the Maven sample before the mapping stopped storing the sales agent as the contact: the migration
/// clears a contact that is still the deal's owner, and keeps a contact someone typed since, and every other source's.
/// SQL Server gets the same statement in its own dialect.
/// </summary>
public sealed class MavenContactMigrationTests : IDisposable
{
    private readonly TempSqliteFile _file = new("oc-maven-contact");

    [Fact]
    public async Task MavenDealsWhoseContactIsTheirAgent_LoseTheContact_AndNothingElseDoes()
    {
        await using (var before = await _file.OpenJustBeforeAsync("_Maven_ContactIsNotTheAgent"))
        {
            await before.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Lead" ("Id", "Title", "Source", "Owner", "ContactName", "Status", "IsArchived", "CreatedAtEstimated", "CreatedAt", "UpdatedAt", "StatusChangedAt")
                VALUES (1, 'Imported as it was', 'maven-crm', 'Darcel Schlecht', 'Darcel Schlecht', 'Qualified', 0, 0, '2017-03-01 00:00:00', '2017-03-01 00:00:00', '2017-03-01 00:00:00'),
                       (2, 'Contact typed since', 'maven-crm', 'Darcel Schlecht', 'Ada Buyer', 'Qualified', 0, 0, '2017-03-01 00:00:00', '2026-11-02 09:00:00', '2017-03-01 00:00:00'),
                       (3, 'Own deal, owner is contact', 'referral', 'Op', 'Op', 'New', 0, 0, '2026-11-04 09:00:00', '2026-11-04 09:00:00', '2026-11-04 09:00:00'),
                       (4, 'Other CSV', 'hubspot', 'Rep', 'Rep', 'New', 0, 0, '2026-11-05 09:00:00', '2026-11-05 09:00:00', '2026-11-05 09:00:00');
                """);
        }

        await using var upgraded = _file.Open();
        await upgraded.Database.MigrateAsync();

        var contacts = await upgraded.Database
            .SqlQueryRaw<string>("""SELECT COALESCE("ContactName", '(none)') AS "Value" FROM "Lead" ORDER BY "Id" """).ToListAsync();
        contacts.Should().Equal("(none)", "Ada Buyer", "Op", "Rep");
        var owners = await upgraded.Database.SqlQueryRaw<string>("""SELECT "Owner" AS "Value" FROM "Lead" ORDER BY "Id" """).ToListAsync();
        owners.Should().Equal("Darcel Schlecht", "Darcel Schlecht", "Op", "Rep");
    }

    [Fact]
    public void SqlServerScript_ClearsTheSameContacts()
    {
        var script = MigrationScripts.SqlServer;

        script.Should().Contain("UPDATE [Lead] SET [ContactName] = NULL WHERE [Source] = 'maven-crm' AND [ContactName] = [Owner];");
    }

    public void Dispose() => _file.Dispose();
}
