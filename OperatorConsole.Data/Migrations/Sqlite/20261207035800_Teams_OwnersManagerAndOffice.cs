using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.Sqlite
{
    /// <summary>
    /// The deal owners' teams: each member's manager and regional office (Maven's sales_teams.csv), matched to the deals'
    /// owner text by key, and the counts an import job reports for them (ADR 241).
    /// </summary>
    public partial class Teams_OwnersManagerAndOffice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TeamMembersCreatedCount",
                table: "ImportJob",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "TeamMembersUpdatedCount",
                table: "ImportJob",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "TeamMember",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Manager = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Office = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedAt = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TeamMember", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TeamMember_NameKey",
                table: "TeamMember",
                column: "NameKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TeamMember");

            migrationBuilder.DropColumn(
                name: "TeamMembersCreatedCount",
                table: "ImportJob");

            migrationBuilder.DropColumn(
                name: "TeamMembersUpdatedCount",
                table: "ImportJob");
        }
    }
}
