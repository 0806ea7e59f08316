using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Postgres
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "rejected",
                table: "person_link",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "rejected_at",
                table: "person_link",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "rejected_by",
                table: "person_link",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "score",
                table: "person_link",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "person_link",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "person_merge",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kept_person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    absorbed_person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    moved_case_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    link_id = table.Column<Guid>(type: "uuid", nullable: false),
                    merged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    merged_by = table.Column<Guid>(type: "uuid", nullable: true),
                    undone_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    undone_by = table.Column<Guid>(type: "uuid", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
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
