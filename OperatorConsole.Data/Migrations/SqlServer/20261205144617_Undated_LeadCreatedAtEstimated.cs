using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.SqlServer
{
    /// <summary>Leads whose source gave no creation date say so (ADR 195, amended).</summary>
    public partial class Undated_LeadCreatedAtEstimated : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "CreatedAtEstimated",
                table: "Lead",
                type: "bit",
                nullable: false,
                defaultValue: false);

            // Deals imported from the Maven sample before this column: a Prospecting row (its first imported stage is
            // New) has no date in the file and was placed at the file's "as of". Generic CSV rows without a date cannot
            // be told apart afterwards; they are marked from their next import on.
            migrationBuilder.Sql(
                """
                UPDATE [Lead] SET [CreatedAtEstimated] = 1 WHERE [Source] = 'maven-crm' AND EXISTS (SELECT 1 FROM [LeadStatusChange] c WHERE c.[LeadId] = [Lead].[Id] AND c.[FromStatus] IS NULL AND c.[ToStatus] = 'New' AND c.[Reason] LIKE 'Imported (%');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreatedAtEstimated",
                table: "Lead");
        }
    }
}
