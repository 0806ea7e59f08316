using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "action_plans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    starts = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ends = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_action_plans", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_users",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    display_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    culture = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    is_disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    must_change_password = table.Column<bool>(type: "INTEGER", nullable: false),
                    last_totp_step = table.Column<long>(type: "INTEGER", nullable: true),
                    user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    password_hash = table.Column<string>(type: "TEXT", nullable: true),
                    security_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number = table.Column<string>(type: "TEXT", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    access_failed_count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_users", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_chain_heads",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain_heads", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    record_type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    record_ids = table.Column<string>(type: "TEXT", nullable: true),
                    field_groups = table.Column<string>(type: "TEXT", nullable: true),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    address = table.Column<string>(type: "TEXT", nullable: true),
                    previous_hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.sequence);
                });

            migrationBuilder.CreateTable(
                name: "bodies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    parent_body_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bodies", x => x.id);
                    table.ForeignKey(
                        name: "fk_bodies_bodies_parent_body_id",
                        column: x => x.parent_body_id,
                        principalTable: "bodies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "break_glass_grants",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    granted_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    reviewed_by = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_break_glass_grants", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "case_reference_counters",
                columns: table => new
                {
                    year = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    next = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_reference_counters", x => x.year);
                });

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
                name: "data_protection_keys",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    friendly_name = table.Column<string>(type: "TEXT", nullable: true),
                    xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_data_protection_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "field_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    @sealed = table.Column<string>(name: "sealed", type: "TEXT", maxLength: 400, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_field_keys", x => x.id);
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
                name: "organisations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    is_active = table.Column<bool>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_organisations", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "persons",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    given_name = table.Column<string>(type: "TEXT", nullable: false),
                    family_name = table.Column<string>(type: "TEXT", nullable: false),
                    aliases = table.Column<string>(type: "TEXT", nullable: false),
                    date_of_birth = table.Column<string>(type: "TEXT", nullable: false),
                    contact = table.Column<string>(type: "TEXT", nullable: false),
                    documents = table.Column<string>(type: "TEXT", nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    estimated_age = table.Column<int>(type: "INTEGER", nullable: true),
                    possibly_child = table.Column<bool>(type: "INTEGER", nullable: false),
                    citizenships = table.Column<string>(type: "TEXT", nullable: false),
                    languages = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false),
                    merged_into_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_persons", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "reference_figure",
                columns: table => new
                {
                    key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    series = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    country_code = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    country_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    indicator = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    dimension = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    category = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    sex = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    age = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    unit_of_measurement = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    occurrence = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<int>(type: "INTEGER", nullable: true),
                    suppressed_below = table.Column<int>(type: "INTEGER", nullable: true),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    file = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    imported_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reference_figure", x => x.key);
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
                name: "statistics_change",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    generation = table.Column<long>(type: "INTEGER", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    import_batch_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statistics_change", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "statistics_generation",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statistics_generation", x => x.id);
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
                name: "trm_inbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    peer_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    conversation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    sent_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trm_inbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trm_instance_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    use = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    kid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    public_jwk = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    sealed_private_key = table.Column<byte[]>(type: "BLOB", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trm_instance_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trm_notices",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    received = table.Column<bool>(type: "INTEGER", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trm_notices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "trm_peers",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    inbox_url = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    legal_basis = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    allowed_organisation_ids = table.Column<string>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    receiving_organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    registered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    registered_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trm_peers", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "plan_objectives",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_objectives", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_objectives_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "reporting_periods",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    starts = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ends = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    locked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reporting_periods", x => x.id);
                    table.ForeignKey(
                        name: "fk_reporting_periods_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    claim_type = table.Column<string>(type: "TEXT", nullable: true),
                    claim_value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_asp_net_user_claims_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    provider_key = table.Column<string>(type: "TEXT", nullable: false),
                    provider_display_name = table.Column<string>(type: "TEXT", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_asp_net_user_logins_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "asp_net_user_tokens",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    login_provider = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    value = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_asp_net_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_asp_net_user_tokens_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sign_in_session",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    refresh_generation = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sign_in_session", x => x.id);
                    table.ForeignKey(
                        name: "fk_sign_in_session_asp_net_users_user_id",
                        column: x => x.user_id,
                        principalTable: "asp_net_users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    body_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    starts_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    duration_minutes = table.Column<int>(type: "INTEGER", nullable: false),
                    time_zone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    location = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    series_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    recurrence_rule = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    minutes = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => x.id);
                    table.ForeignKey(
                        name: "fk_meetings_bodies_body_id",
                        column: x => x.body_id,
                        principalTable: "bodies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
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

            migrationBuilder.CreateTable(
                name: "body_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    body_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    institution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    deputy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    term_start = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    term_end = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_body_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_body_members_bodies_body_id",
                        column: x => x.body_id,
                        principalTable: "bodies",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_body_members_organisations_institution_id",
                        column: x => x.institution_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                name: "cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    intake_channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    intake_date = table.Column<DateTime>(type: "TEXT", nullable: false),
                    registered_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    identification_status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    forms_of_exploitation = table.Column<string>(type: "TEXT", nullable: false),
                    means_of_control = table.Column<string>(type: "TEXT", nullable: false),
                    countries_of_origin = table.Column<string>(type: "TEXT", nullable: false),
                    countries_of_transit = table.Column<string>(type: "TEXT", nullable: false),
                    countries_of_exploitation = table.Column<string>(type: "TEXT", nullable: false),
                    region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    age_at_intake = table.Column<int>(type: "INTEGER", nullable: true),
                    narrative = table.Column<string>(type: "TEXT", nullable: false),
                    responsible_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    deputy_user_ids = table.Column<string>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_cases_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                    confirmed_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    score = table.Column<double>(type: "REAL", nullable: false),
                    rejected = table.Column<bool>(type: "INTEGER", nullable: false),
                    rejected_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    rejected_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "person_name_tokens",
                columns: table => new
                {
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_name_tokens", x => new { x.person_id, x.token });
                    table.ForeignKey(
                        name: "fk_person_name_tokens_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "person_relations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    shared_with_organisation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    group = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    related_person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    contact = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_person_relations", x => x.id);
                    table.ForeignKey(
                        name: "fk_person_relations_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_person_relations_persons_related_person_id",
                        column: x => x.related_person_id,
                        principalTable: "persons",
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
                name: "trm_outbox",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    peer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    conversation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    service = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    consent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    token = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    expires_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    next_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    last_attempt_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    delivered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    last_error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    receipt = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trm_outbox", x => x.id);
                    table.ForeignKey(
                        name: "fk_trm_outbox_trm_peers_peer_id",
                        column: x => x.peer_id,
                        principalTable: "trm_peers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "trm_peer_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    peer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    use = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    kid = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    jwk = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    valid_from = table.Column<DateTime>(type: "TEXT", nullable: false),
                    valid_until = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trm_peer_keys", x => x.id);
                    table.ForeignKey(
                        name: "fk_trm_peer_keys_trm_peers_peer_id",
                        column: x => x.peer_id,
                        principalTable: "trm_peers",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_activities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    plan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    objective_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    code = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    responsible_institution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    partner_ids = table.Column<string>(type: "TEXT", nullable: false),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    budget = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    funding_source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    indicator = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    baseline = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    target = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_activities", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_activities_action_plans_plan_id",
                        column: x => x.plan_id,
                        principalTable: "action_plans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_plan_activities_organisations_responsible_institution_id",
                        column: x => x.responsible_institution_id,
                        principalTable: "organisations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_plan_activities_plan_objectives_objective_id",
                        column: x => x.objective_id,
                        principalTable: "plan_objectives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "agenda_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    presenter = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agenda_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_agenda_items_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    body_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    owner_institution_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    follow_up = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_decisions", x => x.id);
                    table.ForeignKey(
                        name: "fk_decisions_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
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
                    paid = table.Column<long>(type: "INTEGER", nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_budget_lines", x => x.id);
                    table.CheckConstraint("ck_fund_budget_lines_not_overspent", "approved >= 0 AND approved <= amount AND paid >= 0 AND paid <= approved");
                    table.ForeignKey(
                        name: "fk_fund_budget_lines_fund_grants_grant_id",
                        column: x => x.grant_id,
                        principalTable: "fund_grants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "attendance",
                columns: table => new
                {
                    meeting_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attendance", x => new { x.meeting_id, x.member_id });
                    table.ForeignKey(
                        name: "fk_attendance_body_members_member_id",
                        column: x => x.member_id,
                        principalTable: "body_members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_attendance_meetings_meeting_id",
                        column: x => x.meeting_id,
                        principalTable: "meetings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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
                name: "case_closures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    note = table.Column<string>(type: "TEXT", nullable: false),
                    carried_over = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    by = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_closures", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_closures_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    shared_with_organisation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    subject = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    group = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    uploaded_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    uploaded_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_documents_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_case_documents_persons_person_id",
                        column: x => x.person_id,
                        principalTable: "persons",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_name_tokens",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    token = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    registered_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "case_notes",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    person_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    shared_with_organisation_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    group = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    text = table.Column<string>(type: "TEXT", nullable: false),
                    written_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    written_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    written_by_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_notes", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_notes_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    title = table.Column<string>(type: "TEXT", nullable: false),
                    assignee_user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    due_on = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    source_key = table.Column<string>(type: "TEXT", maxLength: 80, nullable: true),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    ended_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ended_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_tasks_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                    purpose = table.Column<string>(type: "TEXT", nullable: false),
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
                    decline_reason = table.Column<string>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoked_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    revoke_reason = table.Column<string>(type: "TEXT", nullable: false),
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
                    discharge_reason = table.Column<string>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "trm_conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    peer_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    case_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    case_reference = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    peer_case_reference = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    phase = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    services = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    consent_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    decline_reason = table.Column<string>(type: "TEXT", nullable: false),
                    started_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    sent_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    received_sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_trm_conversations", x => x.id);
                    table.ForeignKey(
                        name: "fk_trm_conversations_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_trm_conversations_trm_peers_peer_id",
                        column: x => x.peer_id,
                        principalTable: "trm_peers",
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
                name: "progress_reports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    period_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    activity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    organisation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    actual = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    narrative = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    reported_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_progress_reports", x => x.id);
                    table.ForeignKey(
                        name: "fk_progress_reports_plan_activities_activity_id",
                        column: x => x.activity_id,
                        principalTable: "plan_activities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_progress_reports_reporting_periods_period_id",
                        column: x => x.period_id,
                        principalTable: "reporting_periods",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
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
                    purpose = table.Column<string>(type: "TEXT", nullable: false),
                    supplier = table.Column<string>(type: "TEXT", nullable: false),
                    cost_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    receipt_reference = table.Column<string>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    requested_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    requested_by = table.Column<Guid>(type: "TEXT", nullable: false),
                    decided_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    decided_by = table.Column<Guid>(type: "TEXT", nullable: true),
                    reject_reason = table.Column<string>(type: "TEXT", nullable: false),
                    receipt_date = table.Column<DateTime>(type: "TEXT", nullable: true),
                    paid_amount = table.Column<long>(type: "INTEGER", nullable: true),
                    payment_reference = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    paid_on = table.Column<DateTime>(type: "TEXT", nullable: true),
                    payment_recorded_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    payment_recorded_by = table.Column<Guid>(type: "TEXT", nullable: true),
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
                name: "document_contents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_document_contents", x => x.id);
                    table.ForeignKey(
                        name: "fk_document_contents_case_documents_id",
                        column: x => x.id,
                        principalTable: "case_documents",
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

            migrationBuilder.InsertData(
                table: "audit_chain_heads",
                columns: new[] { "id", "hash", "sequence" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.InsertData(
                table: "statistics_generation",
                columns: new[] { "id", "value" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "ix_agenda_items_meeting_id_position",
                table: "agenda_items",
                columns: new[] { "meeting_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_claims_user_id",
                table: "asp_net_user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_user_logins_user_id",
                table: "asp_net_user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "email_index",
                table: "asp_net_users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_asp_net_users_organisation_id",
                table: "asp_net_users",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "user_name_index",
                table: "asp_net_users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assistance_plans_case_id",
                table: "assistance_plans",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_assistance_plans_one_open",
                table: "assistance_plans",
                column: "case_id",
                unique: true,
                filter: "status <> 'Closed'");

            migrationBuilder.CreateIndex(
                name: "ix_attendance_member_id",
                table: "attendance",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_at",
                table: "audit_entries",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_user_id_at",
                table: "audit_entries",
                columns: new[] { "user_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_bodies_organisation_id",
                table: "bodies",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_bodies_parent_body_id",
                table: "bodies",
                column: "parent_body_id");

            migrationBuilder.CreateIndex(
                name: "ix_body_members_body_id",
                table: "body_members",
                column: "body_id");

            migrationBuilder.CreateIndex(
                name: "ix_body_members_institution_id_body_id",
                table: "body_members",
                columns: new[] { "institution_id", "body_id" });

            migrationBuilder.CreateIndex(
                name: "ix_break_glass_grants_user_id_expires_at",
                table: "break_glass_grants",
                columns: new[] { "user_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_closures_case_id_at",
                table: "case_closures",
                columns: new[] { "case_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_documents_case_id_uploaded_at",
                table: "case_documents",
                columns: new[] { "case_id", "uploaded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_documents_person_id_uploaded_at",
                table: "case_documents",
                columns: new[] { "person_id", "uploaded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_documents_subject_id",
                table: "case_documents",
                column: "subject_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_name_tokens_token_organisation_id_registered_at_case_id",
                table: "case_name_tokens",
                columns: new[] { "token", "organisation_id", "registered_at", "case_id" });

            migrationBuilder.CreateIndex(
                name: "ix_case_notes_case_id_written_at",
                table: "case_notes",
                columns: new[] { "case_id", "written_at" });

            migrationBuilder.CreateIndex(
                name: "ix_case_tasks_case_id",
                table: "case_tasks",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_case_tasks_organisation_id_status_assignee_user_id_due_on",
                table: "case_tasks",
                columns: new[] { "organisation_id", "status", "assignee_user_id", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_case_tasks_source_key",
                table: "case_tasks",
                column: "source_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_organisation_id_registered_at",
                table: "cases",
                columns: new[] { "organisation_id", "registered_at" });

            migrationBuilder.CreateIndex(
                name: "ix_cases_person_id",
                table: "cases",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_cases_reference",
                table: "cases",
                column: "reference",
                unique: true);

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
                name: "ix_child_protection_case_id",
                table: "child_protection",
                column: "case_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_compensation_claim_proceeding_id",
                table: "compensation_claim",
                column: "proceeding_id");

            migrationBuilder.CreateIndex(
                name: "ix_consents_case_id",
                table: "consents",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_meeting_id",
                table: "decisions",
                column: "meeting_id");

            migrationBuilder.CreateIndex(
                name: "ix_decisions_owner_institution_id_status",
                table: "decisions",
                columns: new[] { "owner_institution_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_defendant_outcome_proceeding_id",
                table: "defendant_outcome",
                column: "proceeding_id");

            migrationBuilder.CreateIndex(
                name: "ix_defendant_outcome_suspect_id",
                table: "defendant_outcome",
                column: "suspect_id");

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
                name: "ix_fund_budget_lines_grant_id_category",
                table: "fund_budget_lines",
                columns: new[] { "grant_id", "category" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fund_disbursements_budget_line_id",
                table: "fund_disbursements",
                column: "budget_line_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_disbursements_case_id_cost_key",
                table: "fund_disbursements",
                columns: new[] { "case_id", "cost_key" },
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
                name: "ix_imported_record_batch_id",
                table: "imported_record",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_imported_record_case_id",
                table: "imported_record",
                column: "case_id");

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
                name: "ix_legal_clocks_one_running_recovery_period",
                table: "legal_clock",
                columns: new[] { "case_id", "type" },
                unique: true,
                filter: "type = 'RecoveryPeriod' AND state = 'Running'");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_body_id_starts_at",
                table: "meetings",
                columns: new[] { "body_id", "starts_at" });

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
                name: "ix_notification_dedupe_key",
                table: "notification",
                column: "dedupe_key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_notification_organisation_id_user_id_created_at",
                table: "notification",
                columns: new[] { "organisation_id", "user_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_organisation_services_organisation_id",
                table: "organisation_services",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_organisation_services_type_region",
                table: "organisation_services",
                columns: new[] { "type", "region" });

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

            migrationBuilder.CreateIndex(
                name: "ix_person_name_tokens_token_organisation_id",
                table: "person_name_tokens",
                columns: new[] { "token", "organisation_id" });

            migrationBuilder.CreateIndex(
                name: "ix_person_relations_person_id",
                table: "person_relations",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "ix_person_relations_related_person_id",
                table: "person_relations",
                column: "related_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_persons_organisation_id",
                table: "persons",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_activities_objective_id",
                table: "plan_activities",
                column: "objective_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_activities_plan_id_code",
                table: "plan_activities",
                columns: new[] { "plan_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_activities_responsible_institution_id",
                table: "plan_activities",
                column: "responsible_institution_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_objectives_plan_id_code",
                table: "plan_objectives",
                columns: new[] { "plan_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_planned_services_plan_id",
                table: "planned_services",
                column: "plan_id");

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
                name: "ix_progress_reports_activity_id",
                table: "progress_reports",
                column: "activity_id");

            migrationBuilder.CreateIndex(
                name: "ix_progress_reports_period_id_activity_id",
                table: "progress_reports",
                columns: new[] { "period_id", "activity_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_qualification_decision_case_id",
                table: "qualification_decision",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_reference_figure_country_code_year",
                table: "reference_figure",
                columns: new[] { "country_code", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_case_id",
                table: "referrals",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_one_active_per_recipient",
                table: "referrals",
                columns: new[] { "case_id", "recipient_organisation_id" },
                unique: true,
                filter: "status IN ('Requested', 'Accepted')");

            migrationBuilder.CreateIndex(
                name: "ix_referrals_organisation_id_requested_at",
                table: "referrals",
                columns: new[] { "organisation_id", "requested_at" });

            migrationBuilder.CreateIndex(
                name: "ix_referrals_recipient_organisation_id_status",
                table: "referrals",
                columns: new[] { "recipient_organisation_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_reintegration_follow_ups_case_id",
                table: "reintegration_follow_ups",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_reintegration_follow_ups_one_open",
                table: "reintegration_follow_ups",
                column: "case_id",
                unique: true,
                filter: "closed_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_reporting_periods_plan_id",
                table: "reporting_periods",
                column: "plan_id");

            migrationBuilder.CreateIndex(
                name: "ix_screening_case_id_screened_on",
                table: "screening",
                columns: new[] { "case_id", "screened_on" });

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
                name: "ix_shelter_waiting_entries_once",
                table: "shelter_waiting_entries",
                columns: new[] { "shelter_id", "case_id" },
                unique: true,
                filter: "removed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_shelter_waiting_entries_shelter_id_removed_at_added_at",
                table: "shelter_waiting_entries",
                columns: new[] { "shelter_id", "removed_at", "added_at" });

            migrationBuilder.CreateIndex(
                name: "ix_shelters_organisation_id",
                table: "shelters",
                column: "organisation_id");

            migrationBuilder.CreateIndex(
                name: "ix_sign_in_session_user_id",
                table: "sign_in_session",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_statistics_change_generation",
                table: "statistics_change",
                column: "generation");

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

            migrationBuilder.CreateIndex(
                name: "ix_trm_conversations_case_id",
                table: "trm_conversations",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_trm_conversations_organisation_id_started_at",
                table: "trm_conversations",
                columns: new[] { "organisation_id", "started_at" });

            migrationBuilder.CreateIndex(
                name: "ix_trm_conversations_peer_id",
                table: "trm_conversations",
                column: "peer_id");

            migrationBuilder.CreateIndex(
                name: "ix_trm_inbox_peer_id_message_id",
                table: "trm_inbox",
                columns: new[] { "peer_id", "message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trm_inbox_received_at",
                table: "trm_inbox",
                column: "received_at");

            migrationBuilder.CreateIndex(
                name: "ix_trm_instance_keys_kid",
                table: "trm_instance_keys",
                column: "kid",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trm_instance_keys_one_current",
                table: "trm_instance_keys",
                column: "use",
                unique: true,
                filter: "valid_until IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_trm_notices_at",
                table: "trm_notices",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_trm_outbox_conversation_id_sequence",
                table: "trm_outbox",
                columns: new[] { "conversation_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trm_outbox_peer_id",
                table: "trm_outbox",
                column: "peer_id");

            migrationBuilder.CreateIndex(
                name: "ix_trm_outbox_status_next_attempt_at",
                table: "trm_outbox",
                columns: new[] { "status", "next_attempt_at" });

            migrationBuilder.CreateIndex(
                name: "ix_trm_peer_keys_kid",
                table: "trm_peer_keys",
                column: "kid");

            migrationBuilder.CreateIndex(
                name: "ix_trm_peer_keys_peer_id_kid",
                table: "trm_peer_keys",
                columns: new[] { "peer_id", "kid" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_trm_peers_country",
                table: "trm_peers",
                column: "country",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_voluntary_returns_case_id",
                table: "voluntary_returns",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_voluntary_returns_one_planned",
                table: "voluntary_returns",
                column: "case_id",
                unique: true,
                filter: "status = 'Planned'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agenda_items");

            migrationBuilder.DropTable(
                name: "asp_net_user_claims");

            migrationBuilder.DropTable(
                name: "asp_net_user_logins");

            migrationBuilder.DropTable(
                name: "asp_net_user_tokens");

            migrationBuilder.DropTable(
                name: "attendance");

            migrationBuilder.DropTable(
                name: "audit_chain_heads");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "break_glass_grants");

            migrationBuilder.DropTable(
                name: "case_closures");

            migrationBuilder.DropTable(
                name: "case_name_tokens");

            migrationBuilder.DropTable(
                name: "case_notes");

            migrationBuilder.DropTable(
                name: "case_reference_counters");

            migrationBuilder.DropTable(
                name: "case_tasks");

            migrationBuilder.DropTable(
                name: "catalogue_revision");

            migrationBuilder.DropTable(
                name: "charge");

            migrationBuilder.DropTable(
                name: "checklist_version");

            migrationBuilder.DropTable(
                name: "child_protection");

            migrationBuilder.DropTable(
                name: "compensation_claim");

            migrationBuilder.DropTable(
                name: "consents");

            migrationBuilder.DropTable(
                name: "data_protection_keys");

            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropTable(
                name: "defendant_outcome");

            migrationBuilder.DropTable(
                name: "document_contents");

            migrationBuilder.DropTable(
                name: "field_keys");

            migrationBuilder.DropTable(
                name: "field_visits");

            migrationBuilder.DropTable(
                name: "follow_up_contacts");

            migrationBuilder.DropTable(
                name: "fund_disbursements");

            migrationBuilder.DropTable(
                name: "hotline_contact");

            migrationBuilder.DropTable(
                name: "hotline_duty_shift");

            migrationBuilder.DropTable(
                name: "hotline_reference_counter");

            migrationBuilder.DropTable(
                name: "identification_decision");

            migrationBuilder.DropTable(
                name: "imported_record");

            migrationBuilder.DropTable(
                name: "legal_clock");

            migrationBuilder.DropTable(
                name: "mobile_team_members");

            migrationBuilder.DropTable(
                name: "notification");

            migrationBuilder.DropTable(
                name: "organisation_services");

            migrationBuilder.DropTable(
                name: "person_link");

            migrationBuilder.DropTable(
                name: "person_merge");

            migrationBuilder.DropTable(
                name: "person_name_tokens");

            migrationBuilder.DropTable(
                name: "person_relations");

            migrationBuilder.DropTable(
                name: "planned_services");

            migrationBuilder.DropTable(
                name: "proceeding_stage_event");

            migrationBuilder.DropTable(
                name: "progress_reports");

            migrationBuilder.DropTable(
                name: "qualification_decision");

            migrationBuilder.DropTable(
                name: "reference_figure");

            migrationBuilder.DropTable(
                name: "referrals");

            migrationBuilder.DropTable(
                name: "reintegration_follow_ups");

            migrationBuilder.DropTable(
                name: "screening");

            migrationBuilder.DropTable(
                name: "shelter_placements");

            migrationBuilder.DropTable(
                name: "shelter_places");

            migrationBuilder.DropTable(
                name: "shelter_waiting_entries");

            migrationBuilder.DropTable(
                name: "sign_in_session");

            migrationBuilder.DropTable(
                name: "statistics_change");

            migrationBuilder.DropTable(
                name: "statistics_generation");

            migrationBuilder.DropTable(
                name: "suspect_case_link");

            migrationBuilder.DropTable(
                name: "trm_conversations");

            migrationBuilder.DropTable(
                name: "trm_inbox");

            migrationBuilder.DropTable(
                name: "trm_instance_keys");

            migrationBuilder.DropTable(
                name: "trm_notices");

            migrationBuilder.DropTable(
                name: "trm_outbox");

            migrationBuilder.DropTable(
                name: "trm_peer_keys");

            migrationBuilder.DropTable(
                name: "voluntary_returns");

            migrationBuilder.DropTable(
                name: "body_members");

            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropTable(
                name: "case_documents");

            migrationBuilder.DropTable(
                name: "fund_budget_lines");

            migrationBuilder.DropTable(
                name: "mobile_teams");

            migrationBuilder.DropTable(
                name: "assistance_plans");

            migrationBuilder.DropTable(
                name: "proceeding");

            migrationBuilder.DropTable(
                name: "plan_activities");

            migrationBuilder.DropTable(
                name: "reporting_periods");

            migrationBuilder.DropTable(
                name: "shelters");

            migrationBuilder.DropTable(
                name: "asp_net_users");

            migrationBuilder.DropTable(
                name: "suspect");

            migrationBuilder.DropTable(
                name: "trm_peers");

            migrationBuilder.DropTable(
                name: "bodies");

            migrationBuilder.DropTable(
                name: "fund_grants");

            migrationBuilder.DropTable(
                name: "cases");

            migrationBuilder.DropTable(
                name: "organisations");

            migrationBuilder.DropTable(
                name: "plan_objectives");

            migrationBuilder.DropTable(
                name: "fund_donors");

            migrationBuilder.DropTable(
                name: "persons");

            migrationBuilder.DropTable(
                name: "action_plans");
        }
    }
}
