using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Editions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "EditionIssuedAt",
                table: "Letters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EditionNumber",
                table: "Letters",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "SealedEditions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LetterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    LanguageCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OrganisationCount = table.Column<int>(type: "INTEGER", nullable: false),
                    IndividualCount = table.Column<int>(type: "INTEGER", nullable: false),
                    SignatureIds = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SealedEditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SealedEditions_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SealedEditions_LetterId_Number",
                table: "SealedEditions",
                columns: new[] { "LetterId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_SealedEditions_Sha256",
                table: "SealedEditions",
                column: "Sha256",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SealedEditions");

            migrationBuilder.DropColumn(
                name: "EditionIssuedAt",
                table: "Letters");

            migrationBuilder.DropColumn(
                name: "EditionNumber",
                table: "Letters");
        }
    }
}
