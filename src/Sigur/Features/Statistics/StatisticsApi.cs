using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>The statistics routes: de-identified aggregates only, for analysts and the national coordinator.</summary>
public static class StatisticsApi
{
    public static void MapStatisticsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/statistics").WithTags("Statistics");
        group.MapGet("/case-totals", CaseTotals.Handle).WithSummary("Cases by year and identification status, small cells suppressed");
        group.MapGet("/table", GetTable.Handle).WithSummary("A cross-table: rows and columns by dimension names, filters as dimension=value");
        group.MapGet("/dimensions", GetTable.Dimensions).WithSummary("The dimensions one can count by, and the counting rules");
        group.MapGet("/reference", ReferenceComparison.Handle).WithSummary("A reference series (UNODC GLOTIP) beside the national figures for a year, with the differences");
        group.MapGet("/reports", ExportReport.List).WithSummary("The report templates (GRETA, Eurostat, the regional database)");
        group.MapGet("/reports/{id}", ExportReport.Handle).WithSummary("A report for a year as xlsx, csv or pdf, small cells withheld for publication (audited)");
    }
}
