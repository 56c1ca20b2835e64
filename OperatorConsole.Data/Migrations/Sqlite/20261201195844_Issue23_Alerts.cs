using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OperatorConsole.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue23_Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AlertChannel",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    WebhookUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Preset = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SecretName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    EmailTo = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Buckets = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    MinAgeMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    MinCount = table.Column<int>(type: "INTEGER", nullable: false),
                    QuietFromMinute = table.Column<int>(type: "INTEGER", nullable: true),
                    QuietToMinute = table.Column<int>(type: "INTEGER", nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReminderHours = table.Column<int>(type: "INTEGER", nullable: true),
                    SendResolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    DigestHour = table.Column<int>(type: "INTEGER", nullable: true),
                    LastDigestOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ConsecutiveFailures = table.Column<int>(type: "INTEGER", nullable: false),
                    LastDeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastFailedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertChannel", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AlertDelivery",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    MessageJson = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertDelivery", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AlertDeliveryAttempt",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeliveryId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Ok = table.Column<bool>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    LatencyMs = table.Column<int>(type: "INTEGER", nullable: false),
                    Response = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertDeliveryAttempt", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AlertNotice",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ChannelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Bucket = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ItemKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastSentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlertNotice", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AlertChannel_Name",
                table: "AlertChannel",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlertDelivery_ChannelId_CreatedAt",
                table: "AlertDelivery",
                columns: new[] { "ChannelId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertDelivery_Status_NextAttemptAt",
                table: "AlertDelivery",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AlertDeliveryAttempt_DeliveryId",
                table: "AlertDeliveryAttempt",
                column: "DeliveryId");

            migrationBuilder.CreateIndex(
                name: "IX_AlertNotice_ResolvedAt_ChannelId",
                table: "AlertNotice",
                columns: new[] { "ResolvedAt", "ChannelId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlertChannel");

            migrationBuilder.DropTable(
                name: "AlertDelivery");

            migrationBuilder.DropTable(
                name: "AlertDeliveryAttempt");

            migrationBuilder.DropTable(
                name: "AlertNotice");
        }
    }
}
