using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SignOnLetters.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Letters : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Letters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LeadOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PrimaryLanguage = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DeadlineUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeadlineTimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SignatureGoal = table.Column<int>(type: "INTEGER", nullable: true),
                    WhoMaySign = table.Column<int>(type: "INTEGER", nullable: false),
                    Moderation = table.Column<int>(type: "INTEGER", nullable: false),
                    IndividualsMustGiveOrganisation = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ArchivedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LatestRevisionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    LatestVersionNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    ChangeCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Letters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Letters_Organisations_LeadOrganisationId",
                        column: x => x.LeadOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LetterAddressees",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Institution = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    LetterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterAddressees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterAddressees_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LetterCoAuthors",
                columns: table => new
                {
                    LetterId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterCoAuthors", x => new { x.LetterId, x.OrganisationId });
                    table.ForeignKey(
                        name: "FK_LetterCoAuthors_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LetterCoAuthors_Organisations_OrganisationId",
                        column: x => x.OrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LetterEditorInvitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LetterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    InvitedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcceptedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterEditorInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterEditorInvitations_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LetterEditors",
                columns: table => new
                {
                    LetterId = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterEditors", x => new { x.LetterId, x.UserId });
                    table.ForeignKey(
                        name: "FK_LetterEditors_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LetterEditors_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LetterRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LetterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Addressees = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterRevisions_AspNetUsers_AuthorUserId",
                        column: x => x.AuthorUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LetterRevisions_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LetterTexts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LanguageCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    LetterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterTexts_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LetterVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LetterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    PublishedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangeNote = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterVersions_Letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "Letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LetterRevisionTexts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LanguageCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    LetterRevisionId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterRevisionTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterRevisionTexts_LetterRevisions_LetterRevisionId",
                        column: x => x.LetterRevisionId,
                        principalTable: "LetterRevisions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LetterVersionTexts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LanguageCode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    LetterVersionId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LetterVersionTexts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LetterVersionTexts_LetterVersions_LetterVersionId",
                        column: x => x.LetterVersionId,
                        principalTable: "LetterVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LetterAddressees_LetterId",
                table: "LetterAddressees",
                column: "LetterId");

            migrationBuilder.CreateIndex(
                name: "IX_LetterCoAuthors_OrganisationId",
                table: "LetterCoAuthors",
                column: "OrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_LetterEditorInvitations_LetterId_NormalizedEmail",
                table: "LetterEditorInvitations",
                columns: new[] { "LetterId", "NormalizedEmail" });

            migrationBuilder.CreateIndex(
                name: "IX_LetterEditorInvitations_TokenHash",
                table: "LetterEditorInvitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LetterEditors_UserId",
                table: "LetterEditors",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_LetterRevisions_AuthorUserId",
                table: "LetterRevisions",
                column: "AuthorUserId");

            migrationBuilder.CreateIndex(
                name: "IX_LetterRevisions_LetterId_Number",
                table: "LetterRevisions",
                columns: new[] { "LetterId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LetterRevisionTexts_LetterRevisionId",
                table: "LetterRevisionTexts",
                column: "LetterRevisionId");

            migrationBuilder.CreateIndex(
                name: "IX_Letters_LeadOrganisationId",
                table: "Letters",
                column: "LeadOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Letters_Slug",
                table: "Letters",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Letters_Status_DeadlineUtc",
                table: "Letters",
                columns: new[] { "Status", "DeadlineUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LetterTexts_LetterId",
                table: "LetterTexts",
                column: "LetterId");

            migrationBuilder.CreateIndex(
                name: "IX_LetterVersions_LetterId_Number",
                table: "LetterVersions",
                columns: new[] { "LetterId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LetterVersionTexts_LetterVersionId",
                table: "LetterVersionTexts",
                column: "LetterVersionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LetterAddressees");

            migrationBuilder.DropTable(
                name: "LetterCoAuthors");

            migrationBuilder.DropTable(
                name: "LetterEditorInvitations");

            migrationBuilder.DropTable(
                name: "LetterEditors");

            migrationBuilder.DropTable(
                name: "LetterRevisionTexts");

            migrationBuilder.DropTable(
                name: "LetterTexts");

            migrationBuilder.DropTable(
                name: "LetterVersionTexts");

            migrationBuilder.DropTable(
                name: "LetterRevisions");

            migrationBuilder.DropTable(
                name: "LetterVersions");

            migrationBuilder.DropTable(
                name: "Letters");
        }
    }
}
