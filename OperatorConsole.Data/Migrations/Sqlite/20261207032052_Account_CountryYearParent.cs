using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.Sqlite
{
    /// <summary>
    /// An account's headquarters country, year established and parent account become fields (they were kept in its
    /// notes). No backfill: the notes were free text a person may have edited since; importing the accounts file again
    /// (skip mode fills empty fields only) fills the new fields and links the parents (ADR 240).
    /// </summary>
    public partial class Account_CountryYearParent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Country",
                table: "Account",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentAccountId",
                table: "Account",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "YearEstablished",
                table: "Account",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Account_ParentAccountId",
                table: "Account",
                column: "ParentAccountId");

            migrationBuilder.AddForeignKey(
                name: "FK_Account_Account_ParentAccountId",
                table: "Account",
                column: "ParentAccountId",
                principalTable: "Account",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Account_Account_ParentAccountId",
                table: "Account");

            migrationBuilder.DropIndex(
                name: "IX_Account_ParentAccountId",
                table: "Account");

            migrationBuilder.DropColumn(
                name: "Country",
                table: "Account");

            migrationBuilder.DropColumn(
                name: "ParentAccountId",
                table: "Account");

            migrationBuilder.DropColumn(
                name: "YearEstablished",
                table: "Account");
        }
    }
}
