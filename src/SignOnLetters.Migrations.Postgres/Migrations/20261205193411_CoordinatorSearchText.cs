using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class CoordinatorSearchText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_Email_Trigram",
                table: "Signatures");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Signatures",
                type: "text",
                nullable: true,
                computedColumnSql: "lower(\"SignerName\"::text || chr(31) || coalesce(\"OrganisationName\"::text, '') || chr(31) || coalesce(\"Email\"::text, ''))",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_Id_SearchText",
                table: "Signatures",
                columns: new[] { "LetterId", "Id" })
                .Annotation("Npgsql:IndexInclude", new[] { "SearchText" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_SearchText_Trigram",
                table: "Signatures",
                columns: new[] { "LetterId", "SearchText" })
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "int4_ops", "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_Id_SearchText",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_SearchText_Trigram",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_Email_Trigram",
                table: "Signatures",
                columns: new[] { "LetterId", "Email" })
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "int4_ops", "gin_trgm_ops" });
        }
    }
}
