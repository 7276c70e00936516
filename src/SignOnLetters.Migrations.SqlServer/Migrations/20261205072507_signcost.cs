using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Signcost : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_State_CountryCode_Kind_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_MergedIntoId",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_OrganisationId",
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
                name: "IX_Signatures_MergedIntoId",
                table: "Signatures",
                column: "MergedIntoId",
                filter: "\"MergedIntoId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_OrganisationId",
                table: "Signatures",
                column: "OrganisationId",
                filter: "\"OrganisationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_PublicList",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "Kind", "Id", "Visibility", "OrganisationName" },
                filter: "\"State\" = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_State_CountryCode_Kind_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_MergedIntoId",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_OrganisationId",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_PublicList",
                table: "Signatures");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_State_CountryCode_Kind_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "CountryCode", "Kind", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_MergedIntoId",
                table: "Signatures",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_OrganisationId",
                table: "Signatures",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_PublicList",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "Kind", "Id", "Visibility", "OrganisationName" });
        }
    }
}
