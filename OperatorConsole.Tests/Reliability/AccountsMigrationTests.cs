using Microsoft.EntityFrameworkCore;
using OperatorConsole.Data.Infrastructure;

namespace OperatorConsole.Tests.Reliability;

/// <summary>
/// The accounts migration turns the company text already on leads into accounts (one per name, case and spacing
/// ignored) and links every lead with a company to its account; leads without one stay unlinked. SQL Server gets
/// the same backfill in its own dialect.
/// </summary>
public sealed class AccountsMigrationTests : IDisposable
{
    private readonly TempSqliteFile _file = new("oc-accounts");

    private SqliteConsoleDbContext Open() => _file.Open();

    [Fact]
    public async Task ExistingLeads_CompanyTextBecomesAccounts_AndEveryLeadWithACompanyIsLinked()
    {
        await using (var before = await _file.OpenJustBeforeAsync("_Issue19_Accounts"))
        {
            await before.Database.ExecuteSqlRawAsync(
                """
                INSERT INTO "Lead" ("Id", "Title", "Company", "Status", "IsArchived", "CreatedAt", "UpdatedAt", "StatusChangedAt")
                VALUES (1, 'Website', 'Acme Corp', 'New', 0, '2026-11-01 09:00:00', '2026-11-01 09:00:00', '2026-11-01 09:00:00'),
                       (2, 'Chatbot', '  acme   corp ', 'Approved', 0, '2026-10-01 09:00:00', '2026-11-02 09:00:00', '2026-11-02 09:00:00'),
                       (3, 'Audit', 'ACME' || char(9) || 'Corp', 'Lost', 0, '2026-11-03 09:00:00', '2026-11-03 09:00:00', '2026-11-03 09:00:00'),
                       (4, 'Shop', 'Beta Ltd', 'New', 0, '2026-11-04 09:00:00', '2026-11-04 09:00:00', '2026-11-04 09:00:00'),
                       (5, 'No company', NULL, 'New', 0, '2026-11-05 09:00:00', '2026-11-05 09:00:00', '2026-11-05 09:00:00'),
                       (6, 'Blank company', '   ', 'New', 0, '2026-11-05 09:00:00', '2026-11-05 09:00:00', '2026-11-05 09:00:00');
                """);
        }

        await using var upgraded = Open();
        await upgraded.Database.MigrateAsync();

        var accountRows = await upgraded.Database
            .SqlQueryRaw<string>("""SELECT "NameKey" || '|' || "Name" || '|' || "CreatedAt" AS "Value" FROM "Account" ORDER BY "NameKey" """).ToListAsync();
        accountRows.Should().Equal("acme corp|ACME Corp|2026-10-01 09:00:00", "beta ltd|Beta Ltd|2026-11-04 09:00:00");

        var links = await upgraded.Database
            .SqlQueryRaw<string>("""SELECT l."Id" || ':' || COALESCE(a."NameKey", '-') AS "Value" FROM "Lead" l LEFT JOIN "Account" a ON a."Id" = l."AccountId" ORDER BY l."Id" """)
            .ToListAsync();
        links.Should().Equal("1:acme corp", "2:acme corp", "3:acme corp", "4:beta ltd", "5:-", "6:-");
        (await upgraded.Database.SqlQueryRaw<string>("""SELECT "Company" AS "Value" FROM "Lead" WHERE "Id" = 2""").SingleAsync())
            .Should().Be("  acme   corp ", "the migration links; it does not rewrite what was typed");
    }

    [Fact]
    public void SqlServerScript_BackfillsAccountsFromLeadCompanies()
    {
        var script = MigrationScripts.SqlServer;

        script.Should().Contain("CREATE TABLE [Account]").And.Contain("INSERT INTO [Account] ([Name], [NameKey], [CreatedAt], [UpdatedAt])")
            .And.Contain("UPDATE [Lead] SET [AccountId] =").And.Contain("CREATE UNIQUE INDEX [IX_Account_NameKey]");
    }

    public void Dispose() => _file.Dispose();
}
