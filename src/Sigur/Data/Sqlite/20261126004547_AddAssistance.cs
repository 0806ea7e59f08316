using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Sqlite
{
    /// <inheritdoc />
    public partial class AddAssistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assistance_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    needs_assessment = table.Column<string>(type: "TEXT", nullable: false),
                    goals = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    next_review_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    approved_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    approved_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    closure_requested_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closure_requested_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    closure_summary = table.Column<string>(type: "TEXT", nullable: false),
                    closed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    closed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assistance_plans", x => x.id);
                    table.ForeignKey(
                        name: "fk_assistance_plans_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_contacts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    contact_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    housing = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    work = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    education = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    health = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    risk = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    note = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_up_contacts", x => x.id);
                    table.ForeignKey(
                        name: "fk_follow_up_contacts_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mobile_teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mobile_teams", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "organisation_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    languages = table.Column<string>(type: "TEXT", nullable: false),
                    serves_female = table.Column<bool>(type: "INTEGER", nullable: false),
                    serves_male = table.Column<bool>(type: "INTEGER", nullable: false),
                    serves_adults = table.Column<bool>(type: "INTEGER", nullable: false),
                    serves_children = table.Column<bool>(type: "INTEGER", nullable: false),
                    opening_hours = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    contact = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    capacity = table.Column<int>(type: "INTEGER", nullable: true),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisation_services", x => x.id);
                    table.ForeignKey(
                        name: "fk_organisation_services_organisations_organisation_id",
                        column: x => x.organisation_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reintegration_follow_ups",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    started_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    started_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    closed_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    closure_note = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reintegration_follow_ups", x => x.id);
                    table.ForeignKey(
                        name: "fk_reintegration_follow_ups_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "voluntary_returns",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    destination_country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    retrafficking_risk = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    risk_assessment = table.Column<string>(type: "TEXT", nullable: false),
                    family_situation = table.Column<string>(type: "TEXT", nullable: false),
                    services_at_destination = table.Column<string>(type: "TEXT", nullable: false),
                    travel_arrangements = table.Column<string>(type: "TEXT", nullable: false),
                    reception_arrangements = table.Column<string>(type: "TEXT", nullable: false),
                    planned_departure = table.Column<DateTime>(type: "TEXT", nullable: false),
                    departed_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    assessed_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    assessed_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_voluntary_returns", x => x.id);
                    table.ForeignKey(
                        name: "fk_voluntary_returns_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "planned_services",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    provider_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    planned_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    delivered_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    outcome = table.Column<string>(type: "TEXT", nullable: false),
                    cost_minor = table.Column<long>(type: "INTEGER", nullable: true),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_planned_services", x => x.id);
                    table.ForeignKey(
                        name: "fk_planned_services_assistance_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "assistance_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "field_visits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    visited_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    place = table.Column<string>(type: "TEXT", nullable: false),
                    member_ids = table.Column<string>(type: "TEXT", nullable: false),
                    persons_met = table.Column<int>(type: "INTEGER", nullable: false),
                    indicators = table.Column<string>(type: "TEXT", nullable: false),
                    identifications = table.Column<int>(type: "INTEGER", nullable: false),
                    referrals = table.Column<int>(type: "INTEGER", nullable: false),
                    case_references = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_field_visits", x => x.id);
                    table.ForeignKey(
                        name: "fk_field_visits_mobile_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "mobile_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "mobile_team_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    team_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    function = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mobile_team_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_mobile_team_members_mobile_teams_team_id",
                        column: x => x.team_id,
                        principalTable: "mobile_teams",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assistance_plans_case_id",
                table: "assistance_plans",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_field_visits_team_id_visited_on",
                table: "field_visits",
                columns: new[] { "team_id", "visited_on" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_contacts_case_id",
                table: "follow_up_contacts",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_follow_up_contacts_subject_id_contact_on",
                table: "follow_up_contacts",
                columns: new[] { "subject_id", "contact_on" });

            migrationBuilder.CreateIndex(
                name: "ix_mobile_team_members_organisation_id_team_id",
                table: "mobile_team_members",
                columns: new[] { "organisation_id", "team_id" });

            migrationBuilder.CreateIndex(
                name: "ix_mobile_team_members_team_id",
                table: "mobile_team_members",
                column: "team_id");

            migrationBuilder.CreateIndex(
                name: "ix_mobile_teams_organisation_id",
                table: "mobile_teams",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_organisation_services_organisation_id",
                table: "organisation_services",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_organisation_services_type_region",
                table: "organisation_services",
                columns: new[] { "type", "region" });

            migrationBuilder.CreateIndex(
                name: "ix_planned_services_plan_id",
                table: "planned_services",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_reintegration_follow_ups_case_id",
                table: "reintegration_follow_ups",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_voluntary_returns_case_id",
                table: "voluntary_returns",
                column: "case_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "field_visits");

            migrationBuilder.DropTable(
                name: "follow_up_contacts");

            migrationBuilder.DropTable(
                name: "mobile_team_members");

            migrationBuilder.DropTable(
                name: "organisation_services");

            migrationBuilder.DropTable(
                name: "planned_services");

            migrationBuilder.DropTable(
                name: "reintegration_follow_ups");

            migrationBuilder.DropTable(
                name: "voluntary_returns");

            migrationBuilder.DropTable(
                name: "mobile_teams");

            migrationBuilder.DropTable(
                name: "assistance_plans");
        }
    }
}
