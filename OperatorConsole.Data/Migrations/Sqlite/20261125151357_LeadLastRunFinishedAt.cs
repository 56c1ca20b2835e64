using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LeadLastRunFinishedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastRunFinishedAt",
                table: "Lead",
                type: "TEXT",
                nullable: true);

            // Databases created by the first release already have runs: copy each lead's last run's finish time.
            migrationBuilder.Sql(
                """
                UPDATE "Lead" SET "LastRunFinishedAt" =
                    (SELECT r."FinishedAt" FROM "PipelineRun" r WHERE r."Id" = "Lead"."LastRunId")
                WHERE "LastRunId" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastRunFinishedAt",
                table: "Lead");
        }
    }
}
