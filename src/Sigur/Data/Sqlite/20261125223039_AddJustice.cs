using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Sqlite
{
    /// <inheritdoc />
    public partial class AddJustice : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "catalogue_revision",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    edition = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    edited_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    edited_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_catalogue_revision", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "proceeding",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    stage_date = table.Column<DateTime>(type: "TEXT", nullable: false),
                    police_reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    prosecutor_reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    court_reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    victim_role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    protection_measures = table.Column<string>(type: "TEXT", nullable: false),
                    non_punishment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    non_punishment_note = table.Column<string>(type: "TEXT", nullable: false),
                    confiscation_description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    confiscated_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    confiscated_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    opened_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proceeding", x => x.id);
                    table.ForeignKey(
                        name: "fk_proceeding_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "qualification_decision",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    edition = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    revision = table.Column<int>(type: "INTEGER", nullable: false),
                    accepted = table.Column<string>(type: "TEXT", nullable: false),
                    facts = table.Column<string>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", nullable: false),
                    accepted_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    accepted_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_qualification_decision", x => x.id);
                    table.ForeignKey(
                        name: "fk_qualification_decision_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "suspect",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    given_name = table.Column<string>(type: "TEXT", nullable: false),
                    family_name = table.Column<string>(type: "TEXT", nullable: false),
                    aliases = table.Column<string>(type: "TEXT", nullable: false),
                    date_of_birth = table.Column<string>(type: "TEXT", nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    citizenships = table.Column<string>(type: "TEXT", nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suspect", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "compensation_claim",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proceeding_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    suspect_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    claimed_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    awarded_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    paid_minor = table.Column<long>(type: "INTEGER", nullable: false),
                    claimed_on = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_compensation_claim", x => x.id);
                    table.ForeignKey(
                        name: "fk_compensation_claim_proceeding_proceeding_id",
                        column: x => x.proceeding_id,
                        principalTable: "proceeding",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "proceeding_stage_event",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proceeding_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    date = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_proceeding_stage_event", x => x.id);
                    table.ForeignKey(
                        name: "fk_proceeding_stage_event_proceeding_proceeding_id",
                        column: x => x.proceeding_id,
                        principalTable: "proceeding",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "charge",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proceeding_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    suspect_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    edition = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    article = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    paragraph = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    date = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    superseded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    superseded_by_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_charge", x => x.id);
                    table.ForeignKey(
                        name: "fk_charge_proceeding_proceeding_id",
                        column: x => x.proceeding_id,
                        principalTable: "proceeding",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_charge_suspect_suspect_id",
                        column: x => x.suspect_id,
                        principalTable: "suspect",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "defendant_outcome",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    proceeding_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    suspect_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    verdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    date = table.Column<DateTime>(type: "TEXT", nullable: false),
                    article = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    paragraph = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    sentence_months = table.Column<int>(type: "INTEGER", nullable: true),
                    suspended = table.Column<bool>(type: "INTEGER", nullable: false),
                    fine_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    fine_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_defendant_outcome", x => x.id);
                    table.ForeignKey(
                        name: "fk_defendant_outcome_proceeding_proceeding_id",
                        column: x => x.proceeding_id,
                        principalTable: "proceeding",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_defendant_outcome_suspect_suspect_id",
                        column: x => x.suspect_id,
                        principalTable: "suspect",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "suspect_case_link",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    suspect_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    roles_in_process = table.Column<string>(type: "TEXT", nullable: false),
                    relation_to_victim = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    linked_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suspect_case_link", x => x.id);
                    table.ForeignKey(
                        name: "fk_suspect_case_link_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_suspect_case_link_suspect_suspect_id",
                        column: x => x.suspect_id,
                        principalTable: "suspect",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_catalogue_revision_country_edition_revision",
                table: "catalogue_revision",
                columns: new[] { "country", "edition", "revision" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_charge_proceeding_id",
                table: "charge",
                column: "proceeding_id");

            migrationBuilder.CreateIndex(
                name: "ix_charge_suspect_id",
                table: "charge",
                column: "suspect_id");

            migrationBuilder.CreateIndex(
                name: "ix_compensation_claim_proceeding_id",
                table: "compensation_claim",
                column: "proceeding_id");

            migrationBuilder.CreateIndex(
                name: "ix_defendant_outcome_proceeding_id",
                table: "defendant_outcome",
                column: "proceeding_id");

            migrationBuilder.CreateIndex(
                name: "ix_defendant_outcome_suspect_id",
                table: "defendant_outcome",
                column: "suspect_id");

            migrationBuilder.CreateIndex(
                name: "ix_proceeding_case_id",
                table: "proceeding",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_proceeding_organisation_id",
                table: "proceeding",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_proceeding_stage_event_proceeding_id",
                table: "proceeding_stage_event",
                column: "proceeding_id");

            migrationBuilder.CreateIndex(
                name: "ix_qualification_decision_case_id",
                table: "qualification_decision",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_suspect_organisation_id",
                table: "suspect",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_suspect_case_link_case_id",
                table: "suspect_case_link",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_suspect_case_link_suspect_id_case_id",
                table: "suspect_case_link",
                columns: new[] { "suspect_id", "case_id" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "catalogue_revision");

            migrationBuilder.DropTable(
                name: "charge");

            migrationBuilder.DropTable(
                name: "compensation_claim");

            migrationBuilder.DropTable(
                name: "defendant_outcome");

            migrationBuilder.DropTable(
                name: "proceeding_stage_event");

            migrationBuilder.DropTable(
                name: "qualification_decision");

            migrationBuilder.DropTable(
                name: "suspect_case_link");

            migrationBuilder.DropTable(
                name: "proceeding");

            migrationBuilder.DropTable(
                name: "suspect");
        }
    }
}
