using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue19_Accounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AccountId",
                table: "Lead",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "Lead",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AccountsCreatedCount",
                table: "ImportJob",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "AccountsPath",
                table: "ImportJob",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AccountsUpdatedCount",
                table: "ImportJob",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "Account",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Employees = table.Column<int>(type: "INTEGER", nullable: true),
                    Revenue = table.Column<decimal>(type: "TEXT", precision: 18, scale: 2, nullable: true),
                    Website = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Account", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImportMappingMemory",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    HeaderKey = table.Column<string>(type: "TEXT", maxLength: 900, nullable: false),
                    Header = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SpecJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportMappingMemory", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Lead_AccountId",
                table: "Lead",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Account_NameKey",
                table: "Account",
                column: "NameKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ImportMappingMemory_HeaderKey",
                table: "ImportMappingMemory",
                column: "HeaderKey",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Lead_Account_AccountId",
                table: "Lead",
                column: "AccountId",
                principalTable: "Account",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Lead_Account_AccountId",
                table: "Lead");

            migrationBuilder.DropTable(
                name: "Account");

            migrationBuilder.DropTable(
                name: "ImportMappingMemory");

            migrationBuilder.DropIndex(
                name: "IX_Lead_AccountId",
                table: "Lead");

            migrationBuilder.DropColumn(
                name: "AccountId",
                table: "Lead");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "Lead");

            migrationBuilder.DropColumn(
                name: "AccountsCreatedCount",
                table: "ImportJob");

            migrationBuilder.DropColumn(
                name: "AccountsPath",
                table: "ImportJob");

            migrationBuilder.DropColumn(
                name: "AccountsUpdatedCount",
                table: "ImportJob");
        }
    }
}
