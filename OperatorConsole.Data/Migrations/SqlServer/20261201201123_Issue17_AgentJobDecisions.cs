using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Issue17_AgentJobDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClassifiedRiskClass",
                table: "AgentJob",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClassifiedRiskLevel",
                table: "AgentJob",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LinesAdded",
                table: "AgentJob",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "LinesRemoved",
                table: "AgentJob",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OverrideAt",
                table: "AgentJob",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OverrideByName",
                table: "AgentJob",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OverrideReason",
                table: "AgentJob",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusalReason",
                table: "AgentJob",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RefusedAt",
                table: "AgentJob",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusedById",
                table: "AgentJob",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RefusedByName",
                table: "AgentJob",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RiskOverriddenAt",
                table: "AgentJob",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskOverriddenByName",
                table: "AgentJob",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RiskOverrideReason",
                table: "AgentJob",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: true);

            // Backfill: before this migration a refusal was an approval request rejected while the job stayed unapproved;
            // it becomes the job's recorded refusal, so refused jobs stop showing "needs review" with an Approve button.
            migrationBuilder.Sql("""
                UPDATE AgentJob SET
                  RefusedAt = (SELECT MAX(a.DecidedAt) FROM ApprovalRequest a WHERE a.SubjectType = 'agent_job' AND a.SubjectId = CAST(AgentJob.Id AS varchar(20)) AND a.State = 'Rejected'),
                  RefusedByName = (SELECT MAX(a.DecidedByName) FROM ApprovalRequest a WHERE a.SubjectType = 'agent_job' AND a.SubjectId = CAST(AgentJob.Id AS varchar(20)) AND a.State = 'Rejected'),
                  RefusalReason = ApprovalNote
                WHERE HumanApproved = 0 AND DeployedAt IS NULL
                  AND EXISTS (SELECT 1 FROM ApprovalRequest a WHERE a.SubjectType = 'agent_job' AND a.SubjectId = CAST(AgentJob.Id AS varchar(20)) AND a.State = 'Rejected')
                  AND NOT EXISTS (SELECT 1 FROM ApprovalRequest a WHERE a.SubjectType = 'agent_job' AND a.SubjectId = CAST(AgentJob.Id AS varchar(20)) AND a.State = 'Pending');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ClassifiedRiskClass",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "ClassifiedRiskLevel",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "LinesAdded",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "LinesRemoved",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "OverrideAt",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "OverrideByName",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "OverrideReason",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "RefusalReason",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "RefusedAt",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "RefusedById",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "RefusedByName",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "RiskOverriddenAt",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "RiskOverriddenByName",
                table: "AgentJob");

            migrationBuilder.DropColumn(
                name: "RiskOverrideReason",
                table: "AgentJob");
        }
    }
}
