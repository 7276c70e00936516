using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SignatureSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The coordinators' search index (FTS5, trigram) and its triggers: not expressible in EF's
            // model, so written here, in a migration of its own (SQLite rebuilds tables at the end of a
            // migration, and raw SQL beside a pending rebuild is what EF warns about). A regenerated
            // migration must keep this call (see SignatureSearch).
            SignOnLetters.Data.SignatureSearch.CreateOnSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            SignOnLetters.Data.SignatureSearch.DropOnSqlite(migrationBuilder);
        }
    }
}
