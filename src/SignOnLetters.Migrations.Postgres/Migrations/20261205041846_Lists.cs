using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Lists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_State_Kind_CountryCode",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_State_Kind_Id",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_State_CountryCode_Kind_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "CountryCode", "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_State_CreatedAt_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_PublicList",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "Kind", "Id", "Visibility", "OrganisationName" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_State_CountryCode_Kind_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_State_CreatedAt_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_PublicList",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_State_Kind_CountryCode",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "Kind", "CountryCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_State_Kind_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "Kind", "Id" });
        }
    }
}
