using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Record : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RecordSalt",
                table: "Signatures",
                type: "varchar(32)",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RecordEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LetterId = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<int>(type: "int", nullable: false),
                    SignatureId = table.Column<int>(type: "int", nullable: false),
                    Of = table.Column<int>(type: "int", nullable: true),
                    Event = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<string>(type: "varchar(10)", unicode: false, maxLength: 10, nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: true),
                    Listed = table.Column<bool>(type: "bit", nullable: false),
                    ShownName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ShownRole = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ShownOrganisation = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ShownCountry = table.Column<string>(type: "varchar(2)", unicode: false, maxLength: 2, nullable: true),
                    ShownUnverified = table.Column<bool>(type: "bit", nullable: false),
                    Salt = table.Column<string>(type: "varchar(32)", unicode: false, maxLength: 32, nullable: true),
                    Leaf = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Head = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    ReceiptOwed = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecordEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RecordEntries_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RecordEntries_Signatures_SignatureId",
                        column: x => x.SignatureId,
                        principalTable: "Signatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecordEntries_LetterId_Sequence",
                table: "RecordEntries",
                columns: new[] { "LetterId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RecordEntries_SignatureId",
                table: "RecordEntries",
                column: "SignatureId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecordEntries");

            migrationBuilder.DropColumn(
                name: "RecordSalt",
                table: "Signatures");
        }
    }
}
