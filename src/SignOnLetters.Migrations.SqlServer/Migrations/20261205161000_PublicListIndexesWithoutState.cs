using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class PublicListIndexesWithoutState : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_State_CountryCode_Kind_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_PublicList",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_CountryCode_Kind_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "CountryCode", "Kind", "Id" },
                filter: "\"State\" = 2");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_PublicList",
                table: "Signatures",
                columns: new[] { "LetterId", "Kind", "Id", "Visibility", "OrganisationName" },
                filter: "\"State\" = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_CountryCode_Kind_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_PublicList",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_State_CountryCode_Kind_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "CountryCode", "Kind", "Id" },
                filter: "\"State\" = 2");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_PublicList",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "Kind", "Id", "Visibility", "OrganisationName" },
                filter: "\"State\" = 2");
        }
    }
}
