using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Aggregates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SignatureTallies",
                columns: table => new
                {
                    LetterId = table.Column<int>(type: "int", nullable: false),
                    Facet = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(269)", maxLength: 269, nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignatureTallies", x => new { x.LetterId, x.Facet, x.Key });
                    table.ForeignKey(
                        name: "FK_SignatureTallies_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_CountryCode_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "CountryCode", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_CreatedAt_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "CreatedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_State_Kind_Id",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "Kind", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignatureTallies");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_CountryCode_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_CreatedAt_Id",
                table: "Signatures");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_LetterId_State_Kind_Id",
                table: "Signatures");
        }
    }
}
