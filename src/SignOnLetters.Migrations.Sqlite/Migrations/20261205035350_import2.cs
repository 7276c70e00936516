using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class import2 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search index's insert trigger steps aside for the bulk inserts, which fill the index
            // once per batch (see SignatureSearch). A regenerated migration must keep this call
            // (SignatureSearch.CreateOnSqlite already makes the same trigger).
            SignOnLetters.Data.SignatureSearch.CreateDeferredInsertOnSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            SignOnLetters.Data.SignatureSearch.DropDeferredInsertOnSqlite(migrationBuilder);
        }
    }
}
