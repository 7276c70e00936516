using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Search3 : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameOrder",
                table: "Signatures",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true,
                computedColumnSql: "CASE WHEN \"Kind\" = 0 THEN \"OrganisationName\" ELSE \"SignerName\" END",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_NameOrder_SignerName_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "NameOrder", "SignerName", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_NameOrder_SignerName_Id",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "NameOrder",
                table: "Signatures");
        }
    }
}
