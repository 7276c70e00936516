using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class OrganisationAliasesAndMerges : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MergedIntoId",
                table: "Signatures",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OrganisationAliases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LetterId = table.Column<int>(type: "int", nullable: false),
                    Alias = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AliasKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OrganisationName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OrganisationKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrganisationAliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrganisationAliases_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_MergedIntoId",
                table: "Signatures",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_OrganisationAliases_LetterId_AliasKey",
                table: "OrganisationAliases",
                columns: new[] { "LetterId", "AliasKey" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Signatures_Signatures_MergedIntoId",
                table: "Signatures",
                column: "MergedIntoId",
                principalTable: "Signatures",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Signatures_Signatures_MergedIntoId",
                table: "Signatures");

            migrationBuilder.DropTable(
                name: "OrganisationAliases");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_MergedIntoId",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Signatures");
        }
    }
}
