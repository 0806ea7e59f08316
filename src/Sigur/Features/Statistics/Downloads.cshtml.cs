using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sigur.Data;
using Sigur.Features.Shared;
using Sigur.Platform;

namespace Sigur.Features.Statistics;

/// <summary>
/// The files an analyst publishes: every report template for a year as Excel, CSV or PDF (<see cref="ExportReport"/>),
/// and the k-anonymous HTCDS/CTDC record export (<see cref="RecordExport"/>); each download is audited. GET forms:
/// a download changes nothing, and the handler rides in the form's fields (a GET form drops its action's query).
/// </summary>
[Authorize(Policy = Policies.Aggregates)]
public sealed class DownloadsModel(SigurDb db, StatisticsSettings statistics, CurrentUser me, TimeProvider clock, IServiceProvider services) : PageModel
{
    public IReadOnlyList<ReportTemplate> Templates => ReportTemplate.All;
    public int LastYear { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public void OnGet() => LastYear = clock.GetUtcNow().Year - 1;

    public async Task<IActionResult> OnGetTemplateAsync(string template, int? year, string? format, CancellationToken ct)
    {
        var result = await ExportReport.Handle(template, year, format, db, statistics, me, clock, services, ct);
        switch (result.Result)
        {
            case FileContentHttpResult file: return this.Download(file);
            case ValidationProblem invalid: Errors = new(invalid.ProblemDetails.Errors); break;
            default: return NotFound();
        }
        OnGet();
        return Page();
    }

    public async Task<IActionResult> OnGetHtcdsAsync(int k, double maxSuppression, CancellationToken ct)
    {
        if (k is < 2 or > 1000) Errors["k"] = ["k: from 2 to 1000."];
        if (maxSuppression is not (>= 0 and <= 100)) Errors["maxSuppression"] = ["A percentage from 0 to 100."];
        OnGet();
        if (Errors.Count > 0) return Page();
        var (csv, _) = await RecordExport.ProduceAsync(services, k, maxSuppression / 100, "statistics page", ct);
        return File(csv, ReportFiles.ContentType(ReportFormat.Csv), $"htcds-k{k}-{clock.GetUtcNow():yyyyMMdd}.csv");
    }
}
