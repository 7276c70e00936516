using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ClaimsTakenAtConfirmation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_ActiveEmail",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_ActiveOrganisation",
                table: "Signatures");

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedAt",
                table: "Signatures",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LatestWithdrawTokenHash",
                table: "Signatures",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            // Confirmed signatures that held claims keep them (Signature.TakesClaimsWhenRestored: held
            // for review or approved, and confirmed); unconfirmed and rate-limited ones give them up.
            // Double-quoted identifiers read the same on the three providers (see SignatureConfiguration).
            migrationBuilder.Sql(
                "UPDATE \"Signatures\" SET \"ClaimedAt\" = \"ConfirmedAt\" WHERE \"State\" IN (1, 2) AND \"ConfirmedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_ActiveEmail",
                table: "Signatures",
                columns: new[] { "LetterId", "EmailKey" },
                unique: true,
                filter: "\"EmailKey\" IS NOT NULL AND \"State\" < 3 AND \"ClaimedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_ActiveOrganisation",
                table: "Signatures",
                columns: new[] { "LetterId", "OrganisationKey" },
                unique: true,
                filter: "\"OrganisationKey\" IS NOT NULL AND \"State\" < 3 AND \"ClaimedAt\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LatestWithdrawTokenHash",
                table: "Signatures",
                column: "LatestWithdrawTokenHash",
                unique: true,
                filter: "\"LatestWithdrawTokenHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterEmail",
                table: "Signatures",
                columns: new[] { "LetterId", "EmailKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_ActiveEmail",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_ActiveOrganisation",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LatestWithdrawTokenHash",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterEmail",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "LatestWithdrawTokenHash",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_ActiveEmail",
                table: "Signatures",
                columns: new[] { "LetterId", "EmailKey" },
                unique: true,
                filter: "\"EmailKey\" IS NOT NULL AND \"State\" < 3");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_ActiveOrganisation",
                table: "Signatures",
                columns: new[] { "LetterId", "OrganisationKey" },
                unique: true,
                filter: "\"OrganisationKey\" IS NOT NULL AND \"State\" < 3");
        }
    }
}
