using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Signatures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Signatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LetterId = table.Column<int>(type: "int", nullable: false),
                    LetterVersionId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    OrganisationName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    OrganisationKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    OrganisationId = table.Column<int>(type: "int", nullable: true),
                    CountryCode = table.Column<string>(type: "nchar(2)", fixedLength: true, maxLength: 2, nullable: false),
                    SignerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Website = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    EmailKey = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    Visibility = table.Column<int>(type: "int", nullable: false),
                    KeepMeUpdated = table.Column<bool>(type: "bit", nullable: false),
                    ConsentedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    HoldReason = table.Column<int>(type: "int", nullable: false),
                    RejectionReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Source = table.Column<int>(type: "int", nullable: false),
                    RepresentativeUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ClientNetwork = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ConfirmationTokenHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ConfirmationExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConfirmationEmailsSent = table.Column<int>(type: "int", nullable: false),
                    LastConfirmationEmailAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    WithdrawTokenHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReviewedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ErasedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ChangeCount = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Signatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Signatures_LetterVersions_LetterVersionId",
                        column: x => x.LetterVersionId,
                        principalTable: "LetterVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Signatures_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Signatures_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SignatureEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SignatureId = table.Column<int>(type: "int", nullable: false),
                    FromState = table.Column<int>(type: "int", nullable: true),
                    ToState = table.Column<int>(type: "int", nullable: false),
                    Actor = table.Column<int>(type: "int", nullable: false),
                    ActorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(1100)", maxLength: 1100, nullable: true),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignatureEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SignatureEvents_Signatures_SignatureId",
                        column: x => x.SignatureId,
                        principalTable: "Signatures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignatureEvents_SignatureId_At",
                table: "SignatureEvents",
                columns: new[] { "SignatureId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_ActiveEmail",
                table: "Signatures",
                columns: new[] { "LetterId", "EmailKey" },
                unique: true,
                filter: "\"EmailKey\" IS NOT NULL AND \"State\" < 3");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_ActiveOrganisation",
                table: "Signatures",
                columns: new[] { "LetterId", "OrganisationKey" },
                unique: true,
                filter: "\"OrganisationKey\" IS NOT NULL AND \"State\" < 3");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_ConfirmationTokenHash",
                table: "Signatures",
                column: "ConfirmationTokenHash",
                unique: true,
                filter: "\"ConfirmationTokenHash\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterId_State_Kind_CountryCode",
                table: "Signatures",
                columns: new[] { "LetterId", "State", "Kind", "CountryCode" });

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_LetterVersionId",
                table: "Signatures",
                column: "LetterVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_OrganisationId",
                table: "Signatures",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Signatures_WithdrawTokenHash",
                table: "Signatures",
                column: "WithdrawTokenHash",
                unique: true,
                filter: "\"WithdrawTokenHash\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignatureEvents");

            migrationBuilder.DropTable(
                name: "Signatures");
        }
    }
}
