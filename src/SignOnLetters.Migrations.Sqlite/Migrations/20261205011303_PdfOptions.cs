using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class PdfOptions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PdfCjkFaces",
                table: "Letters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PdfGrouping",
                table: "Letters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "PdfIndividualsCountedOnly",
                table: "Letters",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PdfLatinCommaInArabic",
                table: "Letters",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PdfLetterheadAddress",
                table: "Letters",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "PdfLogoWall",
                table: "Letters",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PdfPaper",
                table: "Letters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PdfReplyTo",
                table: "Letters",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PdfCjkFaces",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfGrouping",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfIndividualsCountedOnly",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfLatinCommaInArabic",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfLetterheadAddress",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfLogoWall",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfPaper",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "PdfReplyTo",
                table: "Letters");
        }
    }
}
