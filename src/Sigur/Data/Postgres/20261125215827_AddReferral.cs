using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Postgres
{
    /// <inheritdoc />
    public partial class AddReferral : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "consents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    basis = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    given_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    guardian_name = table.Column<string>(type: "text", nullable: false),
                    recipient_organisation_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    data_groups = table.Column<string[]>(type: "text[]", nullable: false),
                    purpose = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    recorded_by = table.Column<Guid>(type: "uuid", nullable: false),
                    valid_until = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    withdrawn_by = table.Column<Guid>(type: "uuid", nullable: true),
                    override_reason = table.Column<string>(type: "text", nullable: false),
                    review = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    reviewed_by = table.Column<Guid>(type: "uuid", nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consents", x => x.id);
                    table.ForeignKey(
                        name: "fk_consents_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "referrals",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    services = table.Column<string[]>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    requested_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    requested_by = table.Column<Guid>(type: "uuid", nullable: false),
                    answered_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    answered_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    completed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    revoke_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_referrals", x => x.id);
                    table.ForeignKey(
                        name: "fk_referrals_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "shelters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    region = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    address = table.Column<string>(type: "text", nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shelters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shelter_placements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    shelter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sex = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    age_group = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    admitted_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    admitted_by = table.Column<Guid>(type: "uuid", nullable: false),
                    discharged_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    discharged_by = table.Column<Guid>(type: "uuid", nullable: true),
                    discharge_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shelter_placements", x => x.id);
                    table.ForeignKey(
                        name: "fk_shelter_placements_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_shelter_placements_shelters_shelter_id",
                        column: x => x.shelter_id,
                        principalTable: "shelters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "shelter_places",
                columns: table => new
                {
                    shelter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sex = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    age_group = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    places = table.Column<int>(type: "integer", nullable: false),
                    occupied = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shelter_places", x => new { x.shelter_id, x.sex, x.age_group });
                    table.CheckConstraint("ck_shelter_places_occupied", "occupied >= 0 AND occupied <= places");
                    table.ForeignKey(
                        name: "fk_shelter_places_shelters_shelter_id",
                        column: x => x.shelter_id,
                        principalTable: "shelters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "shelter_waiting_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    shelter_id = table.Column<Guid>(type: "uuid", nullable: false),
                    organisation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_reference = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sex = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    age_group = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    added_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shelter_waiting_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_shelter_waiting_entries_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_shelter_waiting_entries_shelters_shelter_id",
                        column: x => x.shelter_id,
                        principalTable: "shelters",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consents_case_id",
                table: "consents",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_case_id",
                table: "referrals",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_organisation_id_requested_at",
                table: "referrals",
                columns: new[] { "organisation_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_recipient_organisation_id_status",
                table: "referrals",
                columns: new[] { "recipient_organisation_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_shelter_placements_case_id",
                table: "shelter_placements",
                column: "case_id",
                unique: true,
                filter: "discharged_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_shelter_placements_shelter_id_discharged_at",
                table: "shelter_placements",
                columns: new[] { "shelter_id", "discharged_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shelter_waiting_entries_case_id",
                table: "shelter_waiting_entries",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_shelter_waiting_entries_shelter_id_removed_at_added_at",
                table: "shelter_waiting_entries",
                columns: new[] { "shelter_id", "removed_at", "added_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shelters_organisation_id",
                table: "shelters",
                column: "organisation_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "shelter_placements");

            migrationBuilder.DropTable(
                name: "shelter_places");

            migrationBuilder.DropTable(
                name: "shelter_waiting_entries");

            migrationBuilder.DropTable(
                name: "shelters");
        }
    }
}
