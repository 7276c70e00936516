using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CoordinatorViewsPrivacyAndInvitations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymisedAt",
                table: "Signatures",
                type: "datetime2",
                nullable: true);

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

            migrationBuilder.CreateTable(
                name: "PartnerInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LetterId = table.Column<int>(type: "int", nullable: false),
                    OrganisationName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OrganisationKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ContactEmail = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    EmailKey = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: false),
                    Message = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    TokenHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    SentAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeclinedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastReminderAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RemindersSent = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerInvitations_Letters_LetterId",
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

            migrationBuilder.CreateIndex(
                name: "IX_PartnerInvitations_LetterId_EmailKey",
                table: "PartnerInvitations",
                columns: new[] { "LetterId", "EmailKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerInvitations_TokenHash",
                table: "PartnerInvitations",
                column: "TokenHash",
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

            migrationBuilder.DropTable(
                name: "PartnerInvitations");

            migrationBuilder.DropIndex(
                name: "IX_Signatures_MergedIntoId",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "Signatures");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Signatures");
        }
    }
}
