using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Schedule : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_Letters_Status_NextReminderAtUtc",
                table: "Letters",
                columns: new[] { "Status", "NextReminderAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Letters_Status_OpensAtUtc",
                table: "Letters",
                columns: new[] { "Status", "OpensAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Letters_Status_NextReminderAtUtc",
                table: "Letters");

            migrationBuilder.DropIndex(
                name: "IX_Letters_Status_OpensAtUtc",
                table: "Letters");

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
