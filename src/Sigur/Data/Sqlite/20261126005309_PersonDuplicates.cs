using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Sqlite
{
    /// <inheritdoc />
    public partial class PersonDuplicates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "merged_into_id",
                table: "persons",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "rejected",
                table: "person_link",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "rejected_at",
                table: "person_link",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "rejected_by",
                table: "person_link",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "score",
                table: "person_link",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "person_link",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "person_merge",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kept_person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    absorbed_person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    moved_case_ids = table.Column<string>(type: "TEXT", nullable: false),
                    link_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    merged_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    merged_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    undone_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    undone_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_merge", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_merge_persons_absorbed_person_id",
                        column: x => x.absorbed_person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_person_merge_persons_kept_person_id",
                        column: x => x.kept_person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_person_merge_absorbed_person_id",
                table: "person_merge",
                column: "absorbed_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_merge_kept_person_id",
                table: "person_merge",
                column: "kept_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_merge_organisation_id_merged_at",
                table: "person_merge",
                columns: new[] { "organisation_id", "merged_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "person_merge");

            migrationBuilder.DropColumn(
                name: "merged_into_id",
                table: "persons");

            migrationBuilder.DropColumn(
                name: "rejected",
                table: "person_link");

            migrationBuilder.DropColumn(
                name: "rejected_at",
                table: "person_link");

            migrationBuilder.DropColumn(
                name: "rejected_by",
                table: "person_link");

            migrationBuilder.DropColumn(
                name: "score",
                table: "person_link");

            migrationBuilder.DropColumn(
                name: "version",
                table: "person_link");
        }
    }
}
