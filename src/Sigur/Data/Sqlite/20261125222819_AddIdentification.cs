using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Sqlite
{
    /// <inheritdoc />
    public partial class AddIdentification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "checklist_version",
                columns: table => new
                {
                    checklist_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    json = table.Column<string>(type: "TEXT", nullable: false),
                    published_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    published_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_checklist_version", x => new { x.checklist_id, x.version });
                });

            migrationBuilder.CreateTable(
                name: "child_protection",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    guardian_name = table.Column<string>(type: "TEXT", nullable: false),
                    guardian_authority = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    guardian_appointed_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    best_interests_assessed_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    best_interests_assessment = table.Column<string>(type: "TEXT", nullable: false),
                    best_interests_determined_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    best_interests_determined_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    best_interests_determination = table.Column<string>(type: "TEXT", nullable: false),
                    child_views = table.Column<string>(type: "TEXT", nullable: false),
                    safeguards = table.Column<string>(type: "TEXT", nullable: false),
                    procedure_notes = table.Column<string>(type: "TEXT", nullable: false),
                    age_assessed_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    age_assessment = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    age_assessed_by = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    age_assessment_notes = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_child_protection", x => x.id);
                    table.ForeignKey(
                        name: "fk_child_protection_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hotline_contact",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    language = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    caller_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    anonymous = table.Column<bool>(type: "INTEGER", nullable: false),
                    caller_contact = table.Column<string>(type: "TEXT", nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    what_happened = table.Column<string>(type: "TEXT", nullable: false),
                    urgency = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    advice_given = table.Column<string>(type: "TEXT", nullable: false),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    follow_up = table.Column<string>(type: "TEXT", nullable: false),
                    follow_up_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    operator_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_contact", x => x.id);
                    table.ForeignKey(
                        name: "fk_hotline_contact_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "hotline_duty_shift",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ends_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_duty_shift", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "hotline_reference_counter",
                columns: table => new
                {
                    year = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    next = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hotline_reference_counter", x => x.year);
                });

            migrationBuilder.CreateTable(
                name: "identification_decision",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    from = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    to = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    review_of = table.Column<Guid>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    decided_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    deciding_body_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    deciding_organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    deciding_organisation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    formal_authority = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    reasons = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_identification_decision", x => x.id);
                    table.ForeignKey(
                        name: "fk_identification_decision_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "legal_clock",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    starts_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    due_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    original_due_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    completed_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    responsible_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    notes = table.Column<string>(type: "TEXT", nullable: false),
                    extensions = table.Column<int>(type: "INTEGER", nullable: false),
                    permit_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    renewal_requested_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    renewal_decided_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    renewal_granted = table.Column<bool>(type: "INTEGER", nullable: true),
                    renewals = table.Column<int>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_legal_clock", x => x.id);
                    table.ForeignKey(
                        name: "fk_legal_clock_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "notification",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    arguments = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    link = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    read_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    dedupe_key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "screening",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    checklist_id = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    checklist_version = table.Column<int>(type: "INTEGER", nullable: false),
                    observed = table.Column<string>(type: "TEXT", nullable: false),
                    screened_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    screener = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    notes = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_screening", x => x.id);
                    table.ForeignKey(
                        name: "fk_screening_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_child_protection_case_id",
                table: "child_protection",
                column: "case_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hotline_contact_case_id",
                table: "hotline_contact",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_hotline_contact_organisation_id_received_at",
                table: "hotline_contact",
                columns: new[] { "organisation_id", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_hotline_contact_reference",
                table: "hotline_contact",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_hotline_duty_shift_organisation_id_ends_at",
                table: "hotline_duty_shift",
                columns: new[] { "organisation_id", "ends_at" });

            migrationBuilder.CreateIndex(
                name: "ix_identification_decision_case_id_sequence",
                table: "identification_decision",
                columns: new[] { "case_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_legal_clock_case_id",
                table: "legal_clock",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_legal_clock_organisation_id_state_due_on",
                table: "legal_clock",
                columns: new[] { "organisation_id", "state", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_legal_clock_responsible_user_id_state_due_on",
                table: "legal_clock",
                columns: new[] { "responsible_user_id", "state", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_notification_dedupe_key",
                table: "notification",
                column: "dedupe_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notification_organisation_id_user_id_created_at",
                table: "notification",
                columns: new[] { "organisation_id", "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_screening_case_id_screened_on",
                table: "screening",
                columns: new[] { "case_id", "screened_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "checklist_version");

            migrationBuilder.DropTable(
                name: "child_protection");

            migrationBuilder.DropTable(
                name: "hotline_contact");

            migrationBuilder.DropTable(
                name: "hotline_duty_shift");

            migrationBuilder.DropTable(
                name: "hotline_reference_counter");

            migrationBuilder.DropTable(
                name: "identification_decision");

            migrationBuilder.DropTable(
                name: "legal_clock");

            migrationBuilder.DropTable(
                name: "notification");

            migrationBuilder.DropTable(
                name: "screening");
        }
    }
}
