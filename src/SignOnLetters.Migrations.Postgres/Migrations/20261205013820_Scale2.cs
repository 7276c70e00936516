using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Scale2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_Email_Trigram",
                table: "Signatures",
                column: "Email")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_CountryCode_CreatedAt_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "CountryCode", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_OrganisationName_Trigram",
                table: "Signatures",
                column: "OrganisationName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_SignerName_Trigram",
                table: "Signatures",
                column: "SignerName")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_Email_Trigram",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_CountryCode_CreatedAt_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_OrganisationName_Trigram",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_SignerName_Trigram",
                table: "Signatures");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
