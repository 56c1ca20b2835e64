using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.Sqlite
{
    /// <summary>Deals imported from the Maven sample no longer name their sales agent as the customer's contact.</summary>
    public partial class Maven_ContactIsNotTheAgent : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The Maven mapping stored the sales agent (our side's deal owner) as the customer's contact too, so a
            // proposal's "to" named our own salesperson. The file names no one at the customer: a deal it imported
            // whose contact is still its owner has no contact. A contact someone typed since is kept.
            migrationBuilder.Sql(
                """
                UPDATE "Lead" SET "ContactName" = NULL WHERE "Source" = 'maven-crm' AND "ContactName" = "Owner";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                """
                UPDATE "Lead" SET "ContactName" = "Owner" WHERE "Source" = 'maven-crm' AND "ContactName" IS NULL;
                """);
        }
    }
}
