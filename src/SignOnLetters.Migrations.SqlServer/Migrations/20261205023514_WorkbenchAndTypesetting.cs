using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class WorkbenchAndTypesetting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "EventId",
                table: "OutboxMessages",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "OutboxMessages",
                type: "nvarchar(35)",
                maxLength: 35,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Payload",
                table: "OutboxMessages",
                type: "nvarchar(max)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "WebhookId",
                table: "OutboxMessages",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastReminderRunAt",
                table: "Letters",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextReminderAtUtc",
                table: "Letters",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpeningScheduledByUserId",
                table: "Letters",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpensAtTimeZone",
                table: "Letters",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OpensAtUtc",
                table: "Letters",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PdfCjkFaces",
                table: "Letters",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PdfGrouping",
                table: "Letters",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "PdfIndividualsCountedOnly",
                table: "Letters",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PdfLatinCommaInArabic",
                table: "Letters",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PdfLetterheadAddress",
                table: "Letters",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PdfLogoWall",
                table: "Letters",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PdfPaper",
                table: "Letters",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PdfPlace",
                table: "Letters",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PdfReplyTo",
                table: "Letters",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReminderCron",
                table: "Letters",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ReminderEveryWeeks",
                table: "Letters",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "ReminderTimeZone",
                table: "Letters",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OrganisationApiKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganisationId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    SecretHash = table.Column<string>(type: "nchar(64)", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastUsedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationApiKeys_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrganisationWebhooks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganisationId = table.Column<int>(type: "int", nullable: false),
                    Url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RemovedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationWebhooks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationWebhooks_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_CountryCode_CreatedAt_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "CountryCode", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_WebhookId_EventId",
                table: "OutboxMessages",
                columns: new[] { "WebhookId", "EventId" },
                unique: true,
                filter: "[WebhookId] IS NOT NULL AND [EventId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_WebhookId_Id",
                table: "OutboxMessages",
                columns: new[] { "WebhookId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Letters_Status_NextReminderAtUtc",
                table: "Letters",
                columns: new[] { "Status", "NextReminderAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Letters_Status_OpensAtUtc",
                table: "Letters",
                columns: new[] { "Status", "OpensAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationApiKeys_OrganisationId",
                table: "OrganisationApiKeys",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationWebhooks_OrganisationId",
                table: "OrganisationWebhooks",
                column: "OrganisationId");

            migrationBuilder.AddForeignKey(
                name: "FK_OutboxMessages_OrganisationWebhooks_WebhookId",
                table: "OutboxMessages",
                column: "WebhookId",
                principalTable: "OrganisationWebhooks",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OutboxMessages_OrganisationWebhooks_WebhookId",
                table: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "OrganisationApiKeys");

            migrationBuilder.DropTable(
                name: "OrganisationWebhooks");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_CountryCode_CreatedAt_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_WebhookId_EventId",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_WebhookId_Id",
                table: "OutboxMessages");

            migrationBuilder.DropIndex(
                name: "IX_Letters_Status_NextReminderAtUtc",
                table: "Letters");

            migrationBuilder.DropIndex(
                name: "IX_Letters_Status_OpensAtUtc",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "EventId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "Payload",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "WebhookId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "LastReminderRunAt",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "NextReminderAtUtc",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "OpeningScheduledByUserId",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "OpensAtTimeZone",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "OpensAtUtc",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfCjkFaces",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfGrouping",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfIndividualsCountedOnly",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfLatinCommaInArabic",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfLetterheadAddress",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfLogoWall",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfPaper",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfPlace",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfReplyTo",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "ReminderCron",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "ReminderEveryWeeks",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "ReminderTimeZone",
                table: "Letters");
        }
    }
}
