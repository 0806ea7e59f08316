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
                name: "fund_donors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_donors", x => x.id);
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
                name: "fund_grants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    donor_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    period_start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    period_end = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_grants", x => x.id);
                    table.ForeignKey(
                        name: "fk_fund_grants_fund_donors_donor_id",
                        column: x => x.donor_id,
                        principalTable: "fund_donors",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "fund_budget_lines",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    grant_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    approved = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_budget_lines", x => x.id);
                    table.CheckConstraint("ck_fund_budget_lines_not_overspent", "approved >= 0 AND approved <= amount");
                    table.ForeignKey(
                        name: "fk_fund_budget_lines_fund_grants_grant_id",
                        column: x => x.grant_id,
                        principalTable: "fund_grants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "fund_disbursements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    fund_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    budget_line_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    supplier = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    supplier_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    receipt_reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    requested_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decided_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    reject_reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_disbursements", x => x.id);
                    table.ForeignKey(
                        name: "fk_fund_disbursements_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_fund_disbursements_fund_budget_lines_budget_line_id",
                        column: x => x.budget_line_id,
                        principalTable: "fund_budget_lines",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consents_case_id",
                table: "consents",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_budget_lines_grant_id_category",
                table: "fund_budget_lines",
                columns: new[] { "grant_id", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fund_disbursements_budget_line_id",
                table: "fund_disbursements",
                column: "budget_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_disbursements_case_id_supplier_key_receipt_reference",
                table: "fund_disbursements",
                columns: new[] { "case_id", "supplier_key", "receipt_reference" },
                unique: true,
                filter: "status <> 'Rejected'");

            migrationBuilder.CreateIndex(
                name: "ix_fund_disbursements_fund_organisation_id_status_requested_at",
                table: "fund_disbursements",
                columns: new[] { "fund_organisation_id", "status", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_fund_disbursements_organisation_id_requested_at",
                table: "fund_disbursements",
                columns: new[] { "organisation_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_fund_grants_donor_id",
                table: "fund_grants",
                column: "donor_id");

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
                name: "fund_disbursements");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "shelter_placements");

            migrationBuilder.DropTable(
                name: "shelter_places");

            migrationBuilder.DropTable(
                name: "shelter_waiting_entries");

            migrationBuilder.DropTable(
                name: "fund_budget_lines");

            migrationBuilder.DropTable(
                name: "shelters");

            migrationBuilder.DropTable(
                name: "fund_grants");

            migrationBuilder.DropTable(
                name: "fund_donors");
        }
    }
}
