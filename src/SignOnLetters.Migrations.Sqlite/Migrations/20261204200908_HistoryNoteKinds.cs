using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HistoryNoteKinds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Note",
                table: "SignatureEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoteArgument",
                table: "SignatureEvents",
                type: "TEXT",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Note",
                table: "SignatureEvents");

            migrationBuilder.DropColumn(
                name: "NoteArgument",
                table: "SignatureEvents");
        }
    }
}
