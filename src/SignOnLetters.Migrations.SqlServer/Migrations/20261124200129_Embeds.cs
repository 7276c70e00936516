using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Embeds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EmbedHost",
                table: "Signatures",
                type: "nvarchar(253)",
                maxLength: 253,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmbedHosts",
                table: "Letters",
                type: "nvarchar(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EmbedHost",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "EmbedHosts",
                table: "Letters");
        }
    }
}
