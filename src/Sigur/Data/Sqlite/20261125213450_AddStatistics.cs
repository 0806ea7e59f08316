using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Sqlite
{
    /// <inheritdoc />
    public partial class AddStatistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "age_at_intake",
                table: "cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "imported_record",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    layout = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    year_unknown = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_imported_record", x => x.key);
                    table.ForeignKey(
                        name: "fk_imported_record_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_a_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_b_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    confirmed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    confirmed_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_link", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_link_persons_person_a_id",
                        column: x => x.person_a_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_person_link_persons_person_b_id",
                        column: x => x.person_b_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_imported_record_batch_id",
                table: "imported_record",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_imported_record_case_id",
                table: "imported_record",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_link_person_a_id",
                table: "person_link",
                column: "person_a_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_link_person_a_id_person_b_id",
                table: "person_link",
                columns: new[] { "person_a_id", "person_b_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_person_link_person_b_id",
                table: "person_link",
                column: "person_b_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "imported_record");

            migrationBuilder.DropTable(
                name: "person_link");

            migrationBuilder.DropColumn(
                name: "age_at_intake",
                table: "cases");
        }
    }
}
