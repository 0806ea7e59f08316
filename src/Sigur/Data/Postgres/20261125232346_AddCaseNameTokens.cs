using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Postgres
{
    /// <inheritdoc />
    public partial class AddCaseNameTokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "case_name_tokens",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    token = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    registered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_name_tokens", x => new { x.case_id, x.token });
                    table.ForeignKey(
                        name: "fk_case_name_tokens_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing cases are indexed under their persons' tokens before the index is built (cheaper than row by row).
            migrationBuilder.Sql(
                "INSERT INTO case_name_tokens (case_id, token, organisation_id, registered_at) " +
                "SELECT c.id, t.token, c.organisation_id, c.registered_at FROM cases c JOIN person_name_tokens t ON t.person_id = c.person_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_name_tokens_token_organisation_id_registered_at_case_id",
                table: "case_name_tokens",
                columns: new[] { "token", "organisation_id", "registered_at", "case_id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "case_name_tokens");
        }
    }
}
