using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>Free cross-tabulation for analysts: pick rows, columns and filters; see the table and a chart. GET only, dimension names only.</summary>
[Authorize(Policy = Policies.Aggregates)]
public sealed class TableModel(FactSnapshot snapshot, SigurDb db, StatisticsSettings statistics) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Rows { get; set; } = "sex";
    [BindProperty(SupportsGet = true)] public string? Cols { get; set; } = "year";
    [BindProperty(SupportsGet = true)] public string[] Filter { get; set; } = [];
    [BindProperty(SupportsGet = true)] public CountingUnit Unit { get; set; } = CountingUnit.Person;
    [BindProperty(SupportsGet = true)] public ReferenceDate Reference { get; set; } = ReferenceDate.Intake;
    [BindProperty(SupportsGet = true)] public ChartKind Chart { get; set; } = ChartKind.Bar;
    [BindProperty(SupportsGet = true)] public bool Publication { get; set; }

    public PublishedTable? Result { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var filters = Filter.Where(f => !string.IsNullOrWhiteSpace(f)).ToArray();
        Filter = filters;
        Errors = CrossTab.Validate(Rows, Cols, filters, out var parsed);
        FreeTables.Check(Rows, Cols, parsed, Errors);
        if (Errors.Count > 0) return;
        try
        {
            Result = await FreeTables.PublishAsync(snapshot, db, statistics, new TableSpec(Rows, Cols, parsed, Unit, Reference), Publication, ct);
        }
        catch (FreeTables.TooLarge e)
        {
            Errors["filter"] = [e.Message];
        }
    }
}
