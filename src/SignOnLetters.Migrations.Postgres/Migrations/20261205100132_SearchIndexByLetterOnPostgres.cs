using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexByLetterOnPostgres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_Email_Trigram",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_OrganisationName_Trigram",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_SignerName_Trigram",
                table: "Signatures");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gin", ",,")
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_Email_Trigram",
                table: "Signatures",
                columns: new[] { "LetterId", "Email" })
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "int4_ops", "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_OrganisationName_Trigram",
                table: "Signatures",
                columns: new[] { "LetterId", "OrganisationName" })
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "int4_ops", "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_SignerName_Trigram",
                table: "Signatures",
                columns: new[] { "LetterId", "SignerName" })
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "int4_ops", "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_Email_Trigram",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_OrganisationName_Trigram",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_SignerName_Trigram",
                table: "Signatures");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:btree_gin", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_Email_Trigram",
                table: "Signatures",
                column: "Email")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

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
    }
}
