using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Sigur.Data.Sqlite
{
    /// <inheritdoc />
    public partial class AddReferenceSeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "ix_reference_figure_country_code_year",
                table: "reference_figure",
                columns: new[] { "country_code", "year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "reference_figure");
        }
    }
}
