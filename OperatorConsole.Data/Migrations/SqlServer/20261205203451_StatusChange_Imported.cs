using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.SqlServer
{
    /// <summary>
    /// A stage change read from an imported file is marked as such, and a deal remembers whether its current stage came
    /// from one, so an imported won sale is neither an active project nor asked for a result target (ADR 221).
    /// </summary>
    public partial class StatusChange_Imported : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Imported",
                table: "LeadStatusChange",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "StatusImported",
                table: "Lead",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // Before these columns the import said so only in the reasons it wrote (LeadImportWriter): "Imported (source)"
            // on a deal's first entry, "Imported history" on the rest, "Updated by import" on a re-import's change. A
            // person's reason on a later change is never matched. A deal's stage is imported when its latest change is.
            migrationBuilder.Sql(
                """
                UPDATE [LeadStatusChange] SET [Imported] = 1
                WHERE [Reason] IN ('Imported history', 'Updated by import')
                   OR ([FromStatus] IS NULL AND [Reason] LIKE 'Imported (%');
                """);
            migrationBuilder.Sql(
                """
                UPDATE [Lead] SET [StatusImported] = 1
                WHERE (SELECT TOP 1 c.[Imported] FROM [LeadStatusChange] AS c WHERE c.[LeadId] = [Lead].[Id] ORDER BY c.[ChangedAt] DESC, c.[Id] DESC) = 1;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Imported",
                table: "LeadStatusChange");

            migrationBuilder.DropColumn(
                name: "StatusImported",
                table: "Lead");
        }
    }
}
