using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.Sqlite
{
    /// <summary>
    /// Data only: runs after Issue19_Accounts, whose foreign key makes SQLite rebuild the Lead table (a statement inside
    /// that migration would run before the rebuild).
    /// </summary>
    public partial class Issue19_AccountsBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing deals' company text becomes accounts: one per name with case and spacing ignored (the key
            // AccountRules.NameKey computes: trimmed, whitespace runs collapsed, lower case), and every lead with a
            // company is linked to its account. SQLite's lower() folds ASCII letters only; names differing only in the
            // case of other letters stay separate accounts, which an operator can merge by renaming.
            migrationBuilder.Sql(
                """
                INSERT INTO "Account" ("Name", "NameKey", "CreatedAt", "UpdatedAt")
                SELECT MIN("Name"), "NameKey", MIN("CreatedAt"), MAX("UpdatedAt") FROM (
                    SELECT trim(replace(replace(replace(replace(replace(replace(replace(replace(replace("Company", char(9), ' '), char(10), ' '), char(13), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')) AS "Name", lower(trim(replace(replace(replace(replace(replace(replace(replace(replace(replace("Company", char(9), ' '), char(10), ' '), char(13), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))) AS "NameKey", "CreatedAt", "UpdatedAt"
                    FROM "Lead" WHERE "Company" IS NOT NULL AND trim("Company") <> ''
                ) GROUP BY "NameKey";
                UPDATE "Lead" SET "AccountId" = (SELECT a."Id" FROM "Account" a WHERE a."NameKey" = lower(trim(replace(replace(replace(replace(replace(replace(replace(replace(replace("Lead"."Company", char(9), ' '), char(10), ' '), char(13), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))))
                WHERE "Company" IS NOT NULL AND trim("Company") <> '';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE \"Lead\" SET \"AccountId\" = NULL; DELETE FROM \"Account\";");
        }
    }
}
