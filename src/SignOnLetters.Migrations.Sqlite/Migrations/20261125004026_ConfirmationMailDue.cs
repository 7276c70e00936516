using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ConfirmationMailDue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ConfirmationMailDueAt",
                table: "Signatures",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_ConfirmationMailDueAt",
                table: "Signatures",
                column: "ConfirmationMailDueAt",
                filter: "\"ConfirmationMailDueAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_ConfirmationMailDueAt",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "ConfirmationMailDueAt",
                table: "Signatures");
        }
    }
}
