using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Verification",
                table: "Signatures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Organisation signatures from before verification (issue 18, row 3), by the rule of
            // Signature.VerificationWhenUnrecorded: a representative's (Source 1) is verified by its
            // account (1), a paper one (Source 3) by the letter coordinator who entered it (3); every
            // other one was never checked and is unverified (0) until a coordinator approves it.
            // Marking them all verified would vouch for forgeries already on the list; individuals stay 0.
            migrationBuilder.Sql("""
                UPDATE "Signatures" SET "Verification" = CASE "Source" WHEN 1 THEN 1 WHEN 3 THEN 3 ELSE 0 END WHERE "Kind" = 0
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Verification",
                table: "Signatures");
        }
    }
}
