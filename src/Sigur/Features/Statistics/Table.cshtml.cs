using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>Free cross-tabulation for analysts: pick rows, columns and filters; see the table and a chart. GET only, dimension names only.</summary>
[Authorize(Policy = Policies.Aggregates)]
public sealed class TableModel(FactSnapshot snapshot, SigurDb db, StatisticsSettings statistics, CurrentUser me, TimeProvider clock, IServiceProvider services) : PageModel
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

    /// <summary>The same table as a CSV or Excel file (<see cref="ExportTable"/>); audited.</summary>
    public async Task<IActionResult> OnGetFileAsync(string? format, CancellationToken ct)
    {
        var result = await ExportTable.Handle(new ExportTable.Request(Rows, Cols, Filter, Unit.ToString(), Reference.ToString(), Publication, format),
            snapshot, db, statistics, me, clock, services, ct);
        if (result.Result is FileContentHttpResult file) return this.Download(file);
        await OnGetAsync(ct);
        if (result.Result is ValidationProblem invalid)
            foreach (var (field, messages) in invalid.ProblemDetails.Errors) Errors.TryAdd(field, messages);
        return Page();
    }
}
