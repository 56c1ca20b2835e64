using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.SqlServer
{
    /// <summary>Data only, after Issue19_Accounts (kept apart as on SQLite, where that migration rebuilds the Lead table).</summary>
    public partial class Issue19_AccountsBackfill : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Existing deals' company text becomes accounts: one per name with case and spacing ignored (the key
            // AccountRules.NameKey computes: trimmed, whitespace runs collapsed, lower case), and every lead with a
            // company is linked to its account.
            migrationBuilder.Sql(
                """
                INSERT INTO [Account] ([Name], [NameKey], [CreatedAt], [UpdatedAt])
                SELECT MIN([Name]), [NameKey], MIN([CreatedAt]), MAX([UpdatedAt]) FROM (
                    SELECT LTRIM(RTRIM(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE([Company], CHAR(9), ' '), CHAR(10), ' '), CHAR(13), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '))) AS [Name], LOWER(LTRIM(RTRIM(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE([Company], CHAR(9), ' '), CHAR(10), ' '), CHAR(13), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')))) AS [NameKey], [CreatedAt], [UpdatedAt]
                    FROM [Lead] WHERE [Company] IS NOT NULL AND LTRIM(RTRIM([Company])) <> N''
                ) AS [Names] GROUP BY [NameKey];
                UPDATE [Lead] SET [AccountId] = (SELECT a.[Id] FROM [Account] a WHERE a.[NameKey] = LOWER(LTRIM(RTRIM(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(REPLACE([Lead].[Company], CHAR(9), ' '), CHAR(10), ' '), CHAR(13), ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ')))))
                WHERE [Company] IS NOT NULL AND LTRIM(RTRIM([Company])) <> N'';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("UPDATE [Lead] SET [AccountId] = NULL; DELETE FROM [Account];");
        }
    }
}
