using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.SqlServer
{
    /// <summary>A stage change read from an imported file is marked as such, so an imported won sale is not an active project.</summary>
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

            // Before this column the import said so only in the reason it wrote (LeadImportWriter): "Imported (source)"
            // on a deal's first entry, "Imported history" on the rest, "Updated by import" on a re-import's change.
            migrationBuilder.Sql(
                """
                UPDATE [LeadStatusChange] SET [Imported] = 1
                WHERE [Reason] IN ('Imported history', 'Updated by import')
                   OR ([FromStatus] IS NULL AND [Reason] LIKE 'Imported (%');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Imported",
                table: "LeadStatusChange");
        }
    }
}
