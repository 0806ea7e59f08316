using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>The statistics routes: de-identified aggregates only, for analysts and the national coordinator.</summary>
public static class StatisticsApi
{
    public static void MapStatisticsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/statistics").RequireAuthorization(Policies.Aggregates).WithTags("Statistics");
        group.MapGet("/case-totals", CaseTotals.Handle).WithSummary("Cases by year and identification status, small cells suppressed");
        group.MapGet("/table", GetTable.Handle).WithSummary("A cross-table: rows and columns by dimension names, filters as dimension=value");
        group.MapGet("/dimensions", GetTable.Dimensions).WithSummary("The dimensions one can count by, and the counting rules");
    }
}
