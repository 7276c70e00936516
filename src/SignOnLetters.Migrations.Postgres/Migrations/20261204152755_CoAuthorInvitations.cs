using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CoAuthorInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LetterCoAuthors_OrganisationId",
                table: "LetterCoAuthors");

            migrationBuilder.AddColumn<DateTime>(
                name: "AcceptedAt",
                table: "LetterCoAuthors",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AcceptedByUserId",
                table: "LetterCoAuthors",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "InvitedAt",
                table: "LetterCoAuthors",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "InvitedByUserId",
                table: "LetterCoAuthors",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            // Co-authors named before invitations existed had been shown publicly: they stay accepted,
            // as of their letter's creation (who named or accepted them is not known).
            migrationBuilder.Sql("""
                UPDATE "LetterCoAuthors" SET
                    "InvitedAt" = (SELECT "CreatedAt" FROM "Letters" WHERE "Letters"."Id" = "LetterCoAuthors"."LetterId"),
                    "AcceptedAt" = (SELECT "CreatedAt" FROM "Letters" WHERE "Letters"."Id" = "LetterCoAuthors"."LetterId")
                """);

            migrationBuilder.CreateIndex(
                name: "IX_LetterCoAuthors_OrganisationId_AcceptedAt",
                table: "LetterCoAuthors",
                columns: new[] { "OrganisationId", "AcceptedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LetterCoAuthors_OrganisationId_AcceptedAt",
                table: "LetterCoAuthors");

            migrationBuilder.DropColumn(
                name: "AcceptedAt",
                table: "LetterCoAuthors");

            migrationBuilder.DropColumn(
                name: "AcceptedByUserId",
                table: "LetterCoAuthors");

            migrationBuilder.DropColumn(
                name: "InvitedAt",
                table: "LetterCoAuthors");

            migrationBuilder.DropColumn(
                name: "InvitedByUserId",
                table: "LetterCoAuthors");

            migrationBuilder.CreateIndex(
                name: "IX_LetterCoAuthors_OrganisationId",
                table: "LetterCoAuthors",
                column: "OrganisationId");
        }
    }
}
