using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SearchIndexByLetter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search index keyed by letter and signature (issue 20): SQL that EF's model cannot
            // describe, kept in SignatureSearch; the rows already there are indexed again.
            SignOnLetters.Data.SignatureSearch.DropOnSqlite(migrationBuilder);
            SignOnLetters.Data.SignatureSearch.CreateOnSqlite(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to the index keyed by signature id alone, over the Signatures table as external content.
            SignOnLetters.Data.SignatureSearch.DropOnSqlite(migrationBuilder);
            const string columns = "\"SignerName\", \"OrganisationName\", \"Email\"";
            migrationBuilder.Sql($"CREATE VIRTUAL TABLE \"SignatureSearch\" USING fts5({columns}, content='Signatures', content_rowid='Id', tokenize='trigram');");
            migrationBuilder.Sql("INSERT INTO \"SignatureSearch\"(\"SignatureSearch\") VALUES ('rebuild');");
            migrationBuilder.Sql("CREATE TABLE \"SignatureSearchDeferred\" (\"Deferred\" INTEGER NOT NULL PRIMARY KEY);");
            migrationBuilder.Sql($"CREATE TRIGGER \"Signatures_SearchInsert\" AFTER INSERT ON \"Signatures\" WHEN NOT EXISTS (SELECT 1 FROM \"SignatureSearchDeferred\") BEGIN INSERT INTO \"SignatureSearch\"(rowid, {columns}) VALUES (new.\"Id\", new.\"SignerName\", new.\"OrganisationName\", new.\"Email\"); END;");
            migrationBuilder.Sql($"CREATE TRIGGER \"Signatures_SearchDelete\" AFTER DELETE ON \"Signatures\" BEGIN INSERT INTO \"SignatureSearch\"(\"SignatureSearch\", rowid, {columns}) VALUES ('delete', old.\"Id\", old.\"SignerName\", old.\"OrganisationName\", old.\"Email\"); END;");
            migrationBuilder.Sql($"CREATE TRIGGER \"Signatures_SearchUpdate\" AFTER UPDATE OF {columns} ON \"Signatures\" BEGIN INSERT INTO \"SignatureSearch\"(\"SignatureSearch\", rowid, {columns}) VALUES ('delete', old.\"Id\", old.\"SignerName\", old.\"OrganisationName\", old.\"Email\"); INSERT INTO \"SignatureSearch\"(rowid, {columns}) VALUES (new.\"Id\", new.\"SignerName\", new.\"OrganisationName\", new.\"Email\"); END;");
        }
    }
}
