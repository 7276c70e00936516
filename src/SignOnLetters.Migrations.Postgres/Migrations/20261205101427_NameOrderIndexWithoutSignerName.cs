using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class NameOrderIndexWithoutSignerName : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_NameOrder_SignerName_Id",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_NameOrder_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "NameOrder", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_NameOrder_Id",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_NameOrder_SignerName_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "NameOrder", "SignerName", "Id" });
        }
    }
}
