using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
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
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoteArgument",
                table: "SignatureEvents",
                type: "nvarchar(100)",
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
