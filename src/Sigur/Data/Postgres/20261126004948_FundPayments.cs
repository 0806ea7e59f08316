using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Postgres
{
    /// <inheritdoc />
    public partial class FundPayments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_fund_budget_lines_not_overspent",
                table: "fund_budget_lines");

            migrationBuilder.AddColumn<long>(
                name: "paid_amount",
                table: "fund_disbursements",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "paid_on",
                table: "fund_disbursements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "payment_recorded_at",
                table: "fund_disbursements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "payment_recorded_by",
                table: "fund_disbursements",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "payment_reference",
                table: "fund_disbursements",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "receipt_date",
                table: "fund_disbursements",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "paid",
                table: "fund_budget_lines",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddCheckConstraint(
                name: "ck_fund_budget_lines_not_overspent",
                table: "fund_budget_lines",
                sql: "approved >= 0 AND approved <= amount AND paid >= 0 AND paid <= approved");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "ck_fund_budget_lines_not_overspent",
                table: "fund_budget_lines");

            migrationBuilder.DropColumn(
                name: "paid_amount",
                table: "fund_disbursements");

            migrationBuilder.DropColumn(
                name: "paid_on",
                table: "fund_disbursements");

            migrationBuilder.DropColumn(
                name: "payment_recorded_at",
                table: "fund_disbursements");

            migrationBuilder.DropColumn(
                name: "payment_recorded_by",
                table: "fund_disbursements");

            migrationBuilder.DropColumn(
                name: "payment_reference",
                table: "fund_disbursements");

            migrationBuilder.DropColumn(
                name: "receipt_date",
                table: "fund_disbursements");

            migrationBuilder.DropColumn(
                name: "paid",
                table: "fund_budget_lines");

            migrationBuilder.AddCheckConstraint(
                name: "ck_fund_budget_lines_not_overspent",
                table: "fund_budget_lines",
                sql: "approved >= 0 AND approved <= amount");
        }
    }
}
