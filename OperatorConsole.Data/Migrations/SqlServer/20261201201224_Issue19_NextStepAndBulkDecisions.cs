using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Issue19_NextStepAndBulkDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NextStep",
                table: "Lead",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextStepDoneAt",
                table: "Lead",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextStepDueAt",
                table: "Lead",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DecisionId",
                table: "FailureAcknowledgement",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_FailureAcknowledgement_DecisionId",
                table: "FailureAcknowledgement",
                column: "DecisionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_FailureAcknowledgement_DecisionId",
                table: "FailureAcknowledgement");

            migrationBuilder.DropColumn(
                name: "NextStep",
                table: "Lead");

            migrationBuilder.DropColumn(
                name: "NextStepDoneAt",
                table: "Lead");

            migrationBuilder.DropColumn(
                name: "NextStepDueAt",
                table: "Lead");

            migrationBuilder.DropColumn(
                name: "DecisionId",
                table: "FailureAcknowledgement");
        }
    }
}
