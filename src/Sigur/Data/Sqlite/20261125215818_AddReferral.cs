using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Sqlite
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    basis = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    given_by = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    guardian_name = table.Column<string>(type: "TEXT", nullable: false),
                    recipient_organisation_ids = table.Column<string>(type: "TEXT", nullable: false),
                    data_groups = table.Column<string>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    valid_until = table.Column<DateTime>(type: "TEXT", nullable: false),
                    withdrawn_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    withdrawn_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    override_reason = table.Column<string>(type: "TEXT", nullable: false),
                    review = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    reviewed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recipient_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    services = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    requested_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    answered_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    decline_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoke_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    address = table.Column<string>(type: "TEXT", nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_shelters", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "shelter_placements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    shelter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    age_group = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    admitted_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    admitted_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    discharged_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    discharged_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    discharge_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false)
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
                    shelter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    age_group = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    places = table.Column<int>(type: "INTEGER", nullable: false),
                    occupied = table.Column<int>(type: "INTEGER", nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    shelter_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    age_group = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    added_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    removed_at = table.Column<DateTime>(type: "TEXT", nullable: true)
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
