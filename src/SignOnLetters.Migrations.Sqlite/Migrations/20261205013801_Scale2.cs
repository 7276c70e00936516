using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Scale2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_CountryCode_CreatedAt_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "CountryCode", "CreatedAt", "Id" });

            // The coordinators' search index (FTS5, trigram) and its triggers: not expressible in EF's
            // model, so kept here; a regenerated migration must keep this call (see SignatureSearch).
            SignOnLetters.Data.SignatureSearch.CreateOnSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            SignOnLetters.Data.SignatureSearch.DropOnSqlite(migrationBuilder);

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_CountryCode_CreatedAt_Id",
                table: "Signatures");
        }
    }
}
