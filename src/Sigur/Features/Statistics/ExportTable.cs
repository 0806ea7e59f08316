using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>
/// One cross-table (<see cref="GetTable"/>: the same rows, columns, filters and protection) as a CSV or Excel file that
/// names who produced it and when; audited as an export, like the report templates.
/// </summary>
public static class ExportTable
{
    public const string Policy = Policies.Aggregates;

    public sealed record Request(string? Rows, string? Cols, string[]? Filter, string? Unit, string? Reference, bool Publication, string? Format);

    public static async Task<Results<FileContentHttpResult, ValidationProblem>> Handle(Request request, FactSnapshot snapshot, SigurDb db,
        StatisticsSettings statistics, CurrentUser user, TimeProvider clock, IServiceProvider services, CancellationToken ct)
    {
        var errors = GetTable.Parse(request.Rows, request.Cols, request.Filter?.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray(), request.Unit,
            request.Reference, out var spec);
        var format = ReportFormat.Csv;
        if (!Enum.TryParse(request.Format, ignoreCase: true, out format) || format is not (ReportFormat.Csv or ReportFormat.Xlsx))
            errors["format"] = ["csv or xlsx."];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors);
        PublishedTable table;
        try
        {
            table = await FreeTables.PublishAsync(snapshot, db, statistics, spec, request.Publication, ct);
        }
        catch (FreeTables.TooLarge e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["filter"] = [e.Message] });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        using var buffer = new MemoryStream();
        await ReportFiles.WriteTableAsync(table, statistics.ReportingCountry, await ExportReport.AuthorAsync(db, user, ct), now, format, buffer, ct);
        await ExportAudit.RecordAsync(services, "StatisticsTable",
            $"{table.Rows} x {table.Columns ?? "none"}; {string.Join("; ", table.Filters)}; {table.Unit} {table.Reference}{(request.Publication ? " publication" : "")} {format}", ct);
        var name = string.Create(CultureInfo.InvariantCulture, $"table-{table.Rows}{(table.Columns is { } c ? "-" + c : "")}-{now:yyyyMMdd}.{format.ToString().ToLowerInvariant()}");
        return TypedResults.File(buffer.ToArray(), ReportFiles.ContentType(format), name);
    }
}
